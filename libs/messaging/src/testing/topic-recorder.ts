import { randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { parseEventRecord } from '../event-message';
import { createKafka } from '../kafka-client';

export interface RecordedEvent {
  readonly partition: number;
  readonly offset: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly globalPosition: bigint;
}

/**
 * Reads a whole topic with a fresh consumer group and keeps every record, duplicates included,
 * in the order each partition delivered them: what the specs check delivery and order against.
 */
export class TopicRecorder {
  readonly records: RecordedEvent[] = [];
  private consumer: Consumer | null = null;

  constructor(
    private readonly brokers: readonly string[],
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    const consumer = createKafka({
      brokers: this.brokers,
      clientId: 'mesas-test-recorder',
    }).consumer({
      groupId: `recorder-${randomUUID()}`,
      allowAutoTopicCreation: false,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const e = parseEventRecord(message);
        this.records.push({
          partition,
          offset: message.offset,
          streamId: e.streamId,
          streamVersion: e.streamVersion,
          eventId: e.eventId,
          globalPosition: BigInt(e.globalPosition),
        });
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  /** distinct event ids received */
  eventIds(): Set<string> {
    return new Set(this.records.map((r) => r.eventId));
  }

  /** records beyond the first of each event id */
  duplicates(): RecordedEvent[] {
    const seen = new Set<string>();
    return this.records.filter((r) => (seen.has(r.eventId) ? true : (seen.add(r.eventId), false)));
  }

  /** per stream, event ids in the order of their first occurrence */
  firstOccurrences(): Map<string, string[]> {
    const seen = new Set<string>();
    const streams = new Map<string, string[]>();
    for (const r of this.records) {
      if (seen.has(r.eventId)) continue;
      seen.add(r.eventId);
      const list = streams.get(r.streamId);
      if (list) list.push(r.eventId);
      else streams.set(r.streamId, [r.eventId]);
    }
    return streams;
  }

  /** the partitions each stream was found in (one each, when keys are stream ids) */
  partitionsOf(): Map<string, Set<number>> {
    const streams = new Map<string, Set<number>>();
    for (const r of this.records) {
      const set = streams.get(r.streamId) ?? new Set<number>();
      set.add(r.partition);
      streams.set(r.streamId, set);
    }
    return streams;
  }
}

/** Polls `condition` until it holds or the deadline passes; then fails with `describe()`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
