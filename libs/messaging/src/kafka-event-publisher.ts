import { Admin, Kafka, Partitioners, Producer } from 'kafkajs';
import {
  CatchUpSubscription,
  ConsumerLease,
  EventStore,
  LogCheckpoint,
  StoredEvent,
  leaseOf,
} from '@mesas/event-store';
import type { DocumentStore } from '@mesas/projections';
import { MESAS_EVENTS_TOPIC, chunkByBytes, toEventRecord } from './event-message';
import {
  KafkaConnection,
  KafkaConnectivityProbe,
  KafkaRetry,
  MessagingLogger,
  createKafka,
  describeError,
} from './kafka-client';

/** The checkpoint's key in the document store: the publisher is one more consumer of the log. */
export const KAFKA_PUBLISHER = 'kafka-publisher';
export const DEFAULT_PARTITIONS = 6;

/**
 * Where the publisher keeps its checkpoint: the projections' document store, moved with an
 * empty write, so the same compare-and-set guards it (two publishers never both move it).
 */
export type PublisherCheckpoints = Pick<DocumentStore, 'checkpoint' | 'commit'>;

export interface KafkaEventPublisherOptions extends KafkaConnection {
  /** default `mesas.events.v1`, the product's topic; tests use their own */
  readonly topic?: string;
  /**
   * Partitions of the topic when the publisher creates it (default 6). Changing it later moves
   * streams to other partitions, so an existing topic is never repartitioned, only warned about.
   */
  readonly partitions?: number;
  /** when the publisher creates the topic; default: the broker's `default.replication.factor` */
  readonly replicationFactor?: number;
  /** the checkpoint's key (default `kafka-publisher`) */
  readonly checkpointName?: string;
  /** events read from the log and acknowledged per checkpoint move (default 500) */
  readonly batchSize?: number;
  /** most bytes of values in one produce request (default 512 KiB; the broker refuses ~1 MiB) */
  readonly maxRequestBytes?: number;
  /** how often to look for appends made by other processes when idle (default 1000 ms) */
  readonly pollMs?: number;
  /**
   * Publish only while holding this lease. Default: the checkpoint store's lease for the
   * checkpoint name, if it offers one (PostgreSQL: an advisory lock), so that of several workers
   * one publishes and the others stand by. Not needed for correctness (the checkpoint is a
   * compare-and-set), but two publishers at once would send every batch twice.
   */
  readonly lease?: ConsumerLease | null;
  /**
   * kafkajs retries within one connect or send before the attempt counts as failed (default 3,
   * about 1.5 s against a dead broker); the publisher then retries the batch itself
   */
  readonly sendRetries?: number;
  readonly logger?: MessagingLogger;
  /** every failed attempt (the publisher retries by itself: this is for logs and tests) */
  readonly onError?: (error: unknown) => void;
}

export interface KafkaPublisherStatus {
  readonly running: boolean;
  /** running and holding the lease: false for a standby while another process publishes */
  readonly active: boolean;
  readonly topic: string;
  /**
   * Whether the broker answers: false while the publisher's sends fail, else what a probe of
   * the cluster says now (cached a few seconds).
   */
  readonly connected: boolean;
  /** everything up to here was acknowledged by the broker (opaque, as the store made it) */
  readonly checkpoint: LogCheckpoint | null;
  /** events in the log after the checkpoint: not yet acknowledged by the broker */
  readonly lag: number;
  /** records acknowledged by this instance (duplicates after a retry included) */
  readonly published: number;
  /** the last failure, until a batch goes through again */
  readonly lastError?: string;
  readonly lastErrorAt?: string;
}

/**
 * Publishes every event of the log to Kafka, in log order, as a checkpointed consumer of the
 * global log.
 *
 * Guarantees (docs/API.md, "Kafka"):
 * - **At least once.** The checkpoint moves only after the broker acknowledged every record
 *   of the batch with `acks: -1` (all in-sync replicas). A failed send, a crash before the
 *   checkpoint commit, or a failed commit leaves the checkpoint where it was, and the same batch
 *   is sent again: only the events of that one batch are duplicated.
 * - **In order per stream.** Key = stream id, so a stream lives in one partition. Batches are
 *   read in log order and sent one at a time, awaited, and within a batch the client keeps the
 *   order of each partition; the producer is idempotent with one request in flight, so its own
 *   retries neither duplicate nor reorder. After a failure the producer is replaced (new
 *   producer id) before the batch is sent again, so the resend cannot trip over the old
 *   sequence numbers. The first occurrence of each event id in a partition is therefore in
 *   stream order; a repeat always comes after it.
 * - **Not exactly once.** Consumers dedupe by `eventId` (or by stream version, see README).
 */
