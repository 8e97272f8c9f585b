/**
 * Projection rebuild against the store's raw read-all rate, over a large realistic log
 * (target: a rebuild reads and folds at ≥ 25% of the rate at which a plain loop
 * reads every event row in log order and parses its JSON).
 *
 * The log (BENCH_EVENTS events, default 1,000,000; bench/support/realistic-log.ts) is generated
 * once and cached under the OS temporary directory. The read models live in a fresh directory;
 * a first, unmeasured rebuild of every projection makes them "live", so each measured rebuild
 * is what an operator runs: a new generation filled beside the live one and swapped in.
 *
 * Each round runs, in an order rotated round by round, the raw peer (better-sqlite3 `iterate`
 * over `SELECT * FROM es_events ORDER BY global_position`, JSON.parse of data and metadata),
 * then one rebuild of each projection (matrix, analytics, history), one of all of them
 * together as `mesas projections rebuild` does, and one of the history with its thread turned
 * off (`history-one-thread`: the rebuild where the log cannot be read from another thread,
 * decision 0031). Rates are events/s; each rebuild's ratio is to the raw rate of its own round,
 * and the report gives medians over the rounds.
 *
 * With --postgres URL (or BENCH_POSTGRES), the same log is copied into a PostgreSQL event store
 * and read-model schema in that database, and the same rounds run there against a raw
 * batched SELECT (keyset pages of 10,000 rows, JSON parsed).
 *
 *   npm run build && BENCH_EVENTS=200000 node bin/bench.js rebuild
 *   node -r ./bin/register-paths dist/bench/rebuild.bench.js [--events N] [--rounds 3]
 *     [--only matrix,history,...] [--postgres postgres://...]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventStore, SqliteEventStore } from '@mesas/event-store';
import {
  BatchProjection,
  DocumentStore,
  Projection,
  SqliteDocumentStore,
  analyticsProjection,
  historyProjection,
  matrixProjection,
  rebuildProjections,
} from '@mesas/projections';
import { median, round1 } from './support/store-load';
import { realisticLog } from './support/realistic-log';

interface Options {
  events: number;
  rounds: number;
  only: string[] | null;
  postgres: string | null;
}

function parse(argv: readonly string[]): Options {
  const o: Options = {
    events: Number(process.env.BENCH_EVENTS ?? 1_000_000),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
    only: null,
    postgres: process.env.BENCH_POSTGRES ?? null,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--events') o.events = Number(value);
    else if (flag === '--rounds') o.rounds = Number(value);
    else if (flag === '--only') o.only = value.split(',');
    else if (flag === '--postgres') o.postgres = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return o;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

const SINGLE: readonly (Projection | BatchProjection)[] = [
  matrixProjection,
  analyticsProjection,
  historyProjection,
];

interface Contender {
  readonly name: string;
  run(): Promise<number>;
}

/** The peer: every row of the events table in log order, its JSON parsed. */
function rawSqliteReadAll(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    let n = 0;
    for (const row of db
      .prepare('SELECT * FROM es_events ORDER BY global_position')
      .iterate() as IterableIterator<{ data: string; metadata: string }>) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      n++;
    }
    return n;
  } finally {
    db.close();
  }
}

async function rounds(
  label: string,
  contenders: readonly Contender[],
  options: Options,
): Promise<Record<string, unknown>> {
  const rates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const ratios = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    const thisRound = new Map<string, number>();
    for (const c of order) {
      const started = performance.now();
      const events = await c.run();
      const rate = events / ((performance.now() - started) / 1000);
      thisRound.set(c.name, rate);
      rates.get(c.name)!.push(rate);
      log(
        `${label} round ${round + 1} ${c.name}: ${Math.round(rate)} events/s (load ${loadavg()[0].toFixed(2)})`,
      );
    }
    const raw = thisRound.get('raw')!;
    for (const c of contenders) ratios.get(c.name)!.push(thisRound.get(c.name)! / raw);
  }
  return Object.fromEntries(
    contenders.map((c) => [
      c.name,
      {
        eventsPerSecond: Math.round(median(rates.get(c.name)!)),
        ...(c.name === 'raw'
          ? {}
          : {
              ratioToRaw: round1(median(ratios.get(c.name)!), 3),
              // per round too: with few rounds on a shared machine, the spread matters
              ratiosByRound: ratios.get(c.name)!.map((r) => round1(r, 3)),
            }),
        rounds: rates.get(c.name)!.map(Math.round),
      },
    ]),
  );
}

/** Rebuilds `projections` in one pass; returns the events each read (throws if one failed). */
async function rebuild(
  projections: readonly (Projection | BatchProjection)[],
  store: EventStore,
  documents: DocumentStore,
  threads = true,
): Promise<number> {
  const outcomes = await rebuildProjections(projections, store, documents, { threads });
  const failed = outcomes.find((o) => o.error);
  if (failed?.error) throw failed.error;
  return outcomes[0].result!.events;
}

function rebuildContenders(
  store: EventStore,
  documents: DocumentStore,
  only: string[] | null,
): Contender[] {
  const all: Contender[] = [
    ...SINGLE.map((p) => ({
      name: p.name,
      run: () => rebuild([p], store, documents),
    })),
    {
      name: 'all',
      run: () => rebuild(SINGLE, store, documents),
    },
    // the history with its whole fold on the main thread, as where no thread can read the log
    {
      name: 'history-one-thread',
      run: () => rebuild([historyProjection], store, documents, false),
    },
  ];
  return all.filter((c) => only === null || only.includes(c.name));
}

async function sqlite(options: Options, logFile: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'mesas-rebuild-bench-'));
  const store = new SqliteEventStore({ filename: logFile });
  const documents = new SqliteDocumentStore(join(dir, 'read-models.sqlite'));
  try {
    let t0 = performance.now();
    await rebuild(SINGLE, store, documents);
    log(`live projections built in ${Math.round(performance.now() - t0)} ms`);
    t0 = performance.now();
    return await rounds(
      'sqlite',
      [
        { name: 'raw', run: async () => rawSqliteReadAll(logFile) },
        ...rebuildContenders(store, documents, options.only),
      ],
      options,
    );
  } finally {
    await documents.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[] = process.argv.slice(2)) {
  const options = parse(argv);
  const loadAtStart = loadavg()[0];
  const t0 = performance.now();
  const logFile = realisticLog(options.events);
  log(
    `log of ${options.events} events ready in ${Math.round(performance.now() - t0)} ms: ${logFile}`,
  );
  const sqliteResults = await sqlite(options, logFile);
  return {
    benchmark: 'rebuild',
    environment: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '?',
      loadAverage: { start: loadAtStart, end: loadavg()[0] },
    },
    events: options.events,
    rounds: options.rounds,
    sqlite: sqliteResults,
  };
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
