import type { DocumentStore } from '@mesas/projections';
import { DOCUMENT_STORE } from '@mesas/runtime';
import { CommandResultBody, ok } from './support/http-fixtures';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

/**
 * `GET /mesas/{m}/matrix?asOf=` rebuilds a mesa's matrix from the events that occurred up to an
 * instant (business time, inclusive), and `minPosition` makes a query wait for the projection.
 */
describe('time travel and read-your-writes over HTTP', () => {
  let t: TestApp;
  let coordinator: string;
  let m: string;
  let p: string;
  let late: string;
  let last: CommandResultBody;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token({ role: 'coordinator' });
    const minister = t.token({ role: 'high_level' });
    const post = (path: string, body: object, token = coordinator) => ok(t, path, body, token);
    m = freshId('viaje');
    p = freshId('registro');
    late = freshId('tardio');
    await post('/mesas', {
      mesaId: m,
      name: 'Mesa Forestal',
      kind: 'sector',
      scope: 'forestal',
      convener: 'PRODUCE',
      occurredAt: '2015-01-05T14:00:00Z',
    });
    await post(`/mesas/${m}/viability`, {
      viable: true,
      notes: 'viable',
      occurredAt: '2015-01-20T14:00:00Z',
    });
    await post(`/mesas/${m}/launch`, { occurredAt: '2015-02-01T14:00:00Z' });
    await post(`/mesas/${m}/participants`, {
      participantId: 'gremio',
      name: 'Gremio',
      organisation: 'ADEX',
      role: 'private',
      occurredAt: '2015-02-01T15:00:00Z',
    });
    await post(`/mesas/${m}/problems`, {
      problemId: p,
      title: 'Registro lento',
      barrier: 'red_tape',
      raisedBy: 'gremio',
      occurredAt: '2015-02-10T15:00:00Z',
    });
    await post(`/problems/${p}/filter`, {
      decision: 'accepted',
      occurredAt: '2015-02-20T15:00:00Z',
    });
    await post(`/problems/${p}/solutions`, {
      text: 'Registro en línea',
      occurredAt: '2015-03-01T15:00:00Z',
    });
    await post(`/problems/${p}/tasks`, {
      taskId: 't1',
      title: 'Lineamientos',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-05-15',
      occurredAt: '2015-03-05T15:00:00Z',
    });
    await post(`/problems/${p}/solutions`, {
      text: 'Registro en 3 días',
      rationale: 'no bastaba',
      occurredAt: '2015-04-01T15:00:00Z',
    });
    await post(`/problems/${p}/escalate`, { reason: 'budget', occurredAt: '2015-05-01T10:00:00Z' });
    await post(
      `/problems/${p}/escalation/decision`,
      { decision: 'MEF financia', decidedBy: 'PCM', occurredAt: '2015-05-20T10:00:00Z' },
      minister,
    );
    await post(`/problems/${p}/tasks/t1/complete`, { occurredAt: '2015-06-10T10:00:00Z' });
    await post(`/problems/${p}/resolve`, {
      outcome: 'tres días',
      occurredAt: '2015-07-01T12:00:00Z',
    });
    // entered late: recorded after everything above, but it happened in March 2015
    last = await post(`/mesas/${m}/problems`, {
      problemId: late,
      title: 'Acta tardía',
      barrier: 'funding',
      raisedBy: 'gremio',
      occurredAt: '2015-03-10T15:00:00Z',
    });
  });
  afterAll(() => t.close());

  const matrixAt = (asOf: string, mesaId = m) =>
    t.http.get(`${API}/mesas/${mesaId}/matrix`).query({ asOf, minPosition: last.position });
  const rowAt = async (asOf: string, problemId = p) => {
    const res = await matrixAt(asOf);
    expect(res.status).toBe(200);
    return (res.body.rows as { problemId: string }[]).find((r) => r.problemId === problemId) as
      Record<string, unknown> | undefined;
  };

  it('before the mesa was proposed → 404 with a message; an unknown mesa → 404', async () => {
    const before = await matrixAt('2015-01-05T13:59:59Z');
    expect(before.status).toBe(404);
    expect(before.body.message).toMatch(
      new RegExp(`mesa ${m} had not been proposed by 2015-01-05T13:59:59.000Z`),
    );
    const unknown = await matrixAt('2015-06-01T00:00:00Z', freshId('ninguna'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/unknown mesa/);
  });

  it('the answer names the mesa and the instant, normalised to UTC', async () => {
    const res = await matrixAt('2015-02-10T10:00:00-05:00');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mesaId: m, asOf: '2015-02-10T15:00:00.000Z' });
    expect(res.body.position).toMatch(/^\d+$/);
  });

  it('the proposed mesa has an empty matrix; the problem is absent before it was raised', async () => {
    expect((await matrixAt('2015-01-05T14:00:00Z')).body.rows).toEqual([]);
    expect(await rowAt('2015-02-10T14:59:59.999Z')).toBeUndefined();
  });

  it("asOf exactly at an event's occurredAt includes it (also written with another offset)", async () => {
    expect(await rowAt('2015-02-10T15:00:00Z')).toMatchObject({
      status: 'raised',
      raisedAt: '2015-02-10T15:00:00.000Z',
    });
    expect(await rowAt('2015-02-10T10:00:00-05:00')).toMatchObject({ status: 'raised' });
    expect(await rowAt('2015-02-20T14:59:59Z')).toMatchObject({ status: 'raised' });
    expect(await rowAt('2015-02-20T15:00:00Z')).toMatchObject({ status: 'open' });
  });

  it('the solution as of then: none, revision 1, revision 2', async () => {
    expect(await rowAt('2015-02-28T00:00:00Z')).toMatchObject({ solution: null });
    expect(await rowAt('2015-03-15T00:00:00Z')).toMatchObject({
      solution: { revision: 1, text: 'Registro en línea' },
    });
    expect(await rowAt('2015-04-01T15:00:00Z')).toMatchObject({
      solution: { revision: 2, text: 'Registro en 3 días' },
    });
  });

  it('escalated while an escalation awaits its decision, open again after it', async () => {
    expect(await rowAt('2015-04-30T23:59:59Z')).toMatchObject({ status: 'open', escalation: null });
    expect(await rowAt('2015-05-01T10:00:00Z')).toMatchObject({
      status: 'escalated',
      escalation: { reason: 'budget', since: '2015-05-01T10:00:00.000Z' },
    });
    expect(await rowAt('2015-05-20T10:00:00Z')).toMatchObject({ status: 'open', escalation: null });
  });

  it("a task is overdue relative to asOf: open, due before asOf's day", async () => {
    const task = async (asOf: string) => ((await rowAt(asOf)) as { tasks: object[] }).tasks;
    expect(await task('2015-03-05T15:00:00Z')).toEqual([
      {
        taskId: 't1',
        title: 'Lineamientos',
        responsibleEntity: 'SERFOR',
        dueOn: '2015-05-15',
        status: 'open',
        overdue: false,
      },
    ]);
    expect(await task('2015-05-15T23:59:59Z')).toEqual([
      expect.objectContaining({ status: 'open', overdue: false }),
    ]);
    expect(await task('2015-05-16T00:00:00Z')).toEqual([
      expect.objectContaining({ status: 'open', overdue: true }),
    ]);
    expect(await task('2015-06-10T10:00:00Z')).toEqual([
      expect.objectContaining({ status: 'done', overdue: false }),
    ]);
  });

  it('resolved from its resolution on; the live matrix agrees with a time travel to now', async () => {
    expect(await rowAt('2015-07-01T11:59:59Z')).toMatchObject({ status: 'open', resolvedAt: null });
    expect(await rowAt('2015-07-01T12:00:00Z')).toMatchObject({
      status: 'resolved',
      resolvedAt: '2015-07-01T12:00:00.000Z',
    });
    const live = await t.http.get(`${API}/mesas/${m}/matrix`).query({ minPosition: last.position });
    const now = await matrixAt(new Date().toISOString());
    expect(live.status).toBe(200);
    expect(now.body.rows).toEqual(live.body.rows);
  });

  it('a past event entered late shows up at the instant it occurred, not when it was recorded', async () => {
    expect(await rowAt('2015-03-10T14:59:59Z', late)).toBeUndefined();
    expect(await rowAt('2015-03-10T15:00:00Z', late)).toMatchObject({
      status: 'raised',
      raisedAt: '2015-03-10T15:00:00.000Z',
    });
    // and in the order it occurred: raised before p was resolved, still raised after
    const rows = (await matrixAt('2015-08-01T00:00:00Z')).body.rows as {
      problemId: string;
      status: string;
    }[];
    expect(rows.map((r) => [r.problemId, r.status])).toEqual([
      [p, 'resolved'],
      [late, 'raised'],
    ]);
  });

  it.each([
    ['not a date', 'yesterday'],
    ['a day that does not exist', '2015-02-30'],
    ['a date-time on a day that does not exist', '2015-02-30T10:00:00Z'],
    ['a month that does not exist', '2015-13-01'],
    ['an hour that does not exist', '2015-02-10T25:00:00Z'],
    ['trailing junk', '2015-02-10junk'],
    ['a space instead of T', '2015-02-10 10:00:00Z'],
  ])('an invalid asOf (%s) → 400 with a message', async (_what, asOf) => {
    const res = await t.http.get(`${API}/mesas/${m}/matrix`).query({ asOf });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/asOf/);
  });

  it('asOf or minPosition given twice → 400, not a guess', async () => {
    const twice = await t.http.get(`${API}/mesas/${m}/matrix?asOf=2015-03-01&asOf=2015-04-01`);
    expect(twice.status).toBe(400);
    expect(twice.body.message).toMatch(/asOf/);
    const positions = await t.http.get(`${API}/mesas/${m}/matrix?minPosition=1&minPosition=2`);
    expect(positions.status).toBe(400);
    expect(positions.body.message).toMatch(/minPosition/);
  });

  it("a date-time without an offset is read as UTC, whatever the server's time zone", async () => {
    const res = await matrixAt('2015-02-10T15:00:00');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2015-02-10T15:00:00.000Z');
  });

  describe('minPosition', () => {
    it('waits until the projection has applied the position a command returned', async () => {
      // the projection's commits are held back 300 ms, so that a read that does not wait is stale
      const documents = t.app.get<DocumentStore>(DOCUMENT_STORE);
      const commit = documents.commit.bind(documents);
      const slow = jest.spyOn(documents, 'commit').mockImplementation(async (...args) => {
        await new Promise((r) => setTimeout(r, 300));
        return commit(...args);
      });
      try {
        const q = freshId('espera');
        const raised = await ok(
          t,
          `/mesas/${m}/problems`,
          { problemId: q, title: 'Nuevo', barrier: 'skills', raisedBy: 'gremio' },
          coordinator,
        );
        const stale = await t.http.get(`${API}/mesas/${m}/matrix`);
        expect(stale.body.rows.map((r: { problemId: string }) => r.problemId)).not.toContain(q);
        const [matrix, mesa, list] = await Promise.all([
          t.http.get(`${API}/mesas/${m}/matrix`).query({ minPosition: raised.position }),
          t.http.get(`${API}/mesas/${m}`).query({ minPosition: raised.position }),
          t.http.get(`${API}/mesas`).query({ minPosition: raised.position }),
        ]);
        expect(matrix.status).toBe(200);
        expect(BigInt(matrix.body.position)).toBeGreaterThanOrEqual(BigInt(raised.position));
        expect(matrix.body.rows.map((r: { problemId: string }) => r.problemId)).toContain(q);
        expect(mesa.body.problems.raised).toBe(2);
        expect(
          list.body.mesas.find((x: { mesaId: string }) => x.mesaId === m).problems.raised,
        ).toBe(2);
      } finally {
        slow.mockRestore();
      }
    });

    it.each(['abc', '-1', '1.5', '12345678901234567890', '0x10'])(
      'an invalid minPosition (%s) → 400',
      async (minPosition) => {
        for (const path of [`/mesas/${m}/matrix`, `/mesas/${m}`, '/mesas']) {
          const res = await t.http.get(`${API}${path}`).query({ minPosition });
          expect({ path, status: res.status }).toEqual({ path, status: 400 });
          expect(res.body.message).toMatch(/minPosition/);
        }
      },
    );

    // It waits for the projection before giving up: the lower bound is behaviour (no early
    // answer). No upper bound: how long past 5 s depends on the machine's load, not the code.
    it('a position the log has not reached → 503 after waiting 5 s, with a message', async () => {
      const started = Date.now();
      const res = await t.http
        .get(`${API}/mesas/${m}/matrix`)
        .query({ minPosition: '999999999999' });
      const elapsed = Date.now() - started;
      expect(res.status).toBe(503);
      expect(res.body.message).toMatch(/999999999999/);
      expect(elapsed).toBeGreaterThanOrEqual(4500);
    }, 20000);
  });
});
