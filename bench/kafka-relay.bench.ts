import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import {
  EventStore,
  ExpectedVersion,
  PostgresEventStore,
  SqliteEventStore,
  StoredEvent,
} from '@mesas/event-store';
import {
  KafkaConnectivityProbe,
  KafkaEventPublisher,
  KafkaEventPublisherOptions,
  PublisherCheckpoints,
  createKafka,
  toEventRecord,
} from '@mesas/messaging';
import { DocumentStore, PostgresDocumentStore, SqliteDocumentStore } from '@mesas/projections';
import { benchEvent, median, round1 } from './support/store-load';

/**
 * End-to-end lag of the Kafka relay (target: p99 < 250 ms at a steady 2,000
 * events/s): from the moment the event store acknowledges an append to the moment an outside
 * kafkajs consumer of the topic receives that event.
 *
 * - **relay** (`relay-sqlite`; `relay-postgres` with `--postgres URL` or BENCH_POSTGRES_URL): a
 *   child process opens the stores as the API does in that profile (events + read models, the
 *   publisher's checkpoint in the read models) and runs `KafkaEventPublisher` with the options
 *   the API gives it; the same process appends, paced by a timer (open loop: every 5 ms the
 *   events due are issued, each its own append of one event, round-robin over 8 writers of 25
 *   streams each, with exact expected versions on SQLite, `any` on PostgreSQL, whose appends
 *   in flight commit in any order), so concurrent appends share group commits.
 *   The lag of an event starts when its append resolves.
 * - **peer** (`raw-producer`): a child process with a plain kafkajs producer (acks -1, the same
 *   partitioner) sends the same records (key, envelope value, headers), paced the same way, one
 *   `send` per tick, straight to the broker. Its lag starts when a record is handed to `send`.
 *
 * The consumer runs in this (the parent) process, on a fresh topic per round, and timestamps
 * each fetched batch on arrival; both sides read one clock (`performance.timeOrigin + now()`,
 * same machine). Contenders alternate round by round; the report gives each round and the
 * median over rounds. Events lost (acknowledged, never received within 30 s of the end) and
 * duplicated (received more than once) are counted, and each stream's first receipts are
 * checked to be in stream order.
 *
 * Where the lag goes (`stagesMs`, p50 and p99): for the relay, from the append's ack to the
 * publisher reading the event (`ackToRead`), from that read to the broker acknowledging its batch
 * (`readToBrokerAck`), from there to the consumer (`brokerAckToConsumer`, negative when the
 * consumer fetched the records before the producer heard back), and each checkpoint commit; for
 * the peer, `readToBrokerAck` is from `send` to its promise resolving. Also the load process's
 * event-loop delay p99 and CPU time.
 *
 * Without KAFKA_BROKERS, or with a broker that does not answer, the result says it was skipped.
 * BENCH_CPU_PROF=DIR profiles the child processes (`--cpu-prof`). Knobs: BENCH_KAFKA_RATE
 * (2000), BENCH_KAFKA_SECONDS (20), BENCH_KAFKA_ROUNDS (2), BENCH_KAFKA_CONTENDERS (a comma list).
 */

/**
 * `relay-sqlite`, `relay-postgres`, `raw-producer`; `relay-…:option=value` tries other publisher
 * options; `relay-sqlite:fsync=off` is a diagnostic (the event store without its commit fsync)
 */
type Contender = string;

interface LoadConfig {
  readonly contender: Contender;
  readonly brokers: string[];
  readonly topic: string;
  readonly rate: number;
  readonly seconds: number;
  readonly writers: number;
  readonly streamsPerWriter: number;
  readonly warmup: number;
  readonly dir: string;
  readonly postgres: string | null;
}

/**
 * [eventId, streamId, streamVersion, acknowledged at (ms)], and for the relay: when the publisher
 * read it from the log, when the broker acknowledged its batch (the checkpoint commit begins)
 */
type Ack = [string, string, number, number, number?, number?];
// (the peer: when the record was handed to send, when that send resolved)

type ChildMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'warmed' }
  | {
      readonly kind: 'done';
      readonly acks: Ack[];
      readonly failed: number;
      readonly firstIssuedAt: number;
      readonly lastIssuedAt: number;
      readonly caughtUp: boolean;
      readonly batches: number | null;
      readonly commitMs: number[];
      readonly eventLoopDelayP99Ms: number;
      readonly cpuMs: number;
    }
  | { readonly kind: 'error'; readonly message: string };

