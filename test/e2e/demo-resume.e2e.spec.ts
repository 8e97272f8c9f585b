import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_ACTORS,
  DemoProgress,
  DemoCommand,
  demoCommandId,
  demoProgress,
  loadDemo,
  readDemoScript,
} from '@mesas/demo';
import { EventStore, SqliteEventStore, StoredEvent } from '@mesas/event-store';
import { EVENT_STORE, signToken } from '@mesas/runtime';
import { commandIdOf } from '../../apps/api/src/commands/idempotency';
import { logLength, ok } from './support/http-fixtures';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

/**
 * A demo load interrupted after N steps completes on the next load, sending only the steps
 * that were missing: the log is then the log of an uninterrupted load, event for event. A store
 * that holds other events and none of the demo's never gets it.
 */
describe('demo load: resumed where it stopped, refused on a foreign log', () => {
  const commands: readonly DemoCommand[] = readDemoScript();
  const STOP_AFTER = 100;
  let resumed: TestApp;
  let full: TestApp;
  const apps: TestApp[] = [];

  const storeOf = (t: TestApp) => t.app.get<EventStore>(EVENT_STORE);
  const load = (t: TestApp, maxSteps?: number, store: EventStore = storeOf(t)) =>
    loadDemo({
      baseUrl: t.baseUrl as string,
      store,
      token: (actor) => signToken(t.secret, actor),
      commands,
      maxSteps,
    });
  const start = async () => {
    const t = await startTestApp({}, { listen: true });
    apps.push(t);
    return t;
  };
  const allEvents = async (store: EventStore): Promise<StoredEvent[]> => {
    const events: StoredEvent[] = [];
    for (let after: string | null = null; ;) {
      const page = await store.readAll(after, 1000);
      if (page.events.length === 0) return events;
      events.push(...page.events);
      after = page.checkpoint;
    }
  };
  // what a log is about, without when the store took it
  const content = (e: StoredEvent) => ({
    eventId: e.eventId,
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    type: e.type,
    occurredAt: e.occurredAt,
    data: e.data,
    commandId: e.metadata.commandId,
  });

  let firstLoad: Awaited<ReturnType<typeof load>>;
  let afterFirst: DemoProgress;
  let secondLoad: Awaited<ReturnType<typeof load>>;
  let posts: number;

  beforeAll(async () => {
    resumed = await start();
    firstLoad = await load(resumed, STOP_AFTER);
    afterFirst = await demoProgress(storeOf(resumed), commands);
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      secondLoad = await load(resumed);
      posts = fetchSpy.mock.calls.filter(([, init]) => init?.method === 'POST').length;
    } finally {
      fetchSpy.mockRestore();
    }
    full = await start();
    await load(full);
  }, 400_000);
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('the interrupted load stopped after N steps, and status says so per mesa', async () => {
    expect(firstLoad).toMatchObject({
      verdict: 'load',
      sent: STOP_AFTER,
      skipped: 0,
      remaining: commands.length - STOP_AFTER,
    });
    expect(afterFirst).toMatchObject({
      verdict: 'resume',
      done: STOP_AFTER,
      total: commands.length,
    });
    expect(afterFirst.pending[0].key).toBe(`demo-${STOP_AFTER}`);
    expect(afterFirst.mesas.reduce((n, m) => n + m.done, 0)).toBe(STOP_AFTER);
    // a hundred steps in, the forestry mesa is partway through its story
    const forestal = afterFirst.mesas.find((m) => m.mesa === 'forestal');
    expect(forestal?.done).toBeGreaterThan(0);
    expect(forestal?.done).toBeLessThan(forestal?.total as number);
    // the second load found the first N recorded and sent the rest, POSTing nothing twice
    expect(secondLoad).toMatchObject({
      verdict: 'resume',
      sent: commands.length - STOP_AFTER,
      skipped: STOP_AFTER,
      remaining: 0,
    });
    expect(posts).toBe(commands.length - STOP_AFTER);
  });

  it('every step happened exactly once, and the log is that of an uninterrupted load', async () => {
    const [ours, theirs] = [await allEvents(storeOf(resumed)), await allEvents(storeOf(full))];
    expect(ours.map(content)).toEqual(theirs.map(content));
    const perCommand = new Map<string, number>();
    for (const e of ours) {
      perCommand.set(e.metadata.commandId, (perCommand.get(e.metadata.commandId) ?? 0) + 1);
    }
    expect([...perCommand.keys()].sort()).toEqual(commands.map(demoCommandId).sort());
    const progress = await demoProgress(storeOf(resumed), commands);
    expect(progress).toMatchObject({ verdict: 'complete', done: commands.length, pending: [] });
    expect(progress.mesas.reduce((n, m) => n + m.total, 0)).toBe(commands.length);
  });

  it('the matrix of every mesa equals that of an uninterrupted load', async () => {
    const matrices = async (t: TestApp) => {
      const at = (await allEvents(storeOf(t))).at(-1)?.globalPosition.toString() as string;
      const out: Record<string, unknown> = {};
      for (const mesa of new Set(commands.map((c) => c.mesa))) {
        const res = await t.http.get(`${API}/mesas/${mesa}/matrix`).query({ minPosition: at });
        expect(res.status).toBe(200);
        // asOf is the instant of the request when none is given
        const { asOf, ...matrix } = res.body as { asOf: string };
        expect(asOf).toEqual(expect.any(String));
        out[mesa] = matrix;
      }
      return out;
    };
    expect(await matrices(resumed)).toEqual(await matrices(full));
  });

  it("a step's command id is the one the API gives a command under that key", () => {
    const step = commands[0];
    const viaApi = commandIdOf({
      actor: DEMO_ACTORS[step.as],
      idempotencyKey: step.key,
      requestHash: 'irrelevant',
      correlationId: 'irrelevant',
    });
    expect(demoCommandId(step)).toBe(viaApi);
  });

  it('a store holding other events and none of the demo never gets it', async () => {
    const t = await start();
    await ok(
      t,
      '/mesas',
      {
        mesaId: freshId('real'),
        name: 'Mesa real',
        kind: 'sector',
        scope: 'Una mesa que no es de la demo',
        level: 'national',
        convener: 'PRODUCE',
        cadenceDays: 7,
      },
      t.token({ role: 'coordinator' }),
    );
    const before = await logLength(t);
    expect((await demoProgress(storeOf(t), commands)).verdict).toBe('refuse');
    expect(await load(t)).toMatchObject({ verdict: 'refuse', sent: 0, skipped: 0 });
    expect(await logLength(t)).toBe(before);
  });

  it('an empty store that is not the API’s is refused before any step is sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesas-demo-other-'));
    const other = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    try {
      const before = await logLength(full);
      await expect(load(full, undefined, other)).rejects.toThrow(
        /does not write to the configured store/,
      );
      expect(await logLength(full)).toBe(before);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
