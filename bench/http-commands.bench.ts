import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { signToken } from '@mesas/runtime';
import { cpuMsOf, postJson, startApiProcess, startCompiled } from './support/processes';
import {
  createRawPgTable,
  median,
  rawInsertLoop,
  rawPgInsertLoop,
  round1,
  withDatabase,
} from './support/store-load';

/**
 * Commands over HTTP: `clients` keep-alive clients, each revising the solution of a problem of
 * its own as fast as the API answers (every answer a 201: a durable append, then the
 * projections), in two profiles, each against its named peer measured in the same run, the
 * contenders alternated round by round:
 *
 * - embedded (SQLite): against "raw better-sqlite3 INSERT, one transaction per insert,
 *   synchronous=FULL, on the same disk";
 * - server (PostgreSQL, `EVENT_STORE=postgres`, one API running the projections under their
 *   leases as the README's server profile describes; `BENCH_PG_PROJECTIONS=worker` moves them
 *   to a worker process): against "raw node-postgres BEGIN/INSERT/COMMIT, one event per
 *   transaction, on 8 connections" to the same server. Needs `BENCH_DATABASE_URL` (default
 *   postgres://postgres@127.0.0.1:5432/commands_db, a database of its own; each round works in
 *   a fresh schema, dropped after it); `BENCH_PROFILES=sqlite` skips it.
 *
 * The API runs as its own process (`node bin/api.js`, built by `npm run bench`), so the load
 * generator does not share its event loop. Each round starts a fresh API and sends it
 * `BENCH_WARMUP` commands (default 1000) of the same load before the measured `BENCH_COMMANDS`:
 * a server that has just started runs its code interpreted, several times slower than once
 * compiled, and a running server is measured warm (the raw loop's few lines warm up at once). The ratios are what to compare: besides the ratio of
 * the medians, each round's own ratio (contender over the peer measured just before it) and
 * their median, which the machine's load moves less.
 */
