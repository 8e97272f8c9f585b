import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, describeWithBrowser } from '../support/browser';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

const PHONE = 390;

type AxeViolation = { id: string; impact: string | null; nodes: { target: string[] }[] };

/**
 * The server-rendered `/analytics` page's whose-move chart and screening table, in Chromium:
 * the numbers in data tables with JavaScript off, no sideways scrolling on a 390 px phone, and
 * no axe-core violation.
 *
 * History: problem P raised 2015-03-01 12h, accepted and given a SERFOR task 03-02 12h, task done
 * and P resolved 03-04 12h → dedicated team 1 day, SERFOR 2 days. Problem R raised 03-01 12h,
 * rejected 03-02 12h ("subsidio") → dedicated team 1 day. Team 2 of 4 days (50%), SERFOR 50%.
 */
describeWithBrowser('portal: who holds the ball, and screening', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  const m = freshId('forestal');

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    origin = (t.baseUrl as string).replace(API, '');
    const coordinator = t.token({ role: 'coordinator' });
    let lastPosition = '0';
    const post = async (path: string, body: object) => {
      const r = await t.http
        .post(`${API}${path}`)
        .set('authorization', `Bearer ${coordinator}`)
        .send(body);
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      lastPosition = (r.body as { position: string }).position;
    };
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
    // the page reads the analytics projection: wait until it has every event above
    const ready = await fetch(
      `${t.baseUrl}/analytics/whose-move?mesaId=${m}&minPosition=${lastPosition}`,
    );
    if (ready.status !== 200) throw new Error(`whose-move -> ${ready.status}`);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, js: boolean): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: PHONE, height: 844 },
      javaScriptEnabled: js,
    });
    const page = await context.newPage();
    const response = await page.goto(`${origin}${path}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  /** Each body row as its cells' trimmed text (the row header first). */
  async function rows(page: Page, selector: string): Promise<string[][]> {
    const out: string[][] = [];
    for (const tr of await page.locator(`${selector} tbody tr`).all()) {
      out.push((await tr.locator('th, td').allTextContents()).map((c) => c.trim()));
    }
    return out;
  }

  it('with JavaScript off, the whose-move table and the screening table carry the numbers', async () => {
    const page = await open(`/analytics?mesaId=${m}&lang=en`, false);
    expect(await page.locator('#whose-move h2').textContent()).toBe('Who holds the ball');
    expect(await rows(page, '#whose-move table')).toEqual([
      // a tie in days: by court code, code-unit order
      ['SERFOR', '2.0', '50.0 %', '1'],
      ['Dedicated team', '2.0', '50.0 %', '2'],
    ]);
    expect(await page.locator('#whose-move svg.chart rect.bar').count()).toBe(2);
    expect(await page.locator('#whose-move caption').textContent()).toContain(
      'Days and share by party',
    );
    expect(await page.getAttribute('#whose-move a[type="text/csv"]', 'href')).toBe(
      `/api/v1/analytics/whose-move?mesaId=${m}&format=csv`,
    );
    expect(await rows(page, '#screening table')).toEqual([
      ['Asociación Forestal', '2', '1', '1', '0', '50.0 %', 'subsidio (1)'],
    ]);
    expect(await page.getAttribute('#screening a[type="text/csv"]', 'href')).toBe(
      `/api/v1/analytics/screening?groupBy=organisation&mesaId=${m}&format=csv`,
    );
    await page.context().close();

    const es = await open(`/analytics?mesaId=${m}`, false);
    expect(await rows(es, '#whose-move table')).toEqual([
      ['SERFOR', '2.0', '50.0 %', '1'],
      ['Equipo dedicado', '2.0', '50.0 %', '2'],
    ]);
    await es.context().close();
  }, 60_000);

  it('no sideways scroll at 390 px and no axe-core violation', async () => {
    const page = await open(`/analytics?mesaId=${m}&lang=en`, true);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE);
    // evaluated by the test's devtools session, not injected as an inline <script>: the
    // portal's Content-Security-Policy (rightly) blocks inline scripts
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    // a string, so that this file needs no DOM types: axe runs in the page
    const result = (await page.evaluate('axe.run()')) as { violations: AxeViolation[] };
    expect(
      result.violations.map((v) => `${v.impact} ${v.id} at ${v.nodes[0]?.target.join(' ')}`),
    ).toEqual([]);
    await page.context().close();
  }, 60_000);
});
