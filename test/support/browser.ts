import { existsSync } from 'node:fs';

/** Debian's chromium by default; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the browser suites launch Chromium with (no sandbox in containers, no network chatter). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

let warned = false;

/**
 * `describe` when Chromium is installed. Otherwise: under CI=true the suite fails (a missing
 * browser is never a silent pass); elsewhere it is skipped, and says so once, loudly.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} and CI=true`);
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    console.warn(
      `SKIPPED: Chromium is not installed at ${CHROMIUM_PATH}; the browser suites did not run ` +
        '(install it, e.g. apt-get install -y chromium, or set CHROMIUM_PATH)',
    );
  }
  describe.skip(name, body);
}
