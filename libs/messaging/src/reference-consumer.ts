import { Consumer, Kafka } from 'kafkajs';
import type { EventEnvelope } from '@mesas/event-store';
import {
  CloudEventAttributes,
  MESAS_EVENTS_TOPIC,
  MalformedEventRecord,
  cloudEventOf,
  parseEventRecord,
} from './event-message';
import { KafkaConnection, MessagingLogger, createKafka, describeError } from './kafka-client';

/**
 * What a consumer has already applied. The in-memory default is for examples and tests; a real
 * consumer keeps it in the same transaction as its own effect (a table of event ids, or per
 * stream the last `streamVersion` applied), so that a redelivery after its own crash is skipped
 * too.
 */
export interface AppliedEvents {
  has(eventId: string): boolean | Promise<boolean>;
  add(eventId: string): void | Promise<void>;
}

export interface ReferenceConsumerOptions extends KafkaConnection {
  readonly groupId: string;
  /** default `mesas.events.v1` */
  readonly topic?: string;
  /** a new group starts at the beginning of the topic (default true): the full history */
  readonly fromBeginning?: boolean;
  readonly applied?: AppliedEvents;
  /**
   * called once per event id, in stream order within each stream, with the record's CloudEvents
   * attributes (null for a record published before they were added)
   */
  readonly onEvent: (
    event: EventEnvelope,
    cloudEvent: CloudEventAttributes | null,
  ) => Promise<void> | void;
  readonly logger?: MessagingLogger;
}

export interface ReferenceConsumerStats {
  /** records read, duplicates included */
  readonly received: number;
  /** events handed to `onEvent` */
  readonly applied: number;
  /** records skipped because their event id was already applied */
  readonly duplicates: number;
  /**
   * events whose stream version was not the one after the stream's last applied version: with
   * the publisher's guarantees this stays 0 for a group that read the topic from the beginning
   */
  readonly outOfOrder: number;
  /** records that were not event envelopes (skipped) */
  readonly malformed: number;
}

/**
 * An example consumer of `mesas.events.v1` for outside developers: a kafkajs consumer group
 * that turns the topic's at-least-once delivery into exactly-once application, by event id.
 *
 * Why this is enough: the publisher puts every event of a stream in one partition (key = stream
 * id) and the first copy of each event in stream order; a repeat (from a publisher retry, or from
 * this group re-reading after a rebalance or crash, since offsets are committed after the
 * handler) always comes after the first copy. Skipping ids already applied leaves each stream's
 * events exactly once, in order. Streams in different partitions interleave in any order: fold
 * per stream, as the projections do, not across streams.
 */
export class ReferenceConsumer {
  private readonly kafka: Kafka;
  private consumer: Consumer | null = null;
  private readonly applied: AppliedEvents;
  private readonly lastVersion = new Map<string, number>();
  private counts = { received: 0, applied: 0, duplicates: 0, outOfOrder: 0, malformed: 0 };

  constructor(private readonly options: ReferenceConsumerOptions) {
    this.kafka = createKafka(
      { ...options, clientId: options.clientId ?? 'mesas-reference-consumer' },
      options.logger,
    );
    const seen = new Set<string>();
    this.applied = options.applied ?? { has: (id) => seen.has(id), add: (id) => void seen.add(id) };
  }

  /**
   * Joins the group and starts consuming in the background. Fails when the topic does not exist
   * yet (the publisher creates it when it starts): retry later.
   */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      // a consumer that starts first must not create the topic with the broker's default
      // partition count: the publisher creates it with its own
      allowAutoTopicCreation: false,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({
      topics: [this.options.topic ?? MESAS_EVENTS_TOPIC],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await consumer.run({
      // kafkajs commits an offset only after this resolves: an event whose handler failed is
      // delivered again, and the id check keeps one that was already applied from applying twice.
      eachMessage: async ({ message }) => {
        this.counts.received++;
        let event: EventEnvelope;
        let cloudEvent: CloudEventAttributes | null;
        try {
          // parseEventRecord checks the CloudEvents headers against the envelope
          event = parseEventRecord(message);
          cloudEvent = cloudEventOf(message);
        } catch (error) {
          if (!(error instanceof MalformedEventRecord)) throw error;
          this.counts.malformed++;
          this.options.logger?.warn(`skipped a record: ${describeError(error)}`);
          return;
        }
        if (await this.applied.has(event.eventId)) {
          this.counts.duplicates++;
          return;
        }
        const last = this.lastVersion.get(event.streamId) ?? 0;
        if (event.streamVersion !== last + 1) {
          this.counts.outOfOrder++;
          this.options.logger?.warn(
            `${event.streamId}: version ${event.streamVersion} after ${last} (event ${event.eventId})`,
          );
        }
        await this.options.onEvent(event, cloudEvent);
        await this.applied.add(event.eventId);
        this.lastVersion.set(event.streamId, Math.max(last, event.streamVersion));
        this.counts.applied++;
      },
    });
  }

  get stats(): ReferenceConsumerStats {
    return { ...this.counts };
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.disconnect();
  }
}