type ParentMessage = { readonly kind: 'warm' } | { readonly kind: 'go' } | { kind: 'exit' };

const TOPIC_PARTITIONS = 6;
const TICK_MS = 5;

const now = (): number => performance.timeOrigin + performance.now();

export async function main(argv: string[] = []): Promise<Record<string, unknown>> {
  const brokers = (process.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    return { skipped: 'KAFKA_BROKERS is not set: no broker to measure the relay against' };
  }
  const reach = await new KafkaConnectivityProbe({ brokers }, { timeoutMs: 5000 }).check();
  if (!reach.connected) {
    return { skipped: `the broker at ${brokers.join(',')} does not answer: ${reach.error}` };
  }
  const p = argv.indexOf('--postgres');
  const postgres = p >= 0 ? (argv[p + 1] ?? null) : (process.env.BENCH_POSTGRES_URL ?? null);
  const rate = Number(process.env.BENCH_KAFKA_RATE ?? 2000);
  const seconds = Number(process.env.BENCH_KAFKA_SECONDS ?? 20);
  const rounds = Number(process.env.BENCH_KAFKA_ROUNDS ?? 2);
  const contenders: Contender[] = process.env.BENCH_KAFKA_CONTENDERS
    ? (process.env.BENCH_KAFKA_CONTENDERS.split(',') as Contender[])
    : ['relay-sqlite', ...(postgres ? (['relay-postgres'] as const) : []), 'raw-producer'];
  const kafka = createKafka({ brokers, clientId: 'mesas-bench-relay' });
  const dir = mkdtempSync(join(tmpdir(), 'mesas-bench-kafka-'));
  const runs: Record<string, RoundResult[]> = Object.fromEntries(contenders.map((c) => [c, []]));
  const load: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      // alternate which goes first, so neither always meets a warmer (or busier) machine
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const contender of order) {
        load.push(loadavg()[0]);
        const result = await runRound(kafka, {
          contender,
          brokers,
          topic: `mesas-bench-relay-${randomUUID()}`,
          rate,
          seconds,
          writers: 8,
          streamsPerWriter: 25,
          warmup: 200,
          dir: join(dir, `${contender}-${round}`),
          postgres,
        });
        process.stderr.write(`${contender} round ${round + 1}: ${JSON.stringify(result)}\n`);
        runs[contender].push(result);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = (c: Contender) => summarise(runs[c]);
  const peer = summarise(runs['raw-producer'] ?? []);
  const report: Record<string, unknown> = {
    rate,
    seconds,
    rounds,
    // the 1-minute load average at the start of each round (2 cores, shared)
    loadAverage: { min: round1(Math.min(...load), 2), max: round1(Math.max(...load), 2) },
    lag: 'from the store acknowledging an append (peer: handing the record to send) to an outside kafkajs consumer receiving it',
    peer: { name: 'raw kafkajs producer, acks -1, same records and pacing', ...peer },
  };
  for (const c of contenders.filter((c) => c !== 'raw-producer')) {
    const ours = summary(c);
    report[c] = {
      ...ours,
      p99RatioToPeer:
        ours.lagMs && peer.lagMs
          ? round1(ours.lagMs.p99 / Math.max(0.001, peer.lagMs.p99), 2)
          : null,
      // the target: p99 under 250 ms while the store takes the full rate, none lost
      criterion: ours.lagMs
        ? {
            p99UnderMs: 250,
            met: ours.lagMs.p99 < 250 && ours.lost === 0 && ours.achievedPerSecond >= 0.95 * rate,
          }
        : null,
    };
  }
  report.samples = runs;
  return report;
}

interface RoundResult {
  readonly events: number;
  readonly achievedPerSecond: number;
  readonly failedAppends: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly outOfOrder: number;
  readonly lagMs: { p50: number; p95: number; p99: number; max: number } | null;
  readonly batches: number | null;
  /**
   * where the lag goes: the relay's from its reads of the log and its checkpoint commits (read
   * = the publisher read the event, broker ack = its batch's send resolved); the peer's read is
   * the record being handed to send
   */
  readonly stagesMs: Record<string, { p50: number; p99: number } | null> | null;
  readonly eventLoopDelayP99Ms: number;
  readonly childCpuMs: number;
  readonly loadAverage: number;
}

