import { BARRIERS, VOCABULARIES } from '@mesas/domain';
import { HOSTILE_TITLE, PortalStory, seedPortalStory } from './support/portal-fixtures';
import { API, TestApp, startTestApp } from './support/test-app';

/**
 * The portal's pages, rendered on the server beside (never instead of) the API and OpenAPI:
 * complete HTML without any script, Spanish by default, English with ?lang=en, the data escaped,
 * bad input a 4xx page. (The browser suite checks the same pages in Chromium, with axe.)
 */
describe('the transparency portal (server-rendered HTML)', () => {
  let t: TestApp;
  let story: PortalStory;
  const flat = (s: string) => s.replace(/\s+/g, ' ');

  beforeAll(async () => {
    t = await startTestApp();
    story = await seedPortalStory(t);
    // every page reads projections: wait until they hold the last command
    const minPosition = story.lastPosition;
    expect(
      (await t.http.get(`${API}/problems/${story.resolvedProblem}`).query({ minPosition })).status,
    ).toBe(200);
    expect(
      (await t.http.get(`${API}/analytics/time-to-resolution`).query({ minPosition })).status,
    ).toBe(200);
  });
  afterAll(() => t.close());

  const page = async (path: string, status = 200) => {
    const res = await t.http.get(path);
    expect([path, res.status]).toEqual([path, status]);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    return res.text;
  };

  it('renders every page as complete HTML in Spanish, each with its own title and the script deferred', async () => {
    const m = `/mesas/${story.mesaId}`;
    const paths = [
      '/',
      m,
      `${m}?asOf=2015-02-15`,
      `${m}/diff?from=2015-02-10&to=2015-03-31`,
      `${m}/problems/${story.resolvedProblem}`,
      '/history',
      '/analytics',
      `/analytics?mesaId=${story.mesaId}&groupBy=barrier`,
      '/verify',
    ];
    const titles = new Set<string>();
    for (const path of paths) {
      const html = await page(path);
      expect(html).toMatch(/^<!doctype html>\s*<html lang="es">/);
      expect(html).toContain('<main id="main"');
      expect(html).toMatch(/<script src="\/portal.js" defer><\/script>/);
      titles.add(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');
    }
    expect(titles.size).toBe(paths.length);
  });

  it('escapes public input: a title with markup is text on every page that shows it', async () => {
    const m = `/mesas/${story.mesaId}`;
    for (const path of [
      m,
      `${m}/problems/${story.resolvedProblem}`,
      `/history?mesa=${story.mesaId}`,
      `${m}/diff?from=2015-01-01&to=2015-12-31`,
    ]) {
      const html = await page(path);
      expect(html).not.toContain(HOSTILE_TITLE);
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    }
  });

  it('a mesa page: header, matrix with words for codes and correct plurals, sessions, cadence, impact, downloads', async () => {
    const html = flat(await page(`/mesas/${story.mesaId}`));
    expect(html).toContain(`Mesa Ejecutiva de Prueba ${story.mesaId}`);
    expect(html).toContain('PRODUCE');
    expect(html).toContain('trámites'); // red_tape
    expect(html).not.toContain('red_tape');
    expect(html).toContain('1 resuelto');
    expect(html).toContain('1 rechazado');
    expect(html).toContain('2 sesiones');
    expect(html).toContain('Duración del trámite');
    expect(html).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(html).toContain(`/api/v1/mesas/${story.mesaId}/matrix?format=csv`);
    expect(html).toContain(`href="/api/v1/mesas/${story.mesaId}/matrix"`);
  });

  it('as of a date: the whole page (header and counts too) as it stood, under a visible banner', async () => {
    const html = flat(await page(`/mesas/${story.mesaId}?asOf=2015-02-15`));
    expect(html).toMatch(/class="banner"/);
    expect(html).toMatch(/<time datetime="2015-02-16T04:59:59.999Z">15 feb/);
    expect(html).toContain('1 sesión');
    expect(html).not.toContain('2 sesiones');
    expect(html).toContain('1 en curso');
    expect(html).not.toContain('resuelto');
    expect(html).not.toContain('Subsidio a la reforestación');
    expect(html).toContain('Ventanilla única');
    expect(html).not.toContain('Ventanilla única digital');
    // before the mesa existed: a 404 page that says so
    expect(await page(`/mesas/${story.mesaId}?asOf=2014-06-01`, 404)).toContain('aún no existía');
  });

  it('the diff between two dates lists what changed, each with its session', async () => {
    const html = flat(await page(`/mesas/${story.mesaId}/diff?from=2015-02-10&to=2015-03-31`));
    expect(html).toContain('Subsidio a la reforestación');
    expect(html).toContain('Ventanilla única digital');
    expect(html).toContain('la presencial no escala a las regiones');
    expect(html).toContain('plazo modificado');
    expect(html).toContain(`href="/mesas/${story.mesaId}#session-${story.mesaId}-s2"`);
    expect(html).toContain(`/api/v1/mesas/${story.mesaId}/matrix/diff?from=`);
  });

  it("a problem's page tells its story in order, with dates, sessions, entries and proofs", async () => {
    const html = flat(await page(`/mesas/${story.mesaId}/problems/${story.resolvedProblem}`));
    const order = [
      'Problema planteado',
      'Problema clasificado',
      'Problema filtrado',
      'Problema priorizado',
      'Solución propuesta',
      'Tarea asignada',
      'Plazo de tarea modificado',
      'Solución revisada',
      'Tarea cumplida',
      'Problema resuelto',
      'Impacto registrado',
    ];
    const at = order.map((label) => html.indexOf(`<h3>${label}</h3>`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('la presencial no escala a las regiones');
    expect(html).toContain('cumplida dentro del plazo');
    expect(html).toMatch(/<time datetime="2015-02-02T15:10:00.000Z">2 feb/);
    expect(html).toMatch(/href="\/history\?before=\d+#entry-\d+"/);
    expect(html).toMatch(/\/api\/v1\/transparency\/proof\/inclusion\?index=\d+&amp;treeSize=\d+/);
    // a problem of another mesa, or none: 404 pages
    expect(await page(`/mesas/otra-mesa/problems/${story.resolvedProblem}`, 404)).toContain(
      story.resolvedProblem,
    );
    await page(`/mesas/${story.mesaId}/problems/no-such-problem`, 404);
  });

  it('the history: newest first, filtered, paged, with its downloads', async () => {
    const all = flat(await page(`/history?mesa=${story.mesaId}`));
    const indexes = [...all.matchAll(/id="entry-(\d+)"/g)].map((m) => Number(m[1]));
    expect(indexes.length).toBeGreaterThan(10);
    expect([...indexes].sort((a, b) => b - a)).toEqual(indexes);
    const rejected = flat(await page(`/history?mesa=${story.mesaId}&type=ProblemFiltered`));
    expect([...rejected.matchAll(/id="entry-(\d+)"/g)]).toHaveLength(2);
    const dated = flat(await page(`/history?mesa=${story.mesaId}&from=2015-03-20&to=2015-03-20`));
    expect([...dated.matchAll(/id="entry-(\d+)"/g)]).toHaveLength(3);
    const older = flat(await page(`/history?mesa=${story.mesaId}&before=${indexes[2]}`));
    expect(/id="entry-(\d+)"/.exec(older)?.[1]).toBe(String(indexes[3]));
    expect(older).toContain('Entradas más recientes');
    expect(all).toContain('/api/v1/mesas/' + story.mesaId + '/history?format=ndjson');
    // the NDJSON link works as a plain link
    const ndjson = await t.http.get(`${API}/mesas/${story.mesaId}/history?format=ndjson`);
    expect(ndjson.headers['content-type']).toMatch(/application\/x-ndjson/);
    expect(ndjson.text.trim().split('\n').length).toBe(indexes.length);
  });

  it('English on every page with ?lang=en, kept by links and forms', async () => {
    const html = flat(await page(`/mesas/${story.mesaId}?lang=en`));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('red tape');
    expect(html).toContain('1 resolved');
    expect(html).toContain('2 sessions');
    expect(html).toContain(
      `href="/mesas/${story.mesaId}/problems/${story.resolvedProblem}?lang=en"`,
    );
    expect(html).toContain('<input type="hidden" name="lang" value="en" />');
    expect(html).toMatch(/hreflang="es"[^>]*>Español</);
    for (const path of ['/?lang=en', '/history?lang=en', '/analytics?lang=en', '/verify?lang=en']) {
      expect(await page(path)).toContain('<html lang="en">');
    }
  });

  it('analytics: Kaplan–Meier per group with n and censored, cadence by month, delivery by entity', async () => {
    const html = flat(await page(`/analytics?mesaId=${story.mesaId}&groupBy=barrier`));
    expect(html).toMatch(
      /<th scope="row">\s?trámites\s?<\/th>\s?<td>1<\/td>\s?<td>1<\/td>\s?<td>0<\/td>/,
    );
    expect(html).toContain('SERFOR');
    expect(html).toMatch(/<svg class="chart"/);
    expect(html).toContain('/api/v1/analytics/time-to-resolution?mesaId=');
  });

  it('the verify page shows the checkpoint, the key and the commands for this host', async () => {
    const html = await page('/verify');
    const checkpoint = (await t.http.get(`${API}/transparency/checkpoint`)).body;
    expect(html).toContain(checkpoint.rootHash);
    expect(html).toContain('-----BEGIN PUBLIC KEY-----');
    expect(html).toMatch(/npx mesas audit verify --url http:\/\/127\.0\.0\.1:\d+/);
    expect(html).toContain('id="witnesses-section"');
    // the C2SP signed note, as /tlog/checkpoint serves it
    const note = (await t.http.get('/tlog/checkpoint')).text;
    expect(html).toContain(note.split('\n')[0]);
  });

  it('bad input is a 4xx page in the reader’s language, never a 500', async () => {
    expect(await page(`/mesas/${story.mesaId}?asOf=2015-02-30`, 400)).toContain('asOf');
    expect(await page(`/mesas/${story.mesaId}?asOf=3000-01-01`, 400)).toContain('asOf');
    expect(await page('/history?lang=fr', 400)).toContain('lang');
    expect(await page('/history?type=Nope', 400)).toContain('type');
    expect(await page('/history?before=-1', 400)).toContain('before');
    expect(await page('/history?mesa=UPPER', 400)).toContain('mesa');
    expect(await page('/history?mesa=a&mesa=b', 400)).toContain('mesa');
    expect(
      await page(`/mesas/${story.mesaId}/diff?from=2015-03-01&to=2015-02-01`, 400),
    ).toBeTruthy();
    expect(await page('/mesas/no-such-mesa', 404)).toContain('no-such-mesa');
    expect(await page('/mesas/NOT%20AN%20ID', 404)).toBeTruthy();
    expect(await page('/analytics?mesaId=no-such-mesa&lang=en', 404)).toContain('There is no mesa');
  });

  it('serves its script and styles, and leaves the API, OpenAPI and unknown paths alone', async () => {
    const script = await t.http.get('/portal.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('mesas-transparency-log\\n');
    expect((await t.http.get('/styles.css')).status).toBe(200);
    const mesas = await t.http.get(`${API}/mesas`);
    expect(mesas.status).toBe(200);
    expect(mesas.headers['content-type']).toMatch(/json/);
    const one = await t.http.get(`${API}/mesas/${story.mesaId}`);
    expect(one.headers['content-type']).toMatch(/json/);
    const docs = await t.http.get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
    expect((await t.http.get('/no-such-page.html')).status).toBe(404);
    expect((await t.http.get('/index.html')).status).toBe(404);
  });

  it('names codes from the domain’s vocabularies, also served to other programs; the script keeps no copy', async () => {
    const res = await t.http.get(`${API}/vocabularies`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.vocabularies).sort()).toEqual(Object.keys(VOCABULARIES).sort());
    expect(res.body.vocabularies.barrier.map((e: { code: string }) => e.code)).toEqual([
      ...BARRIERS,
    ]);
    const script = (await t.http.get('/portal.js')).text;
    expect(script).not.toContain('trámites');
  });

  it('keeps a page’s HTML and CSS small (under 100 KB before data)', async () => {
    const css = (await t.http.get('/styles.css')).text;
    const home = await page('/');
    expect(Buffer.byteLength(css) + Buffer.byteLength(home)).toBeLessThan(100_000);
    const mesa = await page(`/mesas/${story.mesaId}`);
    expect(Buffer.byteLength(css) + Buffer.byteLength(mesa)).toBeLessThan(100_000);
  });
});
