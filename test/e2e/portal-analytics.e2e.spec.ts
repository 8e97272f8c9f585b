import { readFileSync } from 'node:fs';
import { chromium, Browser } from 'playwright-core';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

/**
 * The portal's whose-move chart and screening table, in a real browser (Debian's chromium):
 * rendered from the API, with the numbers in a data table beside the chart, and no axe-core
 * violations in those sections.
 *
 * History: problem P raised 2015-03-01 12h, accepted and given a SERFOR task 03-02 12h, task done
 * and P resolved 03-04 12h → dedicated team 1 day, SERFOR 2 days. Problem R raised 03-01 12h,
 * rejected 03-02 12h ("subsidio") → dedicated team 1 day. Team 2 of 4 days (50%), SERFOR 50%.
 */
describe('portal: who holds the ball, and screening', () => {
  let t: TestApp;
  let browser: Browser | null = null;

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    const coordinator = t.token({ role: 'coordinator' });
    const post = async (path: string, body: object) => {
      const r = await t.http
        .post(`${API}${path}`)
        .set('authorization', `Bearer ${coordinator}`)
        .send(body);
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    };
    const m = freshId('forestal');
    const at = (day: string) => `2015-03-${day}T12:00:00Z`;
    await post('/mesas', {
      mesaId: m,
      name: 'Forestal',
      kind: 'sector',
      scope: 'forestal',
      convener: 'PRODUCE',
      occurredAt: '2015-02-01T12:00:00Z',
    });
    await post(`/mesas/${m}/viability`, {
      viable: true,
      notes: 'ok',
      occurredAt: '2015-02-02T12:00:00Z',
    });
    await post(`/mesas/${m}/launch`, { occurredAt: '2015-02-03T12:00:00Z' });
    await post(`/mesas/${m}/participants`, {
      participantId: 'gremio',
      name: 'Gremio',
      organisation: 'Asociación Forestal',
      role: 'private',
      occurredAt: '2015-02-03T13:00:00Z',
    });
    for (const problemId of ['p', 'r']) {
      await post(`/mesas/${m}/problems`, {
        problemId: `${m}-${problemId}`,
        title: problemId,
        barrier: 'funding',
        raisedBy: 'gremio',
        occurredAt: at('01'),
      });
    }
    const p = `/problems/${m}-p`;
    await post(`/problems/${m}-r/filter`, {
      decision: 'rejected',
      reason: 'subsidio',
      occurredAt: at('02'),
    });
    await post(`${p}/filter`, { decision: 'accepted', occurredAt: at('02') });
    await post(`${p}/tasks`, {
      taskId: 't1',
      title: 'Norma',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-03-30',
      occurredAt: at('02'),
    });
    await post(`${p}/tasks/t1/complete`, { occurredAt: at('04') });
    await post(`${p}/resolve`, { outcome: 'ok', occurredAt: at('04') });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('draws the chart with its data table and the screening table, accessibly', async () => {
    const page = await browser!.newPage();
    // browser-side code as strings: this project's TypeScript has no DOM types
    await page.addInitScript("localStorage.setItem('mesas.lang', 'en')");
    const cells = (selector: string) =>
      page.evaluate(
        `Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map((r) => Array.from(r.children).map((c) => c.textContent))`,
      );
    const origin = t.baseUrl!.replace(/\/api\/v1$/, '');
    await page.goto(`${origin}/#/analytics`);
    await page.waitForSelector('#whose-move table');
    await page.waitForSelector('#screening table');
    const courts = await cells('#whose-move tbody tr');
    expect(courts).toEqual([
      // a tie in days: by court code, code-unit order
      ['SERFOR', '2.0', '50.0%', '1'],
      ['dedicated team', '2.0', '50.0%', '2'],
    ]);
    expect(await page.$$eval('#whose-move svg rect', (r) => r.length)).toBe(2);
    const screened = await cells('#screening tbody tr');
    expect(screened).toEqual([
      ['Asociación Forestal', '2', '1', '1', '0', '50.0%', 'subsidio (1)'],
    ]);
    expect(await page.getAttribute('#whose-move a[download]', 'href')).toBe(
      '/api/v1/analytics/whose-move?format=csv',
    );

    // evaluated by the test's devtools session, not injected as an inline <script>: the
    // portal's Content-Security-Policy (rightly) blocks inline scripts
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(
      `axe.run({ include: [['#whose-move'], ['#screening']] }).then((r) => r.violations.map((v) => v.id))`,
    );
    expect(violations).toEqual([]);
  });
});
