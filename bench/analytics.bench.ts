/**
 * Latency of the analytics queries at scale, with
 * the naive approach measured in the same run as its peer.
 *
 * 1. Makes a synthetic history (default 100k problems in 200 mesas, deterministic PRNG) and
 *    folds it through the analytics projection the way the runner does (load refs, apply,
 *    commit with a checkpoint) into a SQLite DocumentStore, in batches.
 * 2. Appends the same events to a SqliteEventStore.
 * 3. Times the routes' query functions over the documents (one partitioned list + statistics),
 *    and, for time-to-resolution, replaying the whole log from the event store and folding it
 *    per request; checks both give the same answer and reports the ratio.
 *
 * Both SQLite files live in one temporary directory, on /dev/shm when it exists: the event
 * store commits every stream with fsync (synchronous=FULL), which on a disk would make seeding
 * take minutes; tmpfs removes the fsync cost for both stores alike, so the reads compared are
 * page-cache reads on both sides.
 *
 *   npm run build && node -r ./bin/register-paths dist/bench/analytics.bench.js \
 *     [--problems 100000] [--mesas 200] [--runs 10] [--replay-runs 2] [--dir PATH] [--out DIR]
 *
 * Prints the JSON report and writes it to bench/results/analytics-<timestamp>.json.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BARRIERS, ROOT_CAUSES, mesaStreamId, problemStreamId } from '@mesas/domain';
import {
  ExpectedVersion,
  JsonObject,
  NewEvent,
  SqliteEventStore,
  StoredEvent,
} from '@mesas/event-store';
import {
  ANALYTICS_PROBLEMS,
  AnalyticsProblemDoc,
  MemoryDocView,
  SqliteDocumentStore,
  analyticsProjection,
  readCadence,
  readEscalations,
  readTaskDelivery,
  readTimeToResolution,
  CheckpointCachedReader,
  timeToResolutionFromDocs,
} from '@mesas/projections';

export interface BenchOptions {
  readonly problems: number;
  readonly mesas: number;
  readonly runs: number;
  readonly replayRuns: number;
  readonly dir: string | null;
  readonly out: string;
}

export interface LatencyStats {
  readonly runs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

export interface AnalyticsBenchReport {
  readonly benchmark: 'analytics';
  readonly startedAt: string;
  readonly environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    storageDir: string;
    /** 1-minute load average at the start and the end: other work on the machine skews latency */
    loadAverage: { start: number; end: number };
  };
  readonly dataset: {
    problems: number;
    mesas: number;
    events: number;
    tasks: number;
    sessions: number;
    /** the asOf of the "past" queries */
    pastAsOf: string;
    /** the asOf of the other queries (after every synthetic event) */
    asOf: string;
  };
  readonly seeding: { projectionMs: number; eventStoreMs: number };
  /** each over the projection's documents */
  readonly queries: Record<string, LatencyStats>;
  /** time-to-resolution (no groupBy) by reading and folding the whole log per request */
  readonly replayPeer: LatencyStats & { sameAnswer: boolean };
  /** replay p50 / projection p50 for time-to-resolution without groupBy */
  readonly replayToProjectionRatio: number;
  readonly totalMs: number;
}

const DEFAULTS: BenchOptions = {
  problems: 100_000,
  mesas: 200,
  runs: 10,
  replayRuns: 2,
  dir: null,
  out: resolve(process.cwd(), 'bench', 'results'),
};

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2014, 0, 1);
/** Every synthetic event is before this instant. */
const AS_OF = '2024-01-01T00:00:00.000Z';
const PAST_AS_OF = '2017-06-30T00:00:00.000Z';
const ENTITIES = [
  'SERFOR',
  'MEF',
  'PRODUCE',
  'MINAGRI',
  'SUNAT',
  'MTC',
  'MINAM',
  'OSINERGMIN',
  'SANIPES',
  'GORE',
];

