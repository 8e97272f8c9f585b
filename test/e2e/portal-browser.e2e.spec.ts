import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EventStore } from '@mesas/event-store';
import { loadDemo, readDemoScript } from '@mesas/demo';
import { EVENT_STORE, signToken } from '@mesas/runtime';
import { CHROMIUM_ARGS, CHROMIUM_PATH, describeWithBrowser } from '../support/browser';
import { API, TestApp, startTestApp } from './support/test-app';

/** Screenshots for people to look at: a git-ignored folder, never committed. */
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'portal');
const PHONE = 390;

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
};

/**
 * The portal in a real browser (Chromium), on the demo forestry mesa: readable with JavaScript
 * off, no sideways scrolling on a 390 px phone, no serious or critical axe-core violation on any
 * page, English kept by links, and the in-browser proof check working when JavaScript is on.
 */
describeWithBrowser('the transparency portal in Chromium (demo data)', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let problemPath: string;

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    origin = (t.baseUrl as string).replace(API, '');
    const store = t.app.get<EventStore>(EVENT_STORE);
    const report = await loadDemo({
      baseUrl: t.baseUrl as string,
      store,
      token: (actor) => signToken(t.secret, actor),
      commands: readDemoScript(),
    });
    if (!report?.lastPosition) throw new Error('the demo data was not loaded');
    for (const path of ['/problems/forestal-ley-reglamento', '/analytics/time-to-resolution']) {
      const res = await fetch(`${t.baseUrl}${path}?minPosition=${report.lastPosition}`);
      if (res.status !== 200) throw new Error(`${path} -> ${res.status}`);
    }
    problemPath = '/mesas/forestal/problems/forestal-ley-reglamento';
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, options: { js?: boolean; width?: number } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? PHONE, height: 844 },
      javaScriptEnabled: options.js ?? true,
    });
    const page = await context.newPage();
    const response = await page.goto(`${origin}${path}`);
    expect([path, response?.status()]).toEqual([path, 200]);
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  async function axe(page: Page): Promise<AxeViolation[]> {
    // evaluated by the test's devtools session: the portal's Content-Security-Policy (rightly)
    // blocks the inline <script> that addScriptTag would add
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    // a string, so that this file needs no DOM types: axe runs in the page
    const result = (await page.evaluate('axe.run()')) as { violations: AxeViolation[] };
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  const pages = [
    ['home', '/'],
    ['mesa', '/mesas/forestal'],
    ['mesa-as-of', '/mesas/forestal?asOf=2015-06-30'],
    ['mesa-diff', '/mesas/forestal/diff?from=2015-01-01&to=2015-06-30'],
    ['problem', '/mesas/forestal/problems/forestal-ley-reglamento'],
    ['history', '/history'],
    ['history-filtered', '/history?mesa=forestal&type=Escalated'],
    ['analytics', '/analytics?groupBy=barrier'],
    ['analytics-mesa', '/analytics?mesaId=forestal'],
    ['verify', '/verify'],
    ['mesa-en', '/mesas/forestal?lang=en'],
    ['problem-en', '/mesas/forestal/problems/forestal-ley-reglamento?lang=en'],
  ] as const;

  const titles = new Map<string, string>();

  it.each(pages)(
    '%s (%s): no sideways scroll at 390 px, a title of its own, no serious or critical axe violation',
    async (name, path) => {
      const page = await open(path);
      const failures: string[] = [];
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      if (width > PHONE) failures.push(`scrollWidth ${width}`);
      // each page has its own title within a language (a mesa's name is the same in both)
      const title = `${await page.getAttribute('html', 'lang')} ${await page.title()}`;
      if (titles.has(title)) failures.push(`same title as ${titles.get(title)}: ${title}`);
      titles.set(title, path);
      for (const v of await axe(page)) {
        failures.push(
          `${v.impact} ${v.id} (${v.help}) at ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
        );
      }
      await shot(page, `${name}-${PHONE}`);
      await page.context().close();
      expect(failures).toEqual([]);
    },
    120_000,
  );

  it('the matrix reads with JavaScript off: cards on a phone, a table on a desktop', async () => {
    const phone = await open('/mesas/forestal', { js: false });
    const rows = phone.locator('table.matrix tbody tr');
    expect(await rows.count()).toBeGreaterThan(10);
    await expect(rows.first().locator('a').first().textContent()).resolves.toContain(
      'Ley Forestal',
    );
    // each row is laid out as a block (a card), narrower than the phone
    const box = await rows.first().boundingBox();
    expect(box && box.width).toBeLessThanOrEqual(PHONE);
    expect(await phone.locator('thead').first().isVisible()).toBe(true); // sessions' table head
    await shot(phone, 'mesa-nojs-390');
    await phone.context().close();

    const desktop = await open('/mesas/forestal', { js: false, width: 1280 });
    expect(await desktop.locator('table.matrix thead th').first().isVisible()).toBe(true);
    await shot(desktop, 'mesa-nojs-1280');
    await desktop.context().close();
  }, 60_000);

  it("a problem's timeline: its steps in order, each dated with <time datetime> and linked to its entry", async () => {
    const page = await open(problemPath, { js: false });
    const steps = page.locator('ol.timeline > li');
    expect(await steps.count()).toBe(16);
    const dates = await steps
      .locator('p.when > time:first-child')
      .evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
    expect(dates.length).toBe(16);
    expect([...dates].sort()).toEqual(dates);
    expect(await steps.first().locator('h3').textContent()).toBe('Problema planteado');
    expect(await steps.last().locator('h3').textContent()).toBe('Impacto registrado');
    // the history link lands on the entry
    const entryLink = steps.nth(3).locator('a', { hasText: 'Entrada' });
    const href = (await entryLink.getAttribute('href')) as string;
    await page.goto(`${origin}${href}`);
    const index = href.split('#entry-')[1];
    expect(await page.locator(`#entry-${index}`).count()).toBe(1);
    await page.context().close();
  }, 60_000);

  it('as of a date: banner, header and counts of that date', async () => {
    const page = await open('/mesas/forestal?asOf=2015-06-30', { js: false });
    await expect(page.locator('.banner').textContent()).resolves.toMatch(/30 jun\.? 2015/);
    // the convener changed in 2017: on 2015-06-30 it was PRODUCE
    const facts = (await page.locator('dl.facts').textContent()) ?? '';
    expect(facts).toContain('PRODUCE');
    expect(facts).not.toContain('MINAGRI');
    await page.context().close();
  }, 60_000);

  it('the diff form and page work without JavaScript', async () => {
    const page = await open('/mesas/forestal', { js: false });
    await page.fill('#diff-from', '2015-01-01');
    await page.fill('#diff-to', '2015-06-30');
    await Promise.all([page.waitForURL(/\/diff\?/), page.click('form[action$="/diff"] button')]);
    expect(page.url()).toContain('from=2015-01-01');
    expect(await page.locator('h2').allTextContents()).toContain(
      'Soluciones propuestas o revisadas',
    );
    await page.context().close();
  }, 60_000);

  it('English is kept by following links and submitting forms', async () => {
    const page = await open('/?lang=en', { js: false });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await Promise.all([
      page.waitForURL(/\/mesas\/forestal/),
      page.click('a[href^="/mesas/forestal"]'),
    ]);
    expect(page.url()).toContain('lang=en');
    await page.fill('#asof-date', '2016-01-31');
    await Promise.all([page.waitForURL(/asOf=/), page.click('#asof-date ~ button')]);
    expect(page.url()).toContain('lang=en');
    expect(await page.locator('.banner').textContent()).toContain('Historical view');
    await page.context().close();
  }, 60_000);

  it('charts have a name and a data table with the same numbers', async () => {
    const page = await open('/analytics?mesaId=forestal&groupBy=barrier', { js: false });
    const charts = page.locator('svg.chart[role="img"]');
    // time to resolution, cadence, who holds the ball
    expect(await charts.count()).toBe(3);
    for (const chart of await charts.all()) {
      const labelledBy = (await chart.getAttribute('aria-labelledby')) as string;
      expect((await page.locator(`[id="${labelledBy}"]`).textContent())?.length).toBeGreaterThan(
        10,
      );
      const figure = chart.locator('xpath=ancestor::figure');
      expect(await figure.locator('table tbody tr').count()).toBeGreaterThan(0);
    }
    const bars = await page.locator('#cadence-chart-title ~ rect.bar').count();
    const monthRows = await page.locator('figure:has(#cadence-chart-title) table tbody tr').count();
    expect(bars).toBe(monthRows);
    await page.context().close();
  }, 60_000);

  it('with JavaScript, a history entry verifies against the signed checkpoint in the browser', async () => {
    const page = await open('/history?mesa=forestal');
    const entry = page.locator('li.entry').first();
    await entry.locator('button', { hasText: 'Verificar' }).click();
    await expect(
      entry.locator('[role="status"].verified').waitFor({ timeout: 20_000 }),
    ).resolves.toBeUndefined();
    expect(await entry.locator('[role="status"]').textContent()).toContain(
      'incluida en el árbol firmado',
    );
    const step = (await open(problemPath)).locator('ol.timeline > li').nth(2);
    await step.locator('button').click();
    await step.locator('[role="status"].verified').waitFor({ timeout: 20_000 });
    await shot(page, 'history-verified-390');
    await page.context().close();
  }, 60_000);
});