function summarise(results: RoundResult[]) {
  if (results.length === 0) return { lagMs: null, lost: 0 };
  const m = (f: (r: RoundResult) => number) => round1(median(results.map(f)), 1);
  const withLag = results.filter((r) => r.lagMs !== null);
  return {
    lagMs:
      withLag.length > 0
        ? {
            p50: round1(median(withLag.map((r) => r.lagMs!.p50)), 1),
            p95: round1(median(withLag.map((r) => r.lagMs!.p95)), 1),
            p99: round1(median(withLag.map((r) => r.lagMs!.p99)), 1),
            max: round1(median(withLag.map((r) => r.lagMs!.max)), 1),
          }
        : null,
    achievedPerSecond: m((r) => r.achievedPerSecond),
    lost: results.reduce((n, r) => n + r.lost, 0),
    duplicated: results.reduce((n, r) => n + r.duplicated, 0),
    outOfOrder: results.reduce((n, r) => n + r.outOfOrder, 0),
  };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** One contender on a fresh topic: the child loads it, this process consumes it. */
async function runRound(kafka: Kafka, config: LoadConfig): Promise<RoundResult> {
  const loadAverage = loadavg()[0];
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic: config.topic, numPartitions: TOPIC_PARTITIONS }],
  });
  const receivedIds: string[] = [];
  const receivedAt: number[] = [];
  const consumer = kafka.consumer({ groupId: `mesas-bench-${randomUUID()}` });
  const joined = new Promise<void>((done) => consumer.on(consumer.events.GROUP_JOIN, () => done()));
  await consumer.connect();
  await consumer.subscribe({ topics: [config.topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const t = now();
      for (const message of batch.messages) {
        receivedIds.push(String(message.headers?.eventId));
        receivedAt.push(t);
      }
    },
  });
  await joined;
  const execArgv = [
    '-r',
    registerPaths(),
    ...(process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : []),
  ];
  const child = fork(__filename, ['kafka-relay-child', JSON.stringify(config)], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // (names its --cpu-prof file, CPU.<date>.<time>.<pid>.….cpuprofile)
  process.stderr.write(`${config.contender}: process ${child.pid}\n`);
  const messages: ChildMessage[] = [];
  let wake: (() => void) | null = null;
  child.on('message', (m) => {
    messages.push(m as ChildMessage);
    wake?.();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const next = async (kind: ChildMessage['kind'], timeoutMs: number): Promise<ChildMessage> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = messages.shift();
      if (m?.kind === 'error') throw new Error(`${config.contender}: ${m.message}`);
      if (m?.kind === kind) return m;
      if (m) continue;
      if (child.exitCode !== null) throw new Error(`${config.contender} exited early`);
      if (Date.now() > deadline) throw new Error(`${config.contender}: no ${kind} in time`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 200);
      });
    }
  };
  const send = (m: ParentMessage) => child.send(m);
  try {
    await next('ready', 60_000);
    send({ kind: 'warm' });
    await next('warmed', 60_000);
    // the consumer has fetched the warm-up events: its fetch loop is running
    await waitFor(() => receivedIds.length >= config.warmup, 60_000);
    const warmIds = receivedIds.length;
    send({ kind: 'go' });
    const done = (await next('done', (config.seconds + 120) * 1000)) as Extract<
      ChildMessage,
      { kind: 'done' }
    >;
    const wanted = new Set(done.acks.map((a) => a[0]));
    const seen = new Set<string>();
    await waitFor(() => {
      for (let i = warmIds + seen.size; i < receivedIds.length; i++) {
        if (wanted.has(receivedIds[i])) seen.add(receivedIds[i]);
      }
      return seen.size >= wanted.size;
    }, 30_000).catch(() => undefined);
    send({ kind: 'exit' });
    await exited;
    return analyse(done, receivedIds, receivedAt, loadAverage);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [config.topic] }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