export class KafkaEventPublisher {
  private readonly kafka: Kafka;
  private readonly subscription: CatchUpSubscription;
  private readonly probe: KafkaConnectivityProbe;
  readonly topic: string;
  readonly checkpointName: string;
  private producer: Producer | null = null;
  /** while the topic is being checked or created: stop() may have to cut it short */
  private admin: Admin | null = null;
  /** pauses between attempts, which stop() ends at once */
  private readonly pauses = new Set<() => void>();
  private topicTask: Promise<void> = Promise.resolve();
  /** a batch is being sent on a connected producer */
  private sending = false;
  private topicReady = false;
  private running = false;
  private brokerDown = false;
  private lastError: { readonly message: string; readonly at: string } | null = null;
  private published = 0;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: PublisherCheckpoints,
    private readonly options: KafkaEventPublisherOptions,
  ) {
    this.topic = options.topic ?? MESAS_EVENTS_TOPIC;
    this.checkpointName = options.checkpointName ?? KAFKA_PUBLISHER;
    const connection = { ...options, clientId: options.clientId ?? 'mesas-publisher' };
    this.kafka = createKafka(connection, options.logger, this.retry());
    this.probe = new KafkaConnectivityProbe(connection);
    this.subscription = new CatchUpSubscription(
      store,
      {
        loadCheckpoint: () => this.checkpoints.checkpoint(this.checkpointName),
        handle: (events, from, to) => this.publish(events, from, to),
      },
      {
        name: this.checkpointName,
        batchSize: options.batchSize ?? 500,
        pollMs: options.pollMs,
        onError: (error) => this.options.onError?.(error),
        // a broker that is down is the usual cause: keep trying every few seconds, never slower
        retry: { maxMs: 5000, stalledRetryMs: 5000, narrow: false },
        lease:
          options.lease !== undefined ? options.lease : leaseOf(checkpoints, this.checkpointName),
      },
    );
  }

  /** Starts in the background: an unreachable broker is retried, never thrown at the caller. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.topicTask = this.createTopicSoon();
    this.subscription.start();
  }

  /**
   * Stops after the batch in flight, waiting up to `graceMs` for it; past that the producer is
   * disconnected under it (that batch was not checkpointed, so it is sent again next start).
   * Stopping is decided synchronously: no batch starts after this call.
   */
  async stop(options: { readonly graceMs?: number } = {}): Promise<void> {
    this.running = false;
    this.endPauses();
    const stopped = Promise.all([this.subscription.stop(), this.topicTask]);
    // Only a send in flight to a live broker is worth waiting for. A connect to a broker that
    // is down retries for seconds and disconnect() does not cut it short, so it is left to fail
    // in the background: every step checks `running` first, so it touches nothing afterwards.
    const graceMs = this.sending && !this.brokerDown ? (options.graceMs ?? 5000) : 0;
    if (!(await settlesWithin(stopped, graceMs))) {
      await Promise.all([this.discardProducer(), this.admin?.disconnect().catch(() => undefined)]);
      if (!(await settlesWithin(stopped, 2000))) {
        this.options.logger?.debug?.(
          'Kafka: stopped; a connection attempt times out in the background',
        );
      }
    }
    await this.discardProducer();
  }

  get checkpoint(): LogCheckpoint | null {
    return this.subscription.position;
  }

  /** Resolves true once the event at `position` was acknowledged and checkpointed. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.subscription.waitFor(position, timeoutMs);
  }

  async status(): Promise<KafkaPublisherStatus> {
    const checkpoint = await this.checkpoints.checkpoint(this.checkpointName);
    const connected = this.brokerDown ? false : (await this.probe.check()).connected;
    return {
      running: this.running,
      active: this.subscription.active,
      topic: this.topic,
      connected,
      checkpoint,
      lag: await this.store.lagOf(checkpoint),
      published: this.published,
      ...(this.lastError
        ? { lastError: this.lastError.message, lastErrorAt: this.lastError.at }
        : {}),
    };
  }

  private async publish(
    events: readonly StoredEvent[],
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
  ): Promise<void> {
    const chunks = chunkByBytes(
      events.map(toEventRecord),
      this.options.maxRequestBytes ?? 512 * 1024,
    );
    // The same batch again and again until the broker takes it: retried here rather than by the
    // subscription so that the pause is short (the batch is ready) and stop() can cut it.
    for (let attempt = 1; ; attempt++) {
      try {
        const producer = await this.ready();
        // one request at a time, awaited: a chunk is acknowledged before the next is sent
        this.sending = true;
        for (const chunk of chunks) {
          await producer.send({
            topic: this.topic,
            acks: -1,
            messages: chunk.map((r) => ({
              key: r.key,
              value: r.value,
              headers: { ...r.headers },
              timestamp: r.timestamp,
            })),
          });
        }
        this.sending = false;
        break;
      } catch (error) {
        this.sending = false;
        // A fresh producer id for the resend: the old one's sequence numbers may no longer
        // match what the broker holds (a request that was written but whose answer was lost).
        await this.discardProducer();
        // (cut short by stop(): no news, the batch is simply sent again next start)
        if (!this.running) throw error;
        this.fail(error, true);
        this.options.onError?.(error);
        await this.pause(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
        if (!this.running) throw error;
      }
    }
    if (this.brokerDown) {
      this.brokerDown = false;
      this.options.logger?.log(`Kafka: ${this.topic} reachable again, publishing`);
    }
    try {
      await this.checkpoints.commit(this.checkpointName, from, to, []);
    } catch (error) {
      this.fail(error, false);
      throw error;
    }
    this.published += events.length;
    this.lastError = null;
  }

  private fail(error: unknown, fromBroker: boolean): void {
    const message = describeError(error);
    if (fromBroker && !this.brokerDown) {
      this.options.logger?.warn(`Kafka: cannot publish to ${this.topic}, will retry: ${message}`);
    }
    if (!fromBroker && this.running) {
      this.options.logger?.warn(
        `Kafka: checkpoint not moved, the batch will be sent again: ${message}`,
      );
    }
    if (fromBroker) this.brokerDown = true;
    this.lastError = { message, at: new Date().toISOString() };
  }

  /**
   * Creates the topic at start, even before there is an event to send, so that consumers can
   * subscribe to it; retried until the broker answers (publishing checks it again anyway).
   */
  private async createTopicSoon(): Promise<void> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        await this.topicExists();
        return;
      } catch {
        if (!this.running) return;
        await this.pause(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
      }
    }
  }

  /** A broker that is down fails this like a send. */
  private async topicExists(): Promise<void> {
    if (this.topicReady) return;
    if (!this.running) throw new Error('the publisher was stopped');
    try {
      await this.ensureTopic();
    } catch (error) {
      if (this.running) this.fail(error, true);
      throw error;
    }
    this.topicReady = true;
    this.brokerDown = false;
    this.lastError = null;
  }

  private async ready(): Promise<Producer> {
    if (!this.running) throw new Error('the publisher was stopped');
    await this.topicExists();
    if (this.producer) return this.producer;
    if (!this.running) throw new Error('the publisher was stopped');
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // murmur2 on the key, as the Java client: any producer or tool agrees on the partition
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: this.retry(),
    });
    // kept before it connects, so that stop() can cut a connect to a dead broker short; a failed
    // connect is discarded by publish()
    this.producer = producer;
    await producer.connect();
    if (!this.running) throw new Error('the publisher was stopped');
    return producer;
  }

  /** Creates the topic with an explicit partition count if it is absent. */
  private async ensureTopic(): Promise<void> {
    const partitions = this.options.partitions ?? DEFAULT_PARTITIONS;
    const admin = this.kafka.admin({ retry: this.retry() });
    this.admin = admin;
    await admin.connect();
    try {
      const created = await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: this.topic,
            numPartitions: partitions,
            ...(this.options.replicationFactor !== undefined
              ? { replicationFactor: this.options.replicationFactor }
              : {}),
          },
        ],
      });
      if (created) {
        this.options.logger?.log(`Kafka: created ${this.topic} with ${partitions} partitions`);
        return;
      }
      const metadata = await admin.fetchTopicMetadata({ topics: [this.topic] });
      const actual = metadata.topics[0]?.partitions.length ?? 0;
      if (actual !== partitions) {
        this.options.logger?.warn(
          `Kafka: ${this.topic} has ${actual} partitions, not the ${partitions} configured; ` +
            'left as is (repartitioning would move streams between partitions)',
        );
      }
    } finally {
      this.admin = null;
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Sleeps between attempts; stop() ends it at once. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.pauses.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pauses.add(done);
    });
  }

  private endPauses(): void {
    for (const done of [...this.pauses]) done();
  }

  /**
   * kafkajs's retries within one call. Bounded, so that a dead broker surfaces as a failed
   * attempt (health, logs) instead of a send that never returns; kafkajs warns that bounded
   * retries may break an idempotent producer's guarantees, which is why a failed producer is
   * replaced and the batch resent from the checkpoint (at least once, order kept).
   */
  private retry(): KafkaRetry {
    return { retries: this.options.sendRetries ?? 3, initialRetryTime: 200, maxRetryTime: 1000 };
  }

  private async discardProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }
}

/** Whether `promise` settles within `ms` (it keeps running either way). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]);
  clearTimeout(timer);
  return settled;
}