export async function main(): Promise<Record<string, unknown>> {
  const commands = Number(process.env.BENCH_COMMANDS ?? 2000);
  const warmup = Number(process.env.BENCH_WARMUP ?? 1000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const clients = Number(process.env.BENCH_CLIENTS ?? 32);
  const profiles = (process.env.BENCH_PROFILES ?? 'sqlite,postgres').split(',');
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/commands_db';
  const pgConnections = 8;
  const dir = mkdtempSync(join(tmpdir(), 'mesas-bench-http-'));
  const samples = {
    raw: [] as number[],
    http: [] as number[],
    rawPg: [] as number[],
    httpPg: [] as number[],
  };
  /** the API's CPU time per command (ms): what the machine's load moves least */
  const cpu = { http: [] as number[], httpPg: [] as number[] };
  const statuses: Record<string, number> = {};
  const statusesPg: Record<string, number> = {};
  if (profiles.includes('postgres')) await ensureDatabase(url);
  const pool = profiles.includes('postgres')
    ? new Pool({ connectionString: url, max: pgConnections })
    : null;
  try {
    for (let round = 0; round < rounds; round++) {
      if (profiles.includes('sqlite')) {
        samples.raw.push(rawInsertLoop(join(dir, `raw-${round}.sqlite`), commands));
        const api = await startApi({ EVENT_STORE: 'sqlite', DATA_DIR: join(dir, `api-${round}`) });
        try {
          samples.http.push(await commandLoad(api, warmup, commands, clients, statuses, cpu.http));
        } finally {
          await api.stop();
        }
      }
      if (pool) {
        const schema = `bench_http_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
        await pool.query(`CREATE SCHEMA ${schema}`);
        try {
          await createRawPgTable(pool, schema);
          samples.rawPg.push(await rawPgInsertLoop(pool, schema, commands, pgConnections));
          const env = {
            EVENT_STORE: 'postgres',
            DATABASE_URL: url,
            DATABASE_SCHEMA: schema,
            DATA_DIR: join(dir, `api-pg-${round}`),
          };
          const worker = process.env.BENCH_PG_PROJECTIONS === 'worker';
          const api = await startApi({ ...env, ...(worker ? { PROJECTIONS: 'worker' } : {}) });
          const workerProcess = worker
            ? startCompiled('worker.js', { ...env, AUTH_SECRET: api.secret })
            : null;
          try {
            samples.httpPg.push(
              await commandLoad(api, warmup, commands, clients, statusesPg, cpu.httpPg),
            );
          } finally {
            await api.stop();
            await workerProcess?.stop();
          }
        } finally {
          await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        }
      }
    }
  } finally {
    await pool?.end();
    rmSync(dir, { recursive: true, force: true });
  }
  const result: Record<string, unknown> = { commands, warmupCommands: warmup, rounds, clients };
  if (profiles.includes('sqlite')) {
    result.embedded = {
      peer: {
        name: 'raw better-sqlite3 INSERT per transaction (WAL, synchronous=FULL), same disk',
        insertsPerSecond: round1(median(samples.raw)),
      },
      http: {
        ...compare(samples.http, samples.raw, statuses),
        apiCpuMsPerCommand: cpuOf(cpu.http),
      },
    };
  }
  if (pool) {
    result.postgres = {
      projections: process.env.BENCH_PG_PROJECTIONS === 'worker' ? 'worker' : 'in the API',
      peer: {
        name: `raw node-postgres BEGIN/INSERT/COMMIT, ${pgConnections} connections, same server`,
        insertsPerSecond: round1(median(samples.rawPg)),
      },
      http: {
        ...compare(samples.httpPg, samples.rawPg, statusesPg),
        apiCpuMsPerCommand: cpuOf(cpu.httpPg),
      },
    };
  }
  return { ...result, samples };
}

/** Creates the bench's database when the server does not have it yet (a fresh machine). */
async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new Pool({ connectionString: withDatabase(url, 'postgres'), max: 1 });
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

/** The contender's rate against its peer's: the ratio of the medians, and each round's. */
function compare(ours: number[], peer: number[], statuses: Record<string, number>) {
  const perRound = ours.map((x, i) => x / peer[i]);
  return {
    commandsPerSecond: round1(median(ours)),
    ratioToPeer: round1(median(ours) / median(peer), 3),
    roundRatios: perRound.map((r) => round1(r, 3)),
    medianRoundRatio: round1(median(perRound), 3),
    statuses,
  };
}

const cpuOf = (ms: number[]): number | null => (ms.length ? round1(median(ms), 3) : null);

interface RunningApi {
  readonly base: string;
  readonly token: string;
  readonly secret: string;
  /** CPU time the API process has used so far (user + system, ms; Linux), null elsewhere */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const secret = randomUUID() + randomUUID();
  const api = await startApiProcess({ ...env, DEMO_DATA: 'off', AUTH_SECRET: secret });
  return {
    base: `http://127.0.0.1:${api.port}/api/v1`,
    secret,
    token: signToken(secret, { sub: 'bench', role: 'coordinator' }),
    cpuMs: () => cpuMsOf(api.pid),
    stop: () => api.stop(),
  };
}

/** A launched mesa with `clients` accepted problems, then the measured revisions. */
async function commandLoad(
  api: RunningApi,
  warmupCommands: number,
  commands: number,
  clients: number,
  statuses: Record<string, number>,
  cpu: number[],
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const post = async (path: string, body: object) =>
    (await postJson(agent, api, path, body)).status;
  const mesaId = `bench-${randomUUID().slice(0, 8)}`;
  const m = `/mesas/${mesaId}`;
  await post('/mesas', {
    mesaId,
    name: 'Mesa de prueba',
    kind: 'sector',
    scope: 'bench',
    convener: 'PRODUCE',
  });
  await post(`${m}/viability`, { viable: true, notes: 'bench' });
  await post(`${m}/launch`, {});
  await post(`${m}/participants`, {
    participantId: 'gremio',
    name: 'Gremio',
    organisation: 'Gremio',
    role: 'private',
  });
  const problems = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const problemId = `${mesaId}-p${i}`;
      await post(`${m}/problems`, {
        problemId,
        title: `Problema ${i}`,
        barrier: 'red_tape',
        raisedBy: 'gremio',
      });
      await post(`/problems/${problemId}/filter`, { decision: 'accepted' });
      return problemId;
    }),
  );
  const revise = (count: number, tally: Record<string, number>) =>
    Promise.all(
      problems.map(async (problemId) => {
        for (let i = 0; i < count; i++) {
          const status = await post(`/problems/${problemId}/solutions`, {
            text: `Revisión ${i} de la solución`,
            rationale: 'lo aprendido en la ejecución',
          });
          tally[status] = (tally[status] ?? 0) + 1;
        }
      }),
    );
  // the same load, unmeasured, until the API's code is compiled: what a running server does
  const warmup: Record<string, number> = {};
  await revise(Math.ceil(warmupCommands / clients), warmup);
  if (Object.keys(warmup).some((status) => status !== '201')) {
    throw new Error(`warm-up answers: ${JSON.stringify(warmup)}`);
  }
  const perClient = Math.ceil(commands / clients);
  const cpuBefore = api.cpuMs();
  const started = performance.now();
  await revise(perClient, statuses);
  const rate = (perClient * clients) / ((performance.now() - started) / 1000);
  const cpuAfter = api.cpuMs();
  if (cpuBefore !== null && cpuAfter !== null) {
    cpu.push((cpuAfter - cpuBefore) / (perClient * clients));
  }
  agent.destroy();
  return rate;
}