function analyse(
  done: Extract<ChildMessage, { kind: 'done' }>,
  receivedIds: string[],
  receivedAt: number[],
  loadAverage: number,
): RoundResult {
  const acked = new Map(done.acks.map((a) => [a[0], a]));
  const first = new Map<string, number>();
  let duplicated = 0;
  let outOfOrder = 0;
  const lastVersion = new Map<string, number>();
  for (let i = 0; i < receivedIds.length; i++) {
    const id = receivedIds[i];
    const ack = acked.get(id);
    if (!ack) continue;
    if (first.has(id)) {
      duplicated++;
      continue;
    }
    first.set(id, receivedAt[i]);
    const [, stream, version] = ack;
    if ((lastVersion.get(stream) ?? 0) > version) outOfOrder++;
    lastVersion.set(stream, version);
  }
  const lags: number[] = [];
  for (const [id, ack] of acked) {
    const at = first.get(id);
    if (at !== undefined) lags.push(at - ack[3]);
  }
  lags.sort((a, b) => a - b);
  const stage = (values: number[]) => {
    if (values.length === 0) return null;
    values.sort((a, b) => a - b);
    return {
      p50: round1(percentile(values, 0.5), 1),
      p99: round1(percentile(values, 0.99), 1),
    };
  };
  const toRead: number[] = [];
  const toBroker: number[] = [];
  const toConsumer: number[] = [];
  for (const [id, , , ackAt, readAt, brokerAt] of done.acks) {
    const at = first.get(id);
    if (readAt === undefined || brokerAt === undefined || at === undefined) continue;
    toRead.push(readAt - ackAt);
    toBroker.push(brokerAt - readAt);
    toConsumer.push(at - brokerAt);
  }
  const lastAck = done.acks.reduce((at, a) => Math.max(at, a[3]), done.firstIssuedAt);
  return {
    events: done.acks.length,
    achievedPerSecond: round1(done.acks.length / ((lastAck - done.firstIssuedAt) / 1000), 1),
    failedAppends: done.failed,
    lost: acked.size - first.size,
    duplicated,
    outOfOrder,
    lagMs:
      lags.length > 0
        ? {
            p50: round1(percentile(lags, 0.5), 1),
            p95: round1(percentile(lags, 0.95), 1),
            p99: round1(percentile(lags, 0.99), 1),
            max: round1(lags[lags.length - 1], 1),
          }
        : null,
    batches: done.batches,
    stagesMs:
      toRead.length > 0
        ? {
            ackToRead: stage(toRead),
            readToBrokerAck: stage(toBroker),
            brokerAckToConsumer: stage(toConsumer),
            checkpointCommit: stage([...done.commitMs]),
          }
        : null,
    eventLoopDelayP99Ms: done.eventLoopDelayP99Ms,
    childCpuMs: done.cpuMs,
    loadAverage: round1(loadAverage, 2),
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ---------------------------------------------------------------------------------------------
// The child: the store and the relay as the API runs them, or the raw producer; paced appends.

interface Load {
  /** issues event `i` of the measured period (or of the warm-up); records its ack */
  issue(i: number, warmup: boolean): void;
  /** resolves once everything issued so far was acknowledged (and, for the relay, published) */
  drain(): Promise<boolean>;
  batches(): number | null;
  /** how long each checkpoint commit took (relay only) */
  commitMs(): number[];
  /** adds what the load saw of each event on its way (the relay's read and broker ack) */
  annotate(acks: Ack[]): void;
  close(): Promise<void>;
}

async function child(config: LoadConfig): Promise<void> {
  const inbox: ParentMessage[] = [];
  let wake: (() => void) | null = null;
  process.on('message', (m) => {
    inbox.push(m as ParentMessage);
    wake?.();
  });
  const receive = async (kind: ParentMessage['kind']): Promise<void> => {
    for (;;) {
      const m = inbox.shift();
      if (m?.kind === kind) return;
      if (!m) await new Promise<void>((r) => (wake = r));
    }
  };
  const acks: Ack[] = [];
  let failed = 0;
  const load =
    config.contender === 'raw-producer'
      ? await rawProducerLoad(config, acks)
      : await relayLoad(config, acks, () => failed++);
  process.send!({ kind: 'ready' });
  await receive('warm');
  for (let i = 0; i < config.warmup; i++) load.issue(i, true);
  await load.drain();
  process.send!({ kind: 'warmed' });
  await receive('go');
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu = process.cpuUsage();
  const total = Math.round(config.rate * config.seconds);
  const started = now();
  let issued = 0;
  let lastIssuedAt = started;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((now() - started) * config.rate) / 1000));
      while (issued < due) load.issue(issued++, false);
      lastIssuedAt = now();
      if (issued >= total) {
        clearInterval(timer);
        done();
      }
    }, TICK_MS);
  });
  const caughtUp = await load.drain();
  load.annotate(acks);
  delay.disable();
  const used = process.cpuUsage(cpu);
  process.send!({
    kind: 'done',
    acks,
    failed,
    firstIssuedAt: started,
    lastIssuedAt,
    caughtUp,
    batches: load.batches(),
    commitMs: load.commitMs(),
    eventLoopDelayP99Ms: round1(delay.percentile(99) / 1e6, 1),
    cpuMs: Math.round((used.user + used.system) / 1000),
  } satisfies ChildMessage);
  await receive('exit');
  await load.close();
  process.exit(0);
}

