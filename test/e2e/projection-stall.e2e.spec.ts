import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ExpectedVersion, SqliteEventStore, StoredEvent } from '@mesas/event-store';
import {
  HISTORY,
  HISTORY_ENTRIES,
  MATRIX,
  ROWS,
  SqliteDocumentStore,
  foldInMemory,
  matrixProjection,
} from '@mesas/projections';
import { auditVerify } from '../../apps/cli/src/commands/audit-verify.command';
import {
  projectionsRebuildCommand,
  projectionsStatusCommand,
} from '../../apps/cli/src/commands/projections.command';
import { ok, seedAcceptedProblem, seedLaunchedMesa } from './support/http-fixtures';
import { API, TestApp, startTestApp } from './support/test-app';

/**
 * One event the public history cannot encode, appended behind the API's back (what an edge
 * that let ill-formed Unicode through once did): the history projection stops at it and says
 * so — health, `mesas projections status` — while the rest of the app keeps working, a rebuild
 * of the history fails loudly without emptying it, and a rebuild of another projection works
 * while the embedded API runs.
 */
describe('a projection stalled by an event it cannot apply (embedded profile)', () => {
  let t: TestApp;
  let poison: StoredEvent;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    coordinator = t.token({ role: 'coordinator' });
    const mesa = await seedLaunchedMesa(t, coordinator);
    await seedAcceptedProblem(t, coordinator, mesa);
    // another handle on the same file, as another process would have
    const store = new SqliteEventStore({ filename: join(t.dataDir, 'events.sqlite') });
    try {
      const mesaId = `mesa-${randomUUID().slice(0, 8)}`;
      const appended = await store.append(
        `mesa-${mesaId}`,
        [
          {
            eventId: randomUUID(),
            type: 'MesaProposed',
            schemaVersion: 1,
            occurredAt: new Date().toISOString(),
            data: { mesaId, name: 'Mesa \ud83d rota', kind: 'sector', scope: 'x', convener: 'P' },
            metadata: {
              actor: 'x',
              correlationId: 'c',
              causationId: null,
              commandId: randomUUID(),
            },
          },
        ],
        ExpectedVersion.noStream,
      );
      poison = appended.events[0];
    } finally {
      await store.close();
    }
  }, 60_000);
  afterAll(() => t.close());

  const withDataDir = async <T>(run: () => Promise<T>): Promise<T> => {
    const before = process.env.DATA_DIR;
    process.env.DATA_DIR = t.dataDir;
    try {
      return await run();
    } finally {
      if (before === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = before;
    }
  };

  const captured = async (
    run: () => Promise<number>,
  ): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((m) => void out.push(String(m)));
    const error = jest.spyOn(console, 'error').mockImplementation((m) => void err.push(String(m)));
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await withDataDir(run);
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
      write.mockRestore();
    }
  };

  it('health says stalled and names the event', async () => {
    let body: {
      status: string;
      projections: { name: string; state: string; stalledAt?: Record<string, unknown> }[];
    } = { status: '', projections: [] };
    const deadline = Date.now() + 45_000;
    while (body.status !== 'stalled') {
      if (Date.now() > deadline)
        throw new Error(`health never said stalled: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 200));
      body = (await t.http.get(`${API}/health`).expect(200)).body;
    }
    const history = body.projections.find((p) => p.name === HISTORY)!;
    expect(history.state).toBe('stalled');
    expect(history.stalledAt).toMatchObject({
      eventId: poison.eventId,
      type: 'MesaProposed',
      position: poison.globalPosition.toString(),
    });
    expect(String(history.stalledAt!.error)).toMatch(/lone surrogate/);
    expect(body.projections.filter((p) => p.state === 'stalled').map((p) => p.name)).toEqual([
      HISTORY,
    ]);
  }, 60_000);

  it('`mesas projections status` names the event, in text and JSON, and exits 1', async () => {
    const text = await captured(() => projectionsStatusCommand.run([]));
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/history\s+STALLED/);
    expect(text.out).toContain(poison.eventId);
    expect(text.out).toContain(`position ${poison.globalPosition}`);
    const json = await captured(() => projectionsStatusCommand.run(['--json']));
    const rows = JSON.parse(json.out) as { name: string; state: string; stalledAt?: unknown }[];
    expect(rows.find((r) => r.name === HISTORY)).toMatchObject({
      state: 'stalled',
      stalledAt: { eventId: poison.eventId, type: 'MesaProposed' },
    });
    expect(rows.find((r) => r.name === MATRIX)).toMatchObject({ state: 'running', lag: 0 });
  });

  it('`mesas audit verify --token` fails on the stalled history, naming the first missing index', async () => {
    const report = await auditVerify({
      url: t.baseUrl!,
      token: t.token({ role: 'auditor' }),
      catchUpMs: 500,
    });
    expect(report.ok).toBe(false);
    // SQLite positions count events from 1: the poison is the entry at index position - 1
    expect(report.firstMissingIndex).toBe(Number(poison.globalPosition) - 1);
    expect(report.problems.join('\n')).toContain(
      `the first without an entry is event ${poison.eventId}`,
    );
  });

  it('a rebuild of the history fails loudly and leaves it as it was', async () => {
    const documents = new SqliteDocumentStore(join(t.dataDir, 'read-models.sqlite'));
    try {
      const before = await documents.count(HISTORY, HISTORY_ENTRIES);
      expect(before).toBeGreaterThan(0);
      const run = await captured(() => projectionsRebuildCommand.run([HISTORY]));
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/REBUILD FAILED, the live projection was left as it was/);
      expect(run.err).toContain(poison.eventId);
      expect(await documents.count(HISTORY, HISTORY_ENTRIES)).toBe(before);
      const history = await t.http.get(`${API}/history`).expect(200);
      expect(history.body.entries.length).toBeGreaterThan(0);
    } finally {
      await documents.close();
    }
  }, 60_000);

  it('a rebuild of another projection works while the API runs and takes commands', async () => {
    const mesa = await seedLaunchedMesa(t, coordinator, 'durante');
    const writing = (async () => {
      for (let i = 0; i < 5; i++) await seedAcceptedProblem(t, coordinator, mesa, `p${i}`);
    })();
    const run = await captured(() => projectionsRebuildCommand.run([MATRIX]));
    await writing;
    expect(run.err).toMatch(/matrix: \d+ events in .*swapped in/);
    expect(run.code).toBe(0);
    // the API's runner carries on from the rebuilt checkpoint: a command's position is reached
    const last = await ok(
      t,
      `/mesas/${mesa.mesaId}/problems`,
      {
        problemId: `p-final-${randomUUID().slice(0, 6)}`,
        title: 'Último',
        barrier: 'red_tape',
        raisedBy: mesa.gremio,
      },
      coordinator,
    );
    await t.http
      .get(`${API}/mesas/${mesa.mesaId}/matrix`)
      .query({ minPosition: last.position })
      .expect(200);
    const store = new SqliteEventStore({ filename: join(t.dataDir, 'events.sqlite') });
    const documents = new SqliteDocumentStore(join(t.dataDir, 'read-models.sqlite'));
    try {
      const events = (await store.readAll(null, 1_000_000)).events;
      expect(await documents.list(MATRIX, ROWS)).toEqual(
        foldInMemory(matrixProjection, events).all(ROWS),
      );
    } finally {
      await documents.close();
      await store.close();
    }
  }, 90_000);
});
