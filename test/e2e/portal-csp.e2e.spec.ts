import { chromium, Browser } from 'playwright-core';
import { seedAcceptedProblem, seedLaunchedMesa } from './support/http-fixtures';
import { TestApp, startTestApp } from './support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The portal under the API's Content-Security-Policy, in a real browser: every view loads
 * without a CSP violation (a blocked script, style or fetch would break it silently).
 */
describe('the portal under the Content-Security-Policy (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let mesaId: string;

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    origin = t.baseUrl!.replace(/\/api\/v1$/, '');
    const coordinator = t.token({ role: 'coordinator' });
    const mesa = await seedLaunchedMesa(t, coordinator, 'portal');
    await seedAcceptedProblem(t, coordinator, mesa);
    mesaId = mesa.mesaId;
    // the analytics view draws its legend (with style attributes) once the projection has it
    const analytics = await t.http.get(
      `/api/v1/analytics/time-to-resolution?minPosition=${mesa.last.position}`,
    );
    expect(analytics.status).toBe(200);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads every view without a CSP violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text());
    });
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    // a script of the test's own (not subject to the page's CSP) reports every violation
    await page.addInitScript({
      content:
        "document.addEventListener('securitypolicyviolation', (e) => " +
        "window.reportViolation(e.violatedDirective + ' ' + e.blockedURI));",
    });
    const response = await page.goto(`${origin}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // the portal's pages, each loaded whole (its enhancement script included)
    for (const path of ['/', `/mesas/${mesaId}`, '/history', '/analytics']) {
      const page_ = await page.goto(`${origin}${path}`);
      expect([path, page_?.status()]).toEqual([path, 200]);
      await page.waitForLoadState('networkidle');
    }
    expect(await page.locator('main').innerText()).not.toBe('');
    expect(violations).toEqual([]);
  });
});