/** Stream ids and their versions: writer `w` appends to its own streams, round-robin. */
function streams(config: LoadConfig) {
  const run = randomUUID().slice(0, 8);
  const ids = Array.from({ length: config.writers * config.streamsPerWriter }, (_, i) => {
    const writer = i % config.writers;
    return `problem-bench-${run}-w${writer}-s${Math.floor(i / config.writers)}`;
  });
  const versions = new Map<string, number>();
  return {
    /** event `i` goes to writer i % writers, and within it to its streams in turn */
    next(i: number): { streamId: string; version: number } {
      const streamId = ids[i % ids.length];
      const version = versions.get(streamId) ?? 0;
      versions.set(streamId, version + 1);
      return { streamId, version };
    },
  };
}

/** The publisher as the API runs it, watched: when it reads each event, when its batch is acked. */
function observedPublisher(store: EventStore, documents: DocumentStore, config: LoadConfig) {
  let batches = 0;
  const commits: number[] = [];
  // what the publisher reads, by the checkpoint after it, and when (see Ack)
  const readAt = new Map<string, number>();
  const brokerAckAt = new Map<string, number>();
  const reads = new Map<string | null, string[]>();
  const log: EventStore = Object.create(store) as EventStore;
  log.readAll = async (after, limit) => {
    const page = await store.readAll(after, limit);
    const at = now();
    for (const e of page.events) readAt.set(e.eventId, at);
    if (page.events.length > 0) {
      reads.set(
        page.checkpoint,
        page.events.map((e) => e.eventId),
      );
    }
    return page;
  };
  // the document store as the checkpoint store, counting the batches the publisher commits
  const checkpoints: PublisherCheckpoints & { leaseFor?: unknown } = {
    checkpoint: (name) => documents.checkpoint(name),
    commit: async (name, from, to, writes) => {
      const at = now();
      for (const id of reads.get(to) ?? []) if (!brokerAckAt.has(id)) brokerAckAt.set(id, at);
      reads.delete(to);
      await documents.commit(name, from, to, writes);
      commits.push(now() - at);
      batches++;
    },
  };
  const leases = documents as unknown as { leaseFor?: (name: string) => unknown };
  if (typeof leases.leaseFor === 'function') checkpoints.leaseFor = leases.leaseFor.bind(documents);
  // the options the API gives it (libs/runtime/src/projections/projection-host.ts); a
  // contender named like `relay-sqlite:batchSize=2000` tries other values
  const tried = Object.fromEntries(
    config.contender
      .split(':')
      .slice(1)
      .map((kv) => kv.split('='))
      .filter(([k]) => k !== 'fsync')
      .map(([k, v]) => [k, Number(v)]),
  ) as Partial<KafkaEventPublisherOptions>;
  const publisher = new KafkaEventPublisher(log, checkpoints, {
    brokers: config.brokers,
    topic: config.topic,
    partitions: TOPIC_PARTITIONS,
    ...tried,
  });
  return {
    publisher,
    batches: () => batches,
    commitMs: () => commits,
    /** [eventId, read at, broker ack at] of each event seen both ways */
    stages: (): [string, number, number][] =>
      [...brokerAckAt].flatMap(([id, acked]) => {
        const read = readAt.get(id);
        return read === undefined ? [] : [[id, read, acked] as [string, number, number]];
      }),
  };
}

function annotateWith(acks: Ack[], stages: [string, number, number][]): void {
  const byId = new Map(stages.map((s) => [s[0], s]));
  for (const a of acks) {
    const s = byId.get(a[0]);
    if (s) a.push(s[1], s[2]);
  }
}

