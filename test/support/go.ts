import { spawnSync } from 'node:child_process';

/**
 * Go and Debian's golang.org/x/mod sources (packages golang-go and golang-golang-x-mod-dev), for
 * the cross-checks of the C2SP formats against the Go checksum database's own code.
 */
export const GOPATH = process.env.MESAS_TEST_GOPATH ?? '/usr/share/gocode';

let available: boolean | null = null;

export function goAvailable(): boolean {
  if (available !== null) return available;
  const go = spawnSync('go', ['version'], { stdio: 'ignore', timeout: 10_000 });
  const mod = spawnSync('test', ['-f', `${GOPATH}/src/golang.org/x/mod/sumdb/note/note.go`]);
  available = go.status === 0 && mod.status === 0;
  return available;
}

/**
 * `describe` when Go and x/mod are installed. Under CI=true their absence fails the suite (CI
 * installs them); elsewhere the suite is skipped and says so.
 */
export function describeWithGo(name: string, body: () => void): void {
  if (goAvailable()) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Go and golang.org/x/mod', () => {
        throw new Error(
          `go or ${GOPATH}/src/golang.org/x/mod is missing and CI=true: apt-get install golang-go golang-golang-x-mod-dev`,
        );
      });
    });
    return;
  }
  console.warn(
    `SKIPPED: ${name} needs go and ${GOPATH}/src/golang.org/x/mod (apt-get install golang-go golang-golang-x-mod-dev)`,
  );
  describe.skip(name, body);
}

/** The environment for `go run` in GOPATH mode on Debian's packaged sources, offline. */
export function goEnv(cacheDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GO111MODULE: 'off',
    GOPATH,
    GOPROXY: 'off',
    GOCACHE: cacheDir,
  };
}
