import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, StoredEvent } from '@mesas/event-store';
import {
  MATRIX,
  MESAS,
  MatrixRowDoc,
  PostgresDocumentStore,
  ROWS,
  foldInMemory,
  matrixProjection,
  matrixRows,
} from '@mesas/projections';
import { signToken } from '@mesas/runtime';
import { TestSchema, createTestSchema, describeWithPostgres, sql } from '../support/postgres';
import { Child, ensureBuilt, freePort } from './support/processes';

/**
 * The server profile as it is deployed: two API processes and two workers (the compiled
 * build, bin/api.js and bin/worker.js) on one PostgreSQL schema. Concurrent commands go to
 * both APIs; midway the worker running the matrix is SIGKILLed. Afterwards the matrix must
 * equal a fresh fold of the whole log, and every command answered 201 must be in the log.
 */
describeWithPostgres('scale-out: two APIs and two workers on one database', () => {
  const MESAS_COUNT = 4;
  const PROBLEMS_PER_MESA = 8;
  const CHAINS_IN_FLIGHT = 8;

  let schema: TestSchema;
  let dataDir: string;
  let env: Record<string, string>;
  let apis: { child: Child; url: string }[] = [];
  let workers: Child[] = [];
  let coordinator: string;
  let build = { built: false, ms: 0 };
  let bootMs = 0;

  beforeAll(async () => {
    build = ensureBuilt();
    schema = await createTestSchema('mesas_scale');
    dataDir = mkdtempSync(join(tmpdir(), 'mesas-scale-'));
    const secret = randomBytes(32).toString('hex');
    coordinator = signToken(secret, { sub: 'scale-out-coordinator', role: 'coordinator' });
    env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      DEMO_DATA: 'off',
      AUTH_SECRET: secret,
      DATA_DIR: dataDir,
      KAFKA_BROKERS: '',
    };
    const booting = Date.now();
    const ports = [await freePort(), await freePort()];
    apis = ports.map((port, i) => ({
      child: Child.start(`api-${i}`, 'bin/api.js', {
        ...env,
        // APIs run the projections under the leases by default; this topology leaves them to
        // the dedicated workers, so that the SIGKILL below hits the lease holder
        PROJECTIONS: 'worker',
        PORT: String(port),
        PGAPPNAME: `${schema.schema}-api-${i}`,
      }),
      url: `http://127.0.0.1:${port}/api/v1`,
    }));
    workers = [0, 1].map((i) =>
      Child.start(`worker-${i}`, 'bin/worker.js', {
        ...env,
        PGAPPNAME: `${schema.schema}-worker-${i}`,
      }),
    );
    await Promise.all([
      ...apis.map((a) => waitForHealth(a.url, a.child)),
      ...workers.map((w) => w.waitForOutput(/worker ready/, 30_000)),
    ]);
    bootMs = Date.now() - booting;
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...apis.map((a) => a.child.stop()), ...workers.map((w) => w.stop())]);
    await schema?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('keeps every answered command and a matrix equal to a fresh rebuild, across a worker SIGKILL', async () => {
    const started = Date.now();
    const answered: { path: string; status: number; body: CommandBody }[] = [];
    let turn = 0;
    /** POSTs to the APIs in turn; 201 and 409 (a rule, or a race lost five times) are answers */
    const post = async (path: string, body: object): Promise<CommandBody | null> => {
      const api = apis[turn++ % apis.length];
      const res = await fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
        body: JSON.stringify(body),
      });
      const payload = (await res.json()) as CommandBody;
      answered.push({ path, status: res.status, body: payload });
      if (res.status !== 201 && res.status !== 409) {
        throw new Error(`POST ${path} -> ${res.status} ${JSON.stringify(payload)}`);
      }
      return res.status === 201 ? payload : null;
    };

    // the mesas, each launched with its participants
    const mesaIds = Array.from(
      { length: MESAS_COUNT },
      (_, i) => `scale-${i}-${randomBytes(3).toString('hex')}`,
    );
    await Promise.all(
      mesaIds.map(async (mesaId) => {
        const m = `/mesas/${mesaId}`;
        await post('/mesas', {
          mesaId,
          name: `Mesa ${mesaId}`,
          kind: 'sector',
          scope: 'acuicultura',
          convener: 'PRODUCE',
        });
        await post(`${m}/viability`, { viable: true, notes: 'demanda privada clara' });
        await post(`${m}/launch`, {});
        await post(`${m}/participants`, {
          participantId: 'equipo',
          name: 'Equipo',
          organisation: 'PRODUCE',
          role: 'dedicated_team',
        });
        await post(`${m}/participants`, {
          participantId: 'gremio',
          name: 'Gremio',
          organisation: 'SNP',
          role: 'private',
        });
        await post(`${m}/participants`, {
          participantId: 'sanipes',
          name: 'SANIPES',
          organisation: 'SANIPES',
          role: 'public',
        });
      }),
    );

    // many problems, each a chain of commands, some of them racing on the same stream
    const chains = mesaIds.flatMap((mesaId, mi) =>
      Array.from({ length: PROBLEMS_PER_MESA }, (_, pi) => async () => {
        const problemId = `p-${mi}-${pi}-${randomBytes(3).toString('hex')}`;
        const p = `/problems/${problemId}`;
        const raised = await post(`/mesas/${mesaId}/problems`, {
          problemId,
          title: `Cuello de botella ${pi}`,
          barrier: 'red_tape',
          raisedBy: 'gremio',
        });
        if (!raised) return;
        await Promise.all([
          post(`${p}/classify`, { ownership: 'MP', rootCause: 'implementation' }),
          post(`${p}/filter`, { decision: 'accepted' }),
          ...(pi % 3 === 0
            ? [
                post(`/mesas/${mesaId}/sessions`, {
                  type: 'regular',
                  heldOn: '2025-01-15',
                  attendees: ['equipo', 'gremio'],
                }),
              ]
            : []),
        ]);
        // a command may lose its race five times (409): later steps on its task then skip
        const [, , t1] = await Promise.all([
          post(`${p}/prioritize`, { rank: pi + 1 }),
          post(`${p}/solutions`, { text: 'Ventanilla única' }),
          post(`${p}/tasks`, {
            taskId: 't1',
            title: 'Protocolo',
            responsibleEntity: 'SANIPES',
            dueOn: '2030-06-30',
          }),
          post(`${p}/tasks`, {
            taskId: 't2',
            title: 'Piloto',
            responsibleEntity: 'PRODUCE',
            dueOn: '2030-09-30',
          }),
        ]);
        await Promise.all([
          ...(t1 ? [post(`${p}/tasks/t1/progress`, { note: 'Borrador listo' })] : []),
          post(`${p}/solutions`, {
            text: 'Ventanilla única digital',
            rationale: 'lo presencial no bastaba',
          }),
        ]);
        if (t1) await post(`${p}/tasks/t1/complete`, { outcome: 'Protocolo aprobado' });
      }),
    );
    const expected = answered.length + chains.length * 10;

    // midway, SIGKILL the worker that runs the matrix; the other must take over
    const kill = { index: -1, atMs: 0, takeoverMs: 0 };
    const killWhenHalfway = (async () => {
      while (answered.length < expected / 2) await new Promise((r) => setTimeout(r, 10));
      // a worker still booting on a loaded machine may not hold the lease yet: wait for one
      let holder: string | null = null;
      await until(async () => {
        holder = await leaseHolder(schema.schema, 'projection/matrix');
        return holder !== null;
      }, 60_000);
      kill.index = workers.findIndex((_, i) => holder === `${schema.schema}-worker-${i}`);
      if (kill.index === -1)
        throw new Error(`no worker holds the matrix lease (holder: ${holder})`);
      workers[kill.index].kill('SIGKILL');
      const killedAt = Date.now();
      kill.atMs = killedAt - started;
      // PostgreSQL releases the dead worker's lock; the survivor takes the lease over
      const survivorName = `${schema.schema}-worker-${1 - kill.index}`;
      await until(
        async () => (await leaseHolder(schema.schema, 'projection/matrix')) === survivorName,
        20_000,
      );
      kill.takeoverMs = Date.now() - killedAt;
    })();
    await runBounded(chains, CHAINS_IN_FLIGHT);
    await killWhenHalfway;
    const commandsMs = Date.now() - started;

    const killed = workers[kill.index];
    const survivor = workers[1 - kill.index];
    expect(await killed.exited).toBeNull(); // died of the signal
    expect(killed.running).toBe(false);
    expect(survivor.running).toBe(true);

    // read your writes across processes: an API that runs no projection waits for the worker
    const lastAnswer = [...answered].reverse().find((a) => a.status === 201);
    const readYourWrite = await fetch(
      `${apis[1].url}/mesas?minPosition=${lastAnswer?.body.position}`,
    );
    expect(readYourWrite.status).toBe(200);

    // the log, read as a reader does; every command answered 201 is in it
    const store = await PostgresEventStore.open({
      connectionString: schema.url,
      schema: schema.schema,
    });
    const documents = await PostgresDocumentStore.open({
      connectionString: schema.url,
      schema: schema.schema,
    });
    try {
      const log = await readWholeLog(store);
      const byPosition = new Map(log.map((e) => [e.globalPosition.toString(), e]));
      const created = answered.filter((a) => a.status === 201);
      const missing = created.filter((a) => {
        const e = byPosition.get(a.body.position);
        return !e || e.streamId !== a.body.streamId || e.streamVersion !== a.body.version;
      });
      expect(missing).toEqual([]);
      expect(new Set(log.map((e) => e.eventId)).size).toBe(log.length);

      // the matrix catches up with the whole log (the survivor runs it now)
      const catchUpStart = Date.now();
      await until(async () => {
        const checkpoint = await documents.checkpoint(MATRIX);
        return store.covers(checkpoint, log[log.length - 1].globalPosition);
      }, 30_000);
      const catchUpMs = Date.now() - catchUpStart;

      // ... and equals a fresh fold of the log, in the store and over HTTP from both APIs
      const fresh = foldInMemory(matrixProjection, log);
      expect(await documents.list(MATRIX, MESAS)).toEqual(fresh.all(MESAS));
      expect(await documents.list(MATRIX, ROWS)).toEqual(fresh.all(ROWS));
      for (const [i, mesaId] of mesaIds.entries()) {
        const res = await fetch(`${apis[i % 2].url}/mesas/${mesaId}/matrix`);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { asOf: string; rows: unknown[] };
        const rows = (fresh.all(ROWS) as MatrixRowDoc[]).filter((r) => r.mesaId === mesaId);
        expect(body.rows).toEqual(JSON.parse(JSON.stringify(matrixRows(rows, body.asOf))));
        expect(rows.length).toBeGreaterThan(0);
      }

      // a rebuild beside the live matrix, swapped in while both APIs keep answering
      const rebuildStart = Date.now();
      const rebuild = Child.start(
        'rebuild',
        'bin/mesas.js',
        { ...env, PGAPPNAME: `${schema.schema}-cli` },
        ['projections', 'rebuild', 'matrix'],
      );
      const served: number[] = [];
      while (rebuild.running) {
        const res = await fetch(`${apis[served.length % 2].url}/mesas`);
        const body = (await res.json()) as { mesas?: unknown[] };
        served.push(res.status === 200 && body.mesas?.length === MESAS_COUNT ? 200 : res.status);
      }
      expect(await rebuild.exited).toBe(0);
      const rebuildMs = Date.now() - rebuildStart;
      expect(served.filter((s) => s !== 200)).toEqual([]);
      expect(await documents.list(MATRIX, ROWS)).toEqual(fresh.all(ROWS));
      expect(await documents.list(MATRIX, MESAS)).toEqual(fresh.all(MESAS));
      const status = Child.start('status', 'bin/mesas.js', env, [
        'projections',
        'status',
        '--json',
      ]);
      expect(await status.exited).toBe(0);
      const report = JSON.parse(status.stdout) as {
        projection: string;
        checkpoint: string;
        lag: number;
      }[];
      expect(report.find((r) => r.projection === MATRIX)).toMatchObject({
        lag: 0,
        checkpoint: expect.stringMatching(/^\d+:\d+$/),
      });

      const statuses = answered.reduce<Record<number, number>>(
        (n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }),
        {},
      );
      console.log(
        `scale-out: build ${build.built ? `${build.ms} ms` : 'up to date'}; 4 processes up in ${bootMs} ms; ` +
          `${answered.length} commands ` +
          `(${JSON.stringify(statuses)}) in ${commandsMs} ms to 2 APIs; ${log.length} events; ` +
          `worker SIGKILLed at ${kill.atMs} ms (after ${Math.round(expected / 2)} answers), lease taken over ${kill.takeoverMs} ms later; ` +
          `matrix caught up ${catchUpMs} ms after the last answer and equals a fresh fold; all ${created.length} ` +
          `201s are in the log; rebuild + swap ${rebuildMs} ms with ${served.length} reads served, all 200`,
      );
    } finally {
      await documents.close();
      await store.close();
    }
  }, 120_000);
});

interface CommandBody {
  id: string;
  streamId: string;
  version: number;
  position: string;
  message?: string;
}

async function waitForHealth(url: string, child: Child): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!child.running) throw new Error(`${child.name} exited:\n${child.log}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${child.name} did not become healthy:\n${child.log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The application_name of the session holding a lease (PostgresAdvisoryLeases' key). */
async function leaseHolder(schemaName: string, lease: string): Promise<string | null> {
  const rows = await sql<{ application_name: string }>(
    `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
       AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)`,
    [`mesas-lease/${schemaName}/${lease}`],
  );
  return rows[0]?.application_name ?? null;
}

async function readWholeLog(store: PostgresEventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let checkpoint: string | null = null;
  for (;;) {
    const page = await store.readAll(checkpoint, 1000);
    if (page.events.length === 0) return events;
    events.push(...page.events);
    checkpoint = page.checkpoint;
  }
}

async function runBounded(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