async function relayLoad(config: LoadConfig, acks: Ack[], fail: () => void): Promise<Load> {
  let store: EventStore;
  let documents: DocumentStore;
  let schema: string | null = null;
  const postgres = config.contender.startsWith('relay-postgres');
  if (postgres) {
    if (!config.postgres) throw new Error('relay-postgres needs --postgres URL');
    schema = `bench_kafka_${randomUUID().slice(0, 8)}`;
    const options = { connectionString: config.postgres, schema };
    store = await PostgresEventStore.open(options);
    documents = await PostgresDocumentStore.open(options);
  } else {
    mkdirSync(config.dir, { recursive: true });
    store = new SqliteEventStore({ filename: join(config.dir, 'events.sqlite') });
    if (config.contender.includes(':fsync=off')) {
      // a diagnostic, never a setup: without the commit's fsync on the event loop the publisher
      // shares, how much of the lag is left?
      (store as unknown as { db: { pragma(p: string): void } }).db.pragma('synchronous = OFF');
    }
    documents = new SqliteDocumentStore(join(config.dir, 'read-models.sqlite'));
  }
  const observed = observedPublisher(store, documents, config);
  observed.publisher.start();
  const s = streams(config);
  let head = 0n;
  let pending = 0;
  let settled: (() => void) | null = null;
  let batches = 0;
  let stages: [string, number, number][] = [];
  let commitMs: number[] = [];
  return {
    issue(i, warmup) {
      const { streamId, version } = s.next(warmup ? i : i + config.warmup);
      pending++;
      // SQLite writes queued appends in arrival order, so each can expect the version before
      // it; PostgreSQL commits appends in flight on several connections in any order
      const expected = postgres ? ExpectedVersion.any : ExpectedVersion.exact(version);
      store.append(streamId, [benchEvent()], expected).then(
        (result) => {
          const at = now();
          const e = result.events[0];
          if (e.globalPosition > head) head = e.globalPosition;
          if (!warmup) acks.push([e.eventId, streamId, e.streamVersion, at]);
          if (--pending === 0) settled?.();
        },
        () => {
          fail();
          if (--pending === 0) settled?.();
        },
      );
    },
    async drain() {
      if (pending > 0) await new Promise<void>((r) => (settled = r));
      settled = null;
      const caughtUp = await observed.publisher.waitFor(head, 60_000);
      batches = observed.batches();
      stages = observed.stages();
      commitMs = observed.commitMs();
      return caughtUp;
    },
    batches: () => batches,
    annotate: (list) => annotateWith(list, stages),
    commitMs: () => commitMs,
    async close() {
      await observed.publisher.stop();
      await documents.close();
      await store.close();
      if (schema && config.postgres) {
        const client = new Client({ connectionString: config.postgres });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    },
  };
}

function registerPaths(): string {
  return resolve(__dirname, '..', '..', 'bin', 'register-paths.js');
}

async function rawProducerLoad(config: LoadConfig, acks: Ack[]): Promise<Load> {
  const kafka = createKafka({ brokers: config.brokers, clientId: 'mesas-bench-raw' });
  const producer: Producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const s = streams(config);
  let position = 0n;
  let tick: { messages: Message[]; ids: string[] } | null = null;
  const inFlight = new Set<Promise<unknown>>();
  let sends = 0;
  // when each record was handed to send, and when the broker acknowledged it (see Ack)
  const issuedAt = new Map<string, number>();
  const brokerAckAt = new Map<string, number>();
  /** one send per tick, like the relay's one batch: records issued in the same turn go together */
  const flush = (): void => {
    const batch = tick;
    tick = null;
    if (!batch) return;
    sends++;
    const sent = producer
      .send({ topic: config.topic, acks: -1, messages: batch.messages })
      .then(() => {
        const at = now();
        for (const id of batch.ids) brokerAckAt.set(id, at);
      })
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  };
  return {
    issue(i, warmup) {
      const { streamId, version } = s.next(warmup ? i : i + config.warmup);
      const event: StoredEvent = {
        ...benchEvent(),
        streamId,
        streamVersion: version + 1,
        globalPosition: ++position,
        recordedAt: new Date().toISOString(),
      };
      const r = toEventRecord(event);
      if (!tick) {
        tick = { messages: [], ids: [] };
        setImmediate(flush);
      }
      tick.messages.push({
        key: r.key,
        value: r.value,
        headers: { ...r.headers },
        timestamp: r.timestamp,
      });
      tick.ids.push(event.eventId);
      if (!warmup) {
        const at = now();
        issuedAt.set(event.eventId, at);
        acks.push([event.eventId, streamId, event.streamVersion, at]);
      }
    },
    async drain() {
      flush();
      await Promise.all([...inFlight]);
      return true;
    },
    batches: () => sends,
    commitMs: () => [],
    annotate(list) {
      for (const a of list) {
        const issued = issuedAt.get(a[0]);
        const acked = brokerAckAt.get(a[0]);
        if (issued !== undefined && acked !== undefined) a.push(issued, acked);
      }
    },
    async close() {
      await producer.disconnect();
    },
  };
}

if (require.main === module && process.argv[2] === 'kafka-relay-child') {
  child(JSON.parse(process.argv[3]) as LoadConfig).catch((error: unknown) => {
    process.send?.({ kind: 'error', message: String((error as Error)?.stack ?? error) });
    process.exit(1);
  });
}
