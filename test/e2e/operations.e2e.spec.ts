import type { DocumentStore } from '@mesas/projections';
import { DOCUMENT_STORE, ProjectionHost } from '@mesas/runtime';
import { ok, seedLaunchedMesa, send } from './support/http-fixtures';
import { API, TestApp, freshId, startTestApp } from './support/test-app';
import { LogCapture } from './support/log-capture';

/** Waits until `projection` has applied `position`, through the host every query waits on. */
async function caughtUp(t: TestApp, projection: string, position: string): Promise<void> {
  const reached = await t.app.get(ProjectionHost).waitFor(projection, BigInt(position), 10_000);
  if (!reached) throw new Error(`${projection} did not reach ${position}`);
}

describe('operating the API as a public service', () => {
  let t: TestApp;
  let coordinator: string;
  const log = new LogCapture();

  beforeAll(async () => {
    t = await startTestApp(
      {
        CORS_ORIGINS: 'https://newsroom.example',
        RATE_LIMIT_READS_PER_MINUTE: '0',
        RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '0',
        LOG_LEVEL: 'info',
      },
      { logDestination: log },
    );
    coordinator = t.token({ role: 'coordinator' });
  });
  afterAll(() => t.close());

  describe('health', () => {
    it('live is 200 while the process serves; ready is 200 when the projections are current', async () => {
      const live = await t.http.get(`${API}/health/live`);
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ status: 'ok' });
      const ready = await t.http.get(`${API}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body.details.projections).toMatchObject({ matrix: { state: 'running' } });
    });

    it('the detailed view lists each projection with its state', async () => {
      const res = await t.http.get(`${API}/health`);
      expect(res.status).toBe(200);
      expect(res.body.projections.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['matrix', 'history', 'analytics']),
      );
      expect(res.body.projections[0]).toHaveProperty('state');
    });
  });

  describe('metrics', () => {
    it('counts commands, appended events, HTTP requests by route pattern, and projection lag', async () => {
      const mesaId = freshId('metricas');
      await ok(
        t,
        '/mesas',
        { mesaId, name: 'Mesa métrica', kind: 'sector', scope: 'pesca', convener: 'PRODUCE' },
        coordinator,
      );
      await send(t, `/mesas/${mesaId}/launch`, {}, coordinator); // not viable yet: 409
      await t.http.get(`${API}/mesas/${mesaId}`);
      const res = await t.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const text = res.text;
      expect(text).toMatch(/mesas_commands_total\{type="ProposeMesa",outcome="accepted"\} [1-9]/);
      expect(text).toMatch(/mesas_commands_total\{type="LaunchMesa",outcome="rejected"\} [1-9]/);
      expect(text).toMatch(/mesas_command_duration_seconds_count\{type="ProposeMesa"\} [1-9]/);
      expect(text).toMatch(/mesas_events_appended_total [1-9]/);
      expect(text).toMatch(/mesas_projection_lag_events\{projection="matrix"\} \d+/);
      expect(text).toMatch(/mesas_projection_stalled\{projection="history"\} 0/);
      expect(text).toContain(
        'mesas_http_requests_total{method="GET",route="/api/v1/mesas/:mesaId",status="200"}',
      );
      expect(text).toContain('process_cpu_user_seconds_total');
      // never a raw URL: ids would multiply the series
      expect(text).not.toContain(`route="/api/v1/mesas/${mesaId}"`);
    });
  });

  describe('logs and correlation ids', () => {
    it('honours a sane X-Correlation-Id, echoes it, stores it on the events and logs it', async () => {
      const mesaId = freshId('correlada');
      const res = await send(
        t,
        '/mesas',
        { mesaId, name: 'Mesa correlada', kind: 'sector', scope: 'pesca', convener: 'PRODUCE' },
        coordinator,
        { 'x-correlation-id': 'newsroom-req-42' },
      );
      expect(res.status).toBe(201);
      expect(res.headers['x-correlation-id']).toBe('newsroom-req-42');
      const auditor = t.token({ role: 'auditor' });
      const events = await t.http
        .get(`${API}/audit/events`)
        .set('authorization', `Bearer ${auditor}`)
        .query({ limit: 1000 });
      const mine = (events.body.events as { streamId: string; correlationId: string }[]).filter(
        (e) => e.streamId === `mesa-${mesaId}`,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0].correlationId).toBe('newsroom-req-42');
      const access = log.lines.find(
        (l) => l.correlationId === 'newsroom-req-42' && l.msg === 'request',
      );
      expect(access).toMatchObject({
        level: 'info',
        method: 'POST',
        route: '/api/v1/mesas',
        status: 201,
      });
      expect(typeof access?.durationMs).toBe('number');
    });

    it('replaces an unusable correlation id with a fresh one', async () => {
      const res = await t.http.get(`${API}/mesas`).set('x-correlation-id', 'x'.repeat(300));
      expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      const made = await t.http.get(`${API}/mesas`);
      expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('writes JSON lines only, and never a token', async () => {
      const token = t.token({ role: 'coordinator', sub: 'secret-holder' });
      await t.http.post(`${API}/mesas`).set('authorization', `Bearer ${token}x`).send({});
      await t.http.post(`${API}/mesas`).set('authorization', `Bearer ${token}`).send({ bad: 1 });
      expect(log.raw.length).toBeGreaterThan(0);
      expect(log.raw.join('\n')).not.toContain(token);
      expect(log.raw.join('\n')).not.toContain(t.secret);
    });
  });

  describe('the public edge', () => {
    it('sends the security headers and no X-Powered-By', async () => {
      const res = await t.http.get(`${API}/mesas`);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('lets any origin read public data, without credentials', async () => {
      const res = await t.http.get(`${API}/mesas`).set('origin', 'https://elsewhere.example');
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-expose-headers']).toContain('ETag');
      const preflight = await t.http
        .options(`${API}/mesas`)
        .set('origin', 'https://elsewhere.example')
        .set('access-control-request-method', 'GET')
        .set('access-control-request-headers', 'if-none-match');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
    });

    it('takes commands only from CORS_ORIGINS', async () => {
      const refused = await t.http
        .options(`${API}/mesas`)
        .set('origin', 'https://elsewhere.example')
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'authorization, content-type');
      expect(refused.status).toBe(403);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });

      const allowed = await t.http
        .options(`${API}/mesas`)
        .set('origin', 'https://newsroom.example')
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'authorization, content-type');
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://newsroom.example');
      expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');

      const before = await t.http.get(`${API}/mesas`);
      const sent = await send(
        t,
        '/mesas',
        { name: 'Mesa ajena', kind: 'sector', scope: 'pesca', convener: 'PRODUCE' },
        coordinator,
        { origin: 'https://elsewhere.example' },
      );
      expect(sent.status).toBe(403);
      const after = await t.http.get(`${API}/mesas`);
      expect(after.body.mesas).toHaveLength(before.body.mesas.length);
    });

    it.each([
      ['an unknown route', () => t.http.get(`${API}/no-such-route`), 404, 'Not Found'],
      [
        'a body over BODY_LIMIT',
        () =>
          t.http
            .post(`${API}/mesas`)
            .set('authorization', `Bearer ${coordinator}`)
            .set('content-type', 'application/json')
            .send(JSON.stringify({ name: 'x'.repeat(70_000) })),
        413,
        'Payload Too Large',
      ],
      [
        'a body that is not JSON',
        () =>
          t.http
            .post(`${API}/mesas`)
            .set('authorization', `Bearer ${coordinator}`)
            .set('content-type', 'text/plain')
            .send('hola'),
        415,
        'Unsupported Media Type',
      ],
    ])('answers %s in the one error shape', async (_name, request, status, error) => {
      const res = await request();
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ statusCode: status, error, message: expect.anything() });
    });
  });

  describe('caching', () => {
    it('gives a strong ETag and answers 304 without building the body', async () => {
      const mesa = await seedLaunchedMesa(t, coordinator, 'cache');
      await caughtUp(t, 'matrix', mesa.last.position);
      const url = `${API}/mesas/${mesa.mesaId}`;
      const first = await t.http.get(url);
      expect(first.status).toBe(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      expect(first.headers['cache-control']).toBe('public, max-age=5');

      const documents = t.app.get<DocumentStore>(DOCUMENT_STORE);
      const get = jest.spyOn(documents, 'get');
      const list = jest.spyOn(documents, 'list');
      try {
        const again = await t.http.get(url).set('if-none-match', etag);
        expect(again.status).toBe(304);
        expect(again.text).toBe('');
        expect(again.headers.etag).toBe(etag);
        expect(get).not.toHaveBeenCalled();
        expect(list).not.toHaveBeenCalled();
      } finally {
        get.mockRestore();
        list.mockRestore();
      }

      // a new event moves the checkpoint: a full answer with another ETag
      const changed = await ok(t, `/mesas/${mesa.mesaId}/close`, { reason: 'fin' }, coordinator);
      await caughtUp(t, 'matrix', changed.position);
      const fresh = await t.http.get(url).set('if-none-match', etag);
      expect(fresh.status).toBe(200);
      expect(fresh.headers.etag).not.toBe(etag);
      expect(fresh.body.status).toBe('closed');
    });

    it('takes "now" to the minute in the matrix and analytics, so an unchanged store repeats itself', async () => {
      const mesa = await seedLaunchedMesa(t, coordinator, 'minuto');
      await caughtUp(t, 'matrix', mesa.last.position);
      const matrix = await t.http.get(`${API}/mesas/${mesa.mesaId}/matrix`);
      expect(matrix.status).toBe(200);
      expect(matrix.body.asOf).toMatch(/T\d{2}:\d{2}:00\.000Z$/);
      const analytics = await t.http.get(`${API}/analytics/tasks`);
      expect(analytics.status).toBe(200);
      expect(analytics.body.asOf).toMatch(/T\d{2}:\d{2}:00\.000Z$/);
      expect(analytics.headers.etag).toBeDefined();
    });

    it('caches a past asOf for minutes and a proof of a fixed tree size for good', async () => {
      const mesa = await seedLaunchedMesa(t, coordinator, 'pasado');
      await caughtUp(t, 'history', mesa.last.position);
      await caughtUp(t, 'matrix', mesa.last.position);
      const past = await t.http.get(`${API}/analytics/tasks?asOf=2020-01-01`);
      expect(past.headers['cache-control']).toBe('public, max-age=300');
      const again = await t.http
        .get(`${API}/analytics/tasks?asOf=2020-01-01`)
        .set('if-none-match', past.headers.etag);
      expect(again.status).toBe(304);

      const proof = await t.http.get(`${API}/transparency/proof/inclusion?index=0&treeSize=1`);
      expect(proof.status).toBe(200);
      expect(proof.headers['cache-control']).toBe('public, max-age=31536000, immutable');

      const history = await t.http.get(`${API}/history?limit=2`);
      const notModified = await t.http
        .get(`${API}/history?limit=2`)
        .set('if-none-match', history.headers.etag);
      expect(notModified.status).toBe(304);
      // another representation is another ETag
      const csv = await t.http.get(`${API}/history?limit=2`).set('accept', 'text/csv');
      expect(csv.headers.etag).not.toBe(history.headers.etag);
    });

    it('gives no validator to a read that waits for minPosition, nor to an error', async () => {
      const res = await t.http.get(`${API}/mesas?minPosition=1`);
      expect(res.headers.etag).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-cache');
      const missing = await t.http.get(`${API}/mesas/no-such-mesa`);
      expect(missing.status).toBe(404);
      expect(missing.headers.etag).toBeUndefined();
      expect(missing.headers['cache-control']).toBe('no-store');
    });
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3',
      RATE_LIMIT_READS_PER_MINUTE: '8',
    });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After after the failed authentications allowed a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http.post(`${API}/mesas`).set('authorization', 'Bearer guess').send({});
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // even a valid token waits: the client is not told which guess would have worked
    const good = t.token({ role: 'coordinator' });
    const res = await t.http.post(`${API}/mesas`).set('authorization', `Bearer ${good}`).send({});
    expect(res.status).toBe(429);
  });

  it('answers 429 beyond the reads allowed a minute; health and metrics stay reachable', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await t.http.get(`${API}/mesas`)).status);
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect((await t.http.get(`${API}/health/live`)).status).toBe(200);
    expect((await t.http.get('/metrics')).status).toBe(200);
  });
});

describe('readiness', () => {
  it('is 503, saying which projection is behind, when the projections lag beyond READY_MAX_LAG', async () => {
    // no projection runs in this process and no worker runs them: the matrix stays behind
    const t = await startTestApp({ PROJECTIONS: 'worker', READY_MAX_LAG: '0' });
    try {
      const coordinator = t.token({ role: 'coordinator' });
      await ok(
        t,
        '/mesas',
        { name: 'Mesa sin proyección', kind: 'sector', scope: 'pesca', convener: 'PRODUCE' },
        coordinator,
      );
      const ready = await t.http.get(`${API}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(ready.body.message).toMatch(/matrix is 1 events behind \(READY_MAX_LAG 0\)/);
      expect((await t.http.get(`${API}/health/live`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('is 503 when a projection is stalled, and the metric says so', async () => {
    const t = await startTestApp({});
    try {
      const documents = t.app.get<DocumentStore>(DOCUMENT_STORE);
      // every batch of every projection fails from now on
      const fail = jest
        .spyOn(documents, 'commit')
        .mockRejectedValue(new Error('disk full (simulated)'));
      const coordinator = t.token({ role: 'coordinator' });
      await ok(
        t,
        '/mesas',
        { name: 'Mesa atascada', kind: 'sector', scope: 'pesca', convener: 'PRODUCE' },
        coordinator,
      );
      const host = t.app.get(ProjectionHost);
      for (;;) {
        const status = await host.status();
        if (status.some((s) => s.state === 'stalled')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const ready = await t.http.get(`${API}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body.message).toMatch(/is stalled since .*disk full \(simulated\)/);
      const metrics = await t.http.get('/metrics');
      expect(metrics.text).toMatch(/mesas_projection_stalled\{projection="[a-z]+"\} 1/);
      fail.mockRestore();
    } finally {
      await t.close();
    }
  });
});
