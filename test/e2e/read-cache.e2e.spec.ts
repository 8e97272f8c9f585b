import type { Response } from 'supertest';
import type { DocumentStore } from '@mesas/projections';
import { DOCUMENT_STORE, ProjectionHost } from '@mesas/runtime';
import { ResponseCache } from '../../apps/api/src/http/response-cache';
import { ok, seedAcceptedProblem, seedLaunchedMesa } from './support/http-fixtures';
import { API, TestApp, startTestApp } from './support/test-app';
import { LogCapture, stableHeaders } from './support/log-capture';

async function caughtUp(t: TestApp, projection: string, position: string): Promise<void> {
  const reached = await t.app.get(ProjectionHost).waitFor(projection, BigInt(position), 10_000);
  if (!reached) throw new Error(`${projection} did not reach ${position}`);
}

/** Waits, when less than 5 s of the wall-clock minute are left, for the next minute. */
async function clearOfMinuteEnd(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((r) => setTimeout(r, left + 50));
}

/**
 * The read cache (apps/api/src/http/response-cache.ts, fast-reads.ts): an answer stored once is
 * served again with the same status, headers and body as the route gives, only while the
 * checkpoints it was computed from have not moved.
 */
describe('cached public reads', () => {
  let t: TestApp;
  let coordinator: string;
  let documents: DocumentStore;
  let cache: ResponseCache;
  const log = new LogCapture();

  beforeAll(async () => {
    t = await startTestApp(
      { CORS_ORIGINS: 'https://newsroom.example', LOG_LEVEL: 'info' },
      { logDestination: log },
    );
    coordinator = t.token({ role: 'coordinator' });
    documents = t.app.get<DocumentStore>(DOCUMENT_STORE);
    cache = t.app.get(ResponseCache);
  });
  afterAll(() => t.close());

  /** GETs `url` until its answer is in the cache (stored after it is sent). */
  async function cached(url: string): Promise<Response> {
    const before = cache.size;
    const first = await t.http.get(url);
    for (let i = 0; i < 50 && cache.size === before; i++)
      await new Promise((r) => setTimeout(r, 10));
    return first;
  }

  /** Runs `read` with the document reads watched: how many the handlers made. */
  async function documentReads<T>(read: () => Promise<T>): Promise<[T, number]> {
    const spies = [
      jest.spyOn(documents, 'get'),
      jest.spyOn(documents, 'list'),
      jest.spyOn(documents, 'range'),
    ];
    try {
      const result = await read();
      return [result, spies.reduce((n, s) => n + s.mock.calls.length, 0)];
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }

  it('answers again with the same status, headers and body, without reading documents', async () => {
    const mesa = await seedLaunchedMesa(t, coordinator, 'cacheada');
    const problemId = await seedAcceptedProblem(t, coordinator, mesa);
    const last = await ok(
      t,
      `/problems/${problemId}/solutions`,
      { text: 'Una ventanilla única', rationale: 'propuesta del gremio' },
      coordinator,
    );
    await caughtUp(t, 'matrix', last.position);
    await caughtUp(t, 'history', last.position);
    await caughtUp(t, 'analytics', last.position);
    const urls = [
      `${API}/mesas`,
      `${API}/mesas/${mesa.mesaId}`,
      `${API}/mesas/${mesa.mesaId}/matrix`,
      `${API}/mesas/${mesa.mesaId}/matrix?format=csv`,
      `${API}/history?limit=3`,
      `${API}/analytics/tasks`,
    ];
    for (const url of urls) {
      await clearOfMinuteEnd();
      const normal = await cached(url);
      expect(normal.status).toBe(200);
      const [fast, reads] = await documentReads(() => t.http.get(url));
      expect({ url, reads }).toEqual({ url, reads: 0 });
      expect(fast.status).toBe(200);
      expect(fast.text).toBe(normal.text);
      expect(stableHeaders(fast)).toEqual(stableHeaders(normal));
    }
  });

  it('keeps the edge: correlation id, CORS per origin, access line and metrics by route', async () => {
    const mesa = await seedLaunchedMesa(t, coordinator, 'borde');
    await caughtUp(t, 'matrix', mesa.last.position);
    const url = `${API}/mesas/${mesa.mesaId}`;
    await cached(url);
    const [res, reads] = await documentReads(() =>
      t.http
        .get(url)
        .set('origin', 'https://newsroom.example')
        .set('x-correlation-id', 'lector-cache-1'),
    );
    expect(reads).toBe(0);
    expect(res.status).toBe(200);
    expect(res.headers['x-correlation-id']).toBe('lector-cache-1');
    expect(res.headers['access-control-allow-origin']).toBe('https://newsroom.example');
    expect(res.headers.vary).toBe('Origin');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const other = await t.http.get(url).set('origin', 'https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBe('*');
    const line = log.lines.find((l) => l.correlationId === 'lector-cache-1');
    expect(line).toMatchObject({
      msg: 'request',
      method: 'GET',
      route: '/api/v1/mesas/:mesaId',
      status: 200,
    });
    const metrics = await t.http.get('/metrics');
    expect(metrics.text).toMatch(
      /mesas_http_requests_total\{method="GET",route="\/api\/v1\/mesas\/:mesaId",status="200"\} \d+/,
    );
    // a malformed correlation id is the edge's 400, cached answer or not
    const bad = await t.http.get(url).set('x-correlation-id', 'con espacio');
    expect(bad.status).toBe(400);
  });

  it('answers 304 as the route does, and 200 with the new body once the checkpoint moved', async () => {
    const mesa = await seedLaunchedMesa(t, coordinator, 'fresca');
    await caughtUp(t, 'matrix', mesa.last.position);
    const url = `${API}/mesas/${mesa.mesaId}`;
    // a 304 of the normal path (nothing cached for this URL yet) and one of the cache
    const first = await t.http.get(url);
    const normal304 = await t.http.get(url).set('if-none-match', first.headers.etag);
    await cached(url);
    const [fast304, reads] = await documentReads(() =>
      t.http.get(url).set('if-none-match', first.headers.etag),
    );
    expect(reads).toBe(0);
    expect(normal304.status).toBe(304);
    expect(fast304.status).toBe(304);
    expect(stableHeaders(fast304)).toEqual(stableHeaders(normal304));

    // the projection moves past the cached answer: never served again
    const closed = await ok(t, `/mesas/${mesa.mesaId}/close`, { reason: 'fin' }, coordinator);
    await caughtUp(t, 'matrix', closed.position);
    const after = await t.http.get(url).set('if-none-match', first.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('closed');
    expect(after.headers.etag).not.toBe(first.headers.etag);
    const again = await t.http.get(url);
    expect(again.body.status).toBe('closed');
  });

  it("gives a 304 the 200's Vary: Accept where the route negotiates, on both paths", async () => {
    const mesa = await seedLaunchedMesa(t, coordinator, 'varia');
    // every projection these routes read, so that no ETag moves between the two 304s
    for (const projection of ['matrix', 'history', 'analytics'])
      await caughtUp(t, projection, mesa.last.position);
    for (const [url, vary] of [
      [`${API}/mesas/${mesa.mesaId}/matrix`, 'Origin, Accept'],
      [`${API}/mesas`, 'Origin, Accept'],
      [`${API}/analytics/tasks`, 'Origin, Accept'],
      [`${API}/mesas/${mesa.mesaId}`, 'Origin'],
    ]) {
      // analytics answers "as of now" carry the minute in their ETag: stay clear of its end
      await clearOfMinuteEnd();
      const first = await t.http.get(url);
      expect({ url, vary: first.headers.vary }).toEqual({ url, vary });
      const normal304 = await t.http.get(url).set('if-none-match', first.headers.etag);
      await cached(url);
      const fast304 = await t.http.get(url).set('if-none-match', first.headers.etag);
      expect([normal304.status, fast304.status]).toEqual([304, 304]);
      expect({ url, normal: normal304.headers.vary, fast: fast304.headers.vary }).toEqual({
        url,
        normal: vary,
        fast: vary,
      });
    }
  });

  it('never serves an answer after any projection it reads moved, even for another mesa', async () => {
    const mesa = await seedLaunchedMesa(t, coordinator, 'lista');
    await caughtUp(t, 'matrix', mesa.last.position);
    const url = `${API}/mesas`;
    const before = await cached(url);
    const other = await seedLaunchedMesa(t, coordinator, 'nueva');
    await caughtUp(t, 'matrix', other.last.position);
    const after = await t.http.get(url);
    const ids = (after.body.mesas as { mesaId: string }[]).map((m) => m.mesaId);
    expect(ids).toContain(other.mesaId);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('leaves reads with minPosition, credentials or HEAD of an uncached URL to the route', async () => {
    const mesa = await seedLaunchedMesa(t, coordinator, 'espera');
    await caughtUp(t, 'matrix', mesa.last.position);
    const url = `${API}/mesas/${mesa.mesaId}`;
    await cached(url);
    const [waited, waitedReads] = await documentReads(() =>
      t.http.get(`${url}?minPosition=${mesa.last.position}`),
    );
    expect(waited.status).toBe(200);
    expect(waitedReads).toBeGreaterThan(0);
    expect(waited.headers.etag).toBeUndefined();
    const [authed, authedReads] = await documentReads(() =>
      t.http.get(url).set('authorization', `Bearer ${coordinator}`),
    );
    expect(authed.status).toBe(200);
    expect(authedReads).toBeGreaterThan(0);
    const [head, headReads] = await documentReads(() => t.http.head(url));
    expect(head.status).toBe(200);
    expect(headReads).toBe(0);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(waited.text)));
  });
});

describe('the read limit on cached reads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_READS_PER_MINUTE: '4' });
  });
  afterAll(() => t.close());

  it('counts cached answers like any read, and refuses beyond the limit', async () => {
    const cache = t.app.get(ResponseCache);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.http.get(`${API}/mesas`);
      statuses.push(res.status);
      // let the first answer be stored, so that the others come from the cache
      for (let j = 0; j < 50 && cache.size === 0; j++) await new Promise((r) => setTimeout(r, 10));
    }
    expect(cache.size).toBe(1);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
