/**
 * The public history at scale: how fast the history projection appends entries and
 * Merkle nodes, how long proofs take from stored nodes at 10k..N entries, and how long the
 * auditor's full verification takes.
 *
 * 1. Appends N synthetic events (default 100k: problem streams of 50 events) to a SQLite event
 *    store, on /dev/shm when it exists (the fsync of each append is not what is measured).
 * 2. Runs the history projection over the log with the real ProjectionRunner into a SQLite
 *    document store (and, with --postgres URL, into a PostgreSQL one too): entries/s.
 * 3. Times inclusion and consistency proofs from the stored nodes at tree sizes 10k, 50k, N.
 * 4. Exports the history (`mesas export` from the local store) and times `audit verify --file`:
 *    every leaf and the root recomputed, the signature checked.
 *
 *   npm run build && node -r ./bin/register-paths dist/bench/history.bench.js \
 *     [--entries 100000] [--runs 200] [--postgres postgres://...] [--dir PATH]
 */
import { randomUUID } from 'node:crypto';
import { auditVerify } from '../apps/cli/src/commands/audit-verify.command';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExpectedVersion, NewEvent, SqliteEventStore } from '@mesas/event-store';
import {
  DocumentStore,
  PostgresDocumentStore,
  ProjectionRunner,
  SqliteDocumentStore,
  historyConsistencyProof,
  historyInclusionProof,
  historyProjection,
  historyTree,
} from '@mesas/projections';
import { exportHistory } from '../apps/cli/src/commands/export.command';

interface Options {
  entries: number;
  runs: number;
  postgres: string | null;
  dir: string | null;
}

function parse(argv: readonly string[]): Options {
  const o: Options = { entries: 100_000, runs: 200, postgres: null, dir: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--entries') o.entries = Number(value);
    else if (flag === '--runs') o.runs = Number(value);
    else if (flag === '--postgres') o.postgres = value;
    else if (flag === '--dir') o.dir = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return o;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function event(type: string, data: NewEvent['data'], at: number): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: new Date(Date.UTC(2015, 0, 1) + at * 60_000).toISOString(),
    data,
    metadata: {
      actor: 'bench',
      correlationId: 'c',
      causationId: null,
      commandId: randomUUID(),
      ...(at % 7 === 0 ? { sessionId: 's1' } : {}),
    },
  };
}

async function seed(store: SqliteEventStore, n: number): Promise<void> {
  let written = 0;
  for (let p = 0; written < n; p++) {
    const mesaId = `m-${p % 50}`;
    const problemId = `p-${p}`;
    const k = Math.min(50, n - written);
    const events = [
      event(
        'ProblemRaised',
        {
          mesaId,
          problemId,
          title: `Problema ${p}`,
          description: null,
          barrier: 'red_tape',
          raisedBy: 'x',
        },
        written,
      ),
    ];
    for (let i = 1; i < k; i++)
      events.push(event('ProblemPrioritized', { mesaId, problemId, rank: i }, written + i));
    await store.append(`problem-${problemId}`, events, ExpectedVersion.noStream);
    written += k;
  }
}

async function project(
  store: SqliteEventStore,
  documents: DocumentStore,
  n: number,
): Promise<number> {
  const started = performance.now();
  const runner = new ProjectionRunner(historyProjection, store, documents, {
    batchSize: 500,
    pollMs: 10,
    lease: null,
  });
  runner.start();
  try {
    while ((await historyTree(documents)).treeSize < n) await new Promise((r) => setTimeout(r, 25));
  } finally {
    await runner.stop();
  }
  return performance.now() - started;
}

async function latency(runs: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Number(times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3));
  return {
    runs,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: Number(times[times.length - 1].toFixed(3)),
  };
}

async function proofs(documents: DocumentStore, n: number, runs: number) {
  const out: Record<string, unknown> = {};
  for (const size of [10_000, 50_000, n].filter((s, i, all) => s <= n && all.indexOf(s) === i)) {
    out[`inclusion@${size}`] = await latency(runs, (i) =>
      historyInclusionProof(documents, (i * 7919) % size, size),
    );
    out[`consistency@${size}`] = await latency(runs, (i) =>
      historyConsistencyProof(documents, 1 + ((i * 7919) % (size - 1)), size),
    );
    log(
      `proofs at ${size}: ${JSON.stringify(out[`inclusion@${size}`])} ${JSON.stringify(out[`consistency@${size}`])}`,
    );
  }
  return out;
}

async function analyze(url: string, schema: string): Promise<void> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`ANALYZE ${schema}.rm_docs`);
  } finally {
    await c.end();
  }
}

export async function main(argv: readonly string[] = process.argv.slice(2)) {
  const options = parse(argv);
  const dir = mkdtempSync(
    join(options.dir ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir()), 'mesas-history-bench-'),
  );
  const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  const documents = new SqliteDocumentStore(join(dir, 'read-models.sqlite'));
  try {
    let t0 = performance.now();
    await seed(store, options.entries);
    log(`seeded ${options.entries} events in ${(performance.now() - t0).toFixed(0)} ms`);

    const sqliteMs = await project(store, documents, options.entries);
    const sqlite = {
      ms: Math.round(sqliteMs),
      entriesPerSecond: Math.round(options.entries / (sqliteMs / 1000)),
    };
    log(`history projection (SQLite): ${JSON.stringify(sqlite)}`);
    const sqliteProofs = await proofs(documents, options.entries, options.runs);

    let postgres: Record<string, unknown> | null = null;
    if (options.postgres) {
      const schema = `mesas_bench_${randomUUID().slice(0, 8)}`;
      const pg = await PostgresDocumentStore.open({ connectionString: options.postgres, schema });
      try {
        const ms = await project(store, pg, options.entries);
        // Freshly bulk-loaded tables have no statistics until autovacuum analyzes them; until
        // then the planner hashes the whole projection for each `load` (≈100 ms, see the report).
        const before = await proofs(
          pg,
          Math.min(options.entries, 10_000),
          Math.min(options.runs, 20),
        );
        await analyze(options.postgres, schema);
        postgres = {
          ms: Math.round(ms),
          entriesPerSecond: Math.round(options.entries / (ms / 1000)),
          proofsBeforeAnalyze: before,
          proofs: await proofs(pg, options.entries, options.runs),
        };
        log(`history projection (PostgreSQL): ${JSON.stringify(postgres)}`);
      } finally {
        const { Client } = await import('pg');
        const c = new Client({ connectionString: options.postgres });
        await c.connect();
        await pg.close();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      }
    }

    process.env.DATA_DIR = dir;
    process.env.EVENT_STORE = 'sqlite';
    t0 = performance.now();
    await exportHistory({ out: join(dir, 'export') });
    const exportMs = performance.now() - t0;
    t0 = performance.now();
    const report = await auditVerify({ file: join(dir, 'export') });
    const verifyMs = performance.now() - t0;
    if (!report.ok) throw new Error(`verification failed: ${report.problems.join('; ')}`);
    log(`export ${exportMs.toFixed(0)} ms, verify ${verifyMs.toFixed(0)} ms`);

    return {
      benchmark: 'history',
      environment: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? '?',
        dir,
      },
      entries: options.entries,
      projection: { sqlite, postgres },
      proofs: { sqlite: sqliteProofs },
      export: { ms: Math.round(exportMs) },
      verify: {
        ms: Math.round(verifyMs),
        entriesPerSecond: Math.round(options.entries / (verifyMs / 1000)),
      },
    };
  } finally {
    await documents.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
