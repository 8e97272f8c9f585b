import { BARRIERS, VOCABULARIES } from '@mesas/domain';
import { API, TestApp, startTestApp } from './support/test-app';

/** The portal is served by the API itself, beside (never instead of) the API and OpenAPI. */
describe('the transparency portal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves its page, script and styles at the root', async () => {
    const page = await t.http.get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<script src="/portal.js"></script>');
    const script = await t.http.get('/portal.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    // the in-browser check uses the same signed message as the API's checkpoints
    expect(script.text).toContain('mesas-transparency-log\\n');
    expect((await t.http.get('/styles.css')).status).toBe(200);
  });

  it('leaves the API and its OpenAPI description where they are', async () => {
    const mesas = await t.http.get(`${API}/mesas`);
    expect(mesas.status).toBe(200);
    expect(mesas.body).toEqual({ mesas: [] });
    const docs = await t.http.get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
    expect((await t.http.get('/no-such-page.html')).status).toBe(404);
  });

  it('names the codes it shows with the public vocabularies route, keeping no copy', async () => {
    const res = await t.http.get(`${API}/vocabularies`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.vocabularies).sort()).toEqual(Object.keys(VOCABULARIES).sort());
    expect(res.body.vocabularies.barrier.map((e: { code: string }) => e.code)).toEqual([
      ...BARRIERS,
    ]);
    expect(res.body.vocabularies.rootCause).toContainEqual({
      code: 'capacity',
      es: 'capacidad subnacional',
      en: 'sub-national capacity',
    });
    const script = (await t.http.get('/portal.js')).text;
    expect(script).toContain("get('/vocabularies')");
    expect(script).not.toContain('trámites');
  });
});
