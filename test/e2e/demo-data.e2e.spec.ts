import type { EventStore } from '@mesas/event-store';
import { DemoCommand, loadDemo, readDemoScript } from '@mesas/demo';
import { EVENT_STORE, signToken } from '@mesas/runtime';
import { logLength } from './support/http-fixtures';
import { API, TestApp, startTestApp } from './support/test-app';

/**
 * The demo data is the paper told as commands through the real API: after loading it on an empty
 * store, the facts of Ghezzi's account must be readable through the API.
 */
describe('demo data (the mesas of the paper) over HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  let lastPosition: string;
  const demoScript: readonly DemoCommand[] = readDemoScript();
  const load = () =>
    loadDemo({
      baseUrl: t.baseUrl as string,
      store,
      token: (actor) => signToken(t.secret, actor),
      commands: demoScript,
    });

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    store = t.app.get<EventStore>(EVENT_STORE);
    const report = await load();
    if (!report.lastPosition) throw new Error('the demo data was not loaded');
    expect(report).toMatchObject({ verdict: 'load', sent: demoScript.length, skipped: 0 });
    lastPosition = report.lastPosition;
  }, 120_000);
  afterAll(() => t.close());

  const get = async (path: string, query: Record<string, string> = {}) => {
    const res = await t.http.get(`${API}${path}`).query({ minPosition: lastPosition, ...query });
    if (res.status !== 200)
      throw new Error(`GET ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  type Row = {
    problemId: string;
    status: string;
    resolvedAt: string | null;
    tasks: { status: string }[];
  };
  const rowOf = async (problemId: string, asOf?: string): Promise<Row | undefined> => {
    const matrix = await get('/mesas/forestal/matrix', asOf ? { asOf } : {});
    return (matrix.rows as Row[]).find((r) => r.problemId === problemId);
  };

  it('every step was one command: as many commands as steps, each recorded', async () => {
    expect(await logLength(t)).toBeGreaterThanOrEqual(demoScript.length);
  });

  it('lists the eight mesas of the paper, each launched', async () => {
    const { mesas } = await get('/mesas');
    expect(mesas.map((m: { mesaId: string }) => m.mesaId).sort()).toEqual([
      'acuicola',
      'agroexportacion',
      'emprendimiento',
      'forestal',
      'gastronomia',
      'industrias-creativas',
      'logistica',
      'textil',
    ]);
    for (const m of mesas) expect(m.launchedAt).toEqual(expect.stringMatching(/^20(14|15|16|17)-/));
    const forestal = mesas.find((m: { mesaId: string }) => m.mesaId === 'forestal');
    expect(forestal).toMatchObject({ kind: 'sector', launchedAt: '2014-12-04T13:30:00.000Z' });
  });

  it('the forestry mesa was transferred from PRODUCE to MINAGRI in 2017', async () => {
    const forestal = await get('/mesas/forestal');
    expect(forestal.convener).toBe('MINAGRI');
    expect(forestal.convenerHistory).toEqual([
      expect.objectContaining({ convener: 'PRODUCE', reason: null }),
      expect.objectContaining({ convener: 'MINAGRI', since: expect.stringMatching(/^2017-/) }),
    ]);
  });

  it('plantation registration: resolved, with its impact of 270 → 3 days recorded', async () => {
    expect(await rowOf('forestal-registro-plantaciones')).toMatchObject({
      status: 'resolved',
      resolvedAt: expect.stringMatching(/^2015-/),
    });
    const audit = await t.http
      .get(`${API}/audit/events`)
      .set('authorization', `Bearer ${t.token({ role: 'auditor' })}`)
      .query({ limit: 1000 });
    const events: { streamId: string; type: string; data: Record<string, unknown> }[] = [
      ...audit.body.events,
    ];
    for (let after = audit.body.nextAfter; after;) {
      const page = await t.http
        .get(`${API}/audit/events`)
        .set('authorization', `Bearer ${t.token({ role: 'auditor' })}`)
        .query({ limit: 1000, after });
      events.push(...page.body.events);
      after = page.body.nextAfter;
    }
    const impacts = events.filter(
      (e) => e.streamId === 'problem-forestal-registro-plantaciones' && e.type === 'ImpactRecorded',
    );
    expect(impacts).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ before: 270, after: 3, unit: 'días' }),
      }),
    ]);
  });

  it('the forest land cadaster is still open', async () => {
    const row = await rowOf('forestal-catastro-forestal');
    expect(row).toMatchObject({ status: 'open', resolvedAt: null });
    expect(row?.tasks.some((task) => task.status === 'open')).toBe(true);
  });

  it('time travel: the forestry law regulation was not yet resolved on 2015-06-30, and was on 2015-10-31', async () => {
    const june = await rowOf('forestal-ley-reglamento', '2015-06-30T23:59:59Z');
    expect(june).toBeDefined();
    expect(june?.status).not.toBe('resolved');
    expect(june?.resolvedAt).toBeNull();
    expect(await rowOf('forestal-ley-reglamento', '2015-10-31T23:59:59Z')).toMatchObject({
      status: 'resolved',
      resolvedAt: '2015-09-30T15:05:00.000Z',
    });
    // and the cadaster problem had not even been raised in 2015
    expect(await rowOf('forestal-catastro-forestal', '2015-10-31T23:59:59Z')).toBeUndefined();
  });

  it('a second load on a store that holds the whole demo does nothing', async () => {
    const before = await logLength(t);
    expect(await load()).toMatchObject({
      verdict: 'complete',
      sent: 0,
      skipped: demoScript.length,
      remaining: 0,
    });
    expect(await logLength(t)).toBe(before);
  });
});