export async function main(
  argv: readonly string[] = process.argv.slice(2),
): Promise<AnalyticsBenchReport> {
  const options = parseArgs(argv);
  const began = performance.now();
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0];
  const storageDir = mkdtempSync(
    join(options.dir ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir()), 'mesas-bench-'),
  );
  const documents = new SqliteDocumentStore(join(storageDir, 'read-models.sqlite'));
  const events = new SqliteEventStore({ filename: join(storageDir, 'events.sqlite') });
  try {
    const history = synthesize(options);
    log(
      `synthetic history: ${history.count} events, ${history.tasks} tasks, ${history.sessions} sessions`,
    );

    const projectionMs = await time(() => seedProjection(documents, history.streams));
    log(`projection seeded in ${projectionMs.toFixed(0)} ms`);
    const eventStoreMs = await time(() => seedEventStore(events, history.streams));
    log(`event store seeded in ${eventStoreMs.toFixed(0)} ms`);

    const busiestMesa = 'mesa-0000';
    const queries: Record<string, LatencyStats> = {};
    const measure = async (name: string, query: () => Promise<unknown>, runs = options.runs) => {
      queries[name] = await latency(query, runs);
      log(
        `${name}: p50 ${queries[name].p50Ms.toFixed(1)} ms, p95 ${queries[name].p95Ms.toFixed(1)} ms`,
      );
    };
    await measure('timeToResolution', () => readTimeToResolution(documents, { asOf: AS_OF }));
    await measure('timeToResolution.groupBy=barrier', () =>
      readTimeToResolution(documents, { asOf: AS_OF, groupBy: 'barrier' }),
    );
    await measure('timeToResolution.asOfPast', () =>
      readTimeToResolution(documents, { asOf: PAST_AS_OF }),
    );
    await measure('timeToResolution.oneMesa', () =>
      readTimeToResolution(documents, { asOf: AS_OF, mesaId: busiestMesa }),
    );
    await measure('cadence.oneMesa.sixYears', () =>
      readCadence(documents, { mesaId: busiestMesa, from: '2014-01-01', to: '2019-12-31' }),
    );
    await measure('tasks.groupBy=responsibleEntity', () =>
      readTaskDelivery(documents, { asOf: AS_OF, groupBy: 'responsibleEntity' }),
    );
    await measure('escalations', () => readEscalations(documents, { asOf: AS_OF }));
    // what the API serves: the same readers over records kept in memory while the projection
    // is idle (CheckpointCachedReader); the first call fills the cache
    const cached = new CheckpointCachedReader(documents);
    await measure('timeToResolution.cachedWhileIdle', () =>
      readTimeToResolution(cached, { asOf: AS_OF }),
    );
    await measure('timeToResolution.groupBy=barrier.cachedWhileIdle', () =>
      readTimeToResolution(cached, { asOf: AS_OF, groupBy: 'barrier' }),
    );

    const fromProjection = (await readTimeToResolution(documents, { asOf: AS_OF })).result;
    let replayed: unknown = null;
    const replay = await latency(
      async () => {
        replayed = (await timeToResolutionByReplay(events, AS_OF)).result;
      },
      options.replayRuns,
      0,
    );
    const replayPeer = {
      ...replay,
      sameAnswer: JSON.stringify(replayed) === JSON.stringify(fromProjection),
    };
    log(`replay peer: p50 ${replay.p50Ms.toFixed(0)} ms (same answer: ${replayPeer.sameAnswer})`);

    const report: AnalyticsBenchReport = {
      benchmark: 'analytics',
      startedAt,
      environment: {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        storageDir:
          options.dir ?? (storageDir.startsWith('/dev/shm') ? '/dev/shm (tmpfs)' : tmpdir()),
        loadAverage: { start: round(loadAtStart), end: round(loadavg()[0]) },
      },
      dataset: {
        problems: options.problems,
        mesas: options.mesas,
        events: history.count,
        tasks: history.tasks,
        sessions: history.sessions,
        pastAsOf: PAST_AS_OF,
        asOf: AS_OF,
      },
      seeding: { projectionMs: round(projectionMs), eventStoreMs: round(eventStoreMs) },
      queries,
      replayPeer,
      replayToProjectionRatio: round(replay.p50Ms / queries.timeToResolution.p50Ms),
      totalMs: round(performance.now() - began),
    };
    mkdirSync(options.out, { recursive: true });
    const file = join(options.out, `analytics-${startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    log(`written to ${file}`);
    return report;
  } finally {
    await documents.close();
    await events.close();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

/** The naive peer: read the whole log, fold it through the same projection, compute. */
export async function timeToResolutionByReplay(store: SqliteEventStore, asOf: string) {
  const view = new MemoryDocView();
  let checkpoint: string | null = null;
  for (;;) {
    const page = await store.readAll(checkpoint, 10_000);
    if (page.events.length === 0) break;
    for (const event of page.events) analyticsProjection.apply(view, event);
    checkpoint = page.checkpoint;
  }
  return timeToResolutionFromDocs(view.all(ANALYTICS_PROBLEMS) as AnalyticsProblemDoc[], { asOf });
}

/* ---------- the synthetic history ---------- */

export interface SyntheticStream {
  readonly streamId: string;
  readonly events: { type: string; data: JsonObject; occurredAt: string }[];
}

export interface SyntheticHistory {
  readonly streams: SyntheticStream[];
  readonly count: number;
  readonly tasks: number;
  readonly sessions: number;
}

/**
 * Mesas propose in 2014 and hold a regular session every 14 days (one in ten an inter-session)
 * until 2019; problems are raised over five years, classified (some twice), filtered (one in ten
 * rejected), given one or two tasks (some deadlines moved, most completed, some cancelled),
 * escalated (15%, most decided), resolved (about 65%) and sometimes reopened and resolved again.
 * Every stream's events are in business-time order, as the domain guarantees.
 */
export function synthesize(options: BenchOptions): SyntheticHistory {
  const random = mulberry32(20150205);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const iso = (ms: number) => new Date(ms).toISOString();
  const date = (ms: number) => iso(ms).slice(0, 10);
  const streams: SyntheticStream[] = [];
  let count = 0;
  let tasks = 0;
  let sessions = 0;

  const mesaIds = Array.from(
    { length: options.mesas },
    (_, i) => `mesa-${String(i).padStart(4, '0')}`,
  );
  for (const [i, mesaId] of mesaIds.entries()) {
    const proposed = START_MS + i * 3_600_000;
    const events: SyntheticStream['events'] = [
      {
        type: 'MesaProposed',
        data: {
          mesaId,
          name: mesaId,
          kind: 'sector',
          scope: 'bench',
          level: 'national',
          region: null,
          convener: 'PRODUCE',
          cadenceDays: 14,
        },
        occurredAt: iso(proposed),
      },
    ];
    for (
      let day = proposed + 30 * DAY_MS, n = 0;
      day < Date.UTC(2020, 0, 1);
      day += 14 * DAY_MS, n++
    ) {
      events.push({
        type: 'SessionHeld',
        data: {
          mesaId,
          sessionId: `s${n}`,
          type: random() < 0.1 ? 'inter_session' : 'regular',
          heldOn: date(day),
          attendees: ['equipo'],
          problemIds: [],
          summary: null,
        },
        occurredAt: iso(day + 20 * 3_600_000),
      });
      sessions++;
    }
    streams.push({ streamId: mesaStreamId(mesaId), events });
    count += events.length;
  }

  for (let k = 0; k < options.problems; k++) {
    const problemId = `p-${String(k).padStart(7, '0')}`;
    const mesaId = mesaIds[k % mesaIds.length];
    const ids = { mesaId, problemId };
    const raised = START_MS + 60 * DAY_MS + Math.floor(random() * 5 * 365 * DAY_MS);
    const out: { type: string; data: JsonObject; at: number }[] = [];
    const add = (type: string, data: JsonObject, at: number) =>
      out.push({ type, data: { ...ids, ...data }, at });

    add(
      'ProblemRaised',
      { title: problemId, description: null, barrier: pick(BARRIERS), raisedBy: 'gremio' },
      raised,
    );
    if (random() < 0.8) {
      add(
        'ProblemClassified',
        { ownership: random() < 0.6 ? 'MP' : 'YP', rootCause: pick(ROOT_CAUSES) },
        raised + DAY_MS,
      );
      if (random() < 0.1) {
        add(
          'ProblemClassified',
          { ownership: random() < 0.5 ? 'MP' : 'YP', rootCause: pick(ROOT_CAUSES) },
          raised + 30 * DAY_MS,
        );
      }
    }
    if (random() < 0.1) {
      add(
        'ProblemFiltered',
        { decision: 'rejected', reason: 'fuera de alcance' },
        raised + 2 * DAY_MS,
      );
    } else {
      add('ProblemFiltered', { decision: 'accepted', reason: null }, raised + 2 * DAY_MS);
      const taskCount = 1 + Math.floor(random() * 2);
      for (let j = 0; j < taskCount; j++) {
        const taskId = `t${j}`;
        const assigned = raised + 3 * DAY_MS;
        const due = assigned + (30 + Math.floor(random() * 90)) * DAY_MS;
        add(
          'TaskAssigned',
          { taskId, title: taskId, responsibleEntity: pick(ENTITIES), dueOn: date(due) },
          assigned,
        );
        if (random() < 0.2) {
          add(
            'TaskDeadlineMoved',
            { taskId, previousDueOn: date(due), dueOn: date(due + 30 * DAY_MS), reason: 'x' },
            assigned + 20 * DAY_MS,
          );
        }
        const fate = random();
        if (fate < 0.6)
          add(
            'TaskCompleted',
            { taskId, outcome: null },
            assigned + (10 + Math.floor(random() * 150)) * DAY_MS,
          );
        else if (fate < 0.7) add('TaskCancelled', { taskId, reason: 'x' }, assigned + 25 * DAY_MS);
        tasks++;
      }
      let earliestResolution = raised + 5 * DAY_MS;
      let blocked = false;
      if (random() < 0.15) {
        const escalated = raised + 15 * DAY_MS;
        add('Escalated', { reason: 'budget', note: null }, escalated);
        if (random() < 0.8) {
          const decided = escalated + (1 + Math.floor(random() * 60)) * DAY_MS;
          add('EscalationResolved', { decision: 'ok', decidedBy: 'PCM' }, decided);
          earliestResolution = decided + DAY_MS;
        } else {
          blocked = true;
        }
      }
      if (!blocked && random() < 0.65) {
        const resolved = earliestResolution + Math.floor(random() * 700 * DAY_MS);
        add('ProblemResolved', { outcome: 'ok' }, resolved);
        if (random() < 0.1) {
          add('ProblemReopened', { reason: 'x' }, resolved + 30 * DAY_MS);
          if (random() < 0.5) add('ProblemResolved', { outcome: 'ok' }, resolved + 90 * DAY_MS);
        }
      }
    }
    // Stable sort: equal instants keep the order they were decided in.
    out.sort((a, b) => a.at - b.at);
    streams.push({
      streamId: problemStreamId(problemId),
      events: out.map((e) => ({ type: e.type, data: e.data, occurredAt: iso(e.at) })),
    });
    count += out.length;
  }
  return { streams, count, tasks, sessions };
}

/**
 * Folds the history through the projection's `apply` and commits it with a checkpoint in batches
 * of about 10k events, as the runner does. A batch always holds whole streams, so no document a
 * batch touches was written by an earlier one and nothing needs loading first.
 */
export async function seedProjection(
  documents: SqliteDocumentStore,
  streams: readonly SyntheticStream[],
): Promise<void> {
  let position = 0n;
  let checkpoint: string | null = null;
  let view = new MemoryDocView();
  let pending = 0;
  const flush = async () => {
    const to = position.toString();
    await documents.commit(analyticsProjection.name, checkpoint, to, view.pendingWrites());
    checkpoint = to;
    view = new MemoryDocView();
    pending = 0;
  };
  for (const stream of streams) {
    stream.events.forEach((e, i) => {
      position++;
      analyticsProjection.apply(view, stored(stream.streamId, i + 1, position, e));
    });
    pending += stream.events.length;
    if (pending >= 10_000) await flush();
  }
  if (pending > 0) await flush();
}

async function seedEventStore(
  store: SqliteEventStore,
  streams: readonly SyntheticStream[],
): Promise<void> {
  let n = 0;
  for (const stream of streams) {
    const events: NewEvent[] = stream.events.map((e) => ({
      eventId: `${stream.streamId}-${++n}`,
      type: e.type,
      schemaVersion: 1,
      occurredAt: e.occurredAt,
      data: e.data,
      metadata: {
        actor: 'bench',
        correlationId: 'bench',
        causationId: null,
        commandId: `bench-${n}`,
      },
    }));
    await store.append(stream.streamId, events, ExpectedVersion.noStream);
  }
}

function stored(
  streamId: string,
  streamVersion: number,
  globalPosition: bigint,
  e: { type: string; data: JsonObject; occurredAt: string },
): StoredEvent {
  return {
    eventId: `${streamId}-${streamVersion}`,
    type: e.type,
    schemaVersion: 1,
    occurredAt: e.occurredAt,
    data: e.data,
    metadata: {
      actor: 'bench',
      correlationId: 'bench',
      causationId: null,
      commandId: `bench-${globalPosition}`,
    },
    streamId,
    streamVersion,
    globalPosition,
    recordedAt: e.occurredAt,
  };
}

/* ---------- measuring ---------- */

async function latency(
  run: () => Promise<unknown>,
  runs: number,
  warmUp = 1,
): Promise<LatencyStats> {
  for (let i = 0; i < warmUp; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await time(run));
  samples.sort((a, b) => a - b);
  // Nearest-rank percentiles: p95 of 20 runs is the 19th fastest.
  const rank = (p: number) => samples[Math.max(0, Math.ceil(p * samples.length) - 1)];
  return {
    runs,
    p50Ms: round(rank(0.5)),
    p95Ms: round(rank(0.95)),
    minMs: round(samples[0]),
    maxMs: round(samples[samples.length - 1]),
    meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** Small, fast, deterministic PRNG (Mulberry32): the same history on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseArgs(argv: readonly string[]): BenchOptions {
  const options: { -readonly [K in keyof BenchOptions]: BenchOptions[K] } = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    const count = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer`);
      return n;
    };
    switch (flag) {
      case '--problems':
        options.problems = count();
        break;
      case '--mesas':
        options.mesas = count();
        break;
      case '--runs':
        options.runs = count();
        break;
      case '--replay-runs':
        options.replayRuns = count();
        break;
      case '--dir':
        options.dir = resolve(value);
        break;
      case '--out':
        options.out = resolve(value);
        break;
      default:
        throw new Error(
          `unknown option ${flag} (--problems, --mesas, --runs, --replay-runs, --dir, --out)`,
        );
    }
  }
  return options;
}

function log(message: string): void {
  process.stderr.write(`[analytics bench] ${message}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
