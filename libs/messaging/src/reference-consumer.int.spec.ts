import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, StoredEvent } from '@mesas/event-store';
import {
  MATRIX,
  MESAS,
  ProjectionRunner,
  ROWS,
  SqliteDocumentStore,
  foldInMemory,
  matrixProjection,
} from '@mesas/projections';
import { CloudEventAttributes, storedEventOf } from './event-message';
import { KafkaEventPublisher, PublisherCheckpoints } from './kafka-event-publisher';
import { ReferenceConsumer } from './reference-consumer';
import { EventLogWriter } from './testing/event-log-writer';
import {
  TestBroker,
  brokerUnavailable,
  describeWithKafka,
  sharedOrOwnBroker,
} from './testing/kafka-test-broker';
import { waitUntil } from './testing/topic-recorder';

const SUITE = 'ReferenceConsumer on a real broker';

describeWithKafka(SUITE, () => {
  let broker: TestBroker | null = null;

  beforeAll(async () => {
    try {
      broker = await sharedOrOwnBroker();
    } catch (error) {
      broker = brokerUnavailable(SUITE, error);
    }
  }, 200_000);

  afterAll(async () => {
    await broker?.stop();
  }, 60_000);

  it('dedupes by eventId and rebuilds the same matrix as the projection', async () => {
    if (!broker) return;
    const dir = mkdtempSync(join(tmpdir(), 'mesas-kafka-ref-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const documents = new SqliteDocumentStore(join(dir, 'read-models.sqlite'));
    const topic = `mesas.events.v1.test-${randomUUID()}`;
    const writer = new EventLogWriter(store);
    // one lost checkpoint commit: the consumer must see (and skip) the repeated batch
    let commits = 0;
    const flaky: PublisherCheckpoints = {
      checkpoint: (name) => documents.checkpoint(name),
      commit: async (name, from, to, writes) => {
        if (++commits === 2) throw new Error('simulated crash between the ack and the checkpoint');
        return documents.commit(name, from, to, writes);
      },
    };
    const publisher = new KafkaEventPublisher(store, flaky, {
      brokers: broker.brokers,
      topic,
      batchSize: 50,
      pollMs: 100,
    });
    const projection = new ProjectionRunner(matrixProjection, store, documents, { pollMs: 100 });
    const received: StoredEvent[] = [];
    const cloudEvents: (CloudEventAttributes | null)[] = [];
    const consumer = new ReferenceConsumer({
      brokers: broker.brokers,
      topic,
      groupId: `reference-${randomUUID()}`,
      onEvent: (envelope, cloudEvent) => {
        received.push(storedEventOf(envelope));
        cloudEvents.push(cloudEvent);
      },
    });
    try {
      await writer.matrixHistory(4, 6);
      publisher.start();
      projection.start();
      // the publisher creates the topic with its first batch
      expect(await publisher.waitFor(writer.appended[0].globalPosition, 30_000)).toBe(true);
      await consumer.start();
      // and more history while everything runs
      await writer.matrixHistory(2, 5);
      const total = writer.appended.length;
      expect(await projection.waitFor(writer.head, 30_000)).toBe(true);
      await waitUntil(
        () => consumer.stats.applied >= total,
        60_000,
        () => `${consumer.stats.applied} of ${total} applied (${JSON.stringify(consumer.stats)})`,
      );

      expect(consumer.stats).toMatchObject({
        applied: total,
        outOfOrder: 0,
        malformed: 0,
      });
      // the second batch (events 50..99) was published twice; its repeats were skipped
      await waitUntil(
        () => consumer.stats.duplicates >= 50,
        30_000,
        () => `${consumer.stats.duplicates} duplicates skipped`,
      );
      expect(consumer.stats.duplicates).toBe(50);
      expect(new Set(received.map((e) => e.eventId)).size).toBe(total);
      // every record carried its CloudEvents attributes, naming the event it holds
      expect(cloudEvents).toEqual(
        received.map((e) => ({
          specversion: '1.0',
          id: e.eventId,
          source: '/mesas',
          type: `pe.mesas.${e.type}`,
          subject: e.streamId,
          time: new Date(e.occurredAt).toISOString(),
          datacontenttype: 'application/json',
        })),
      );

      const fromKafka = foldInMemory(matrixProjection, received);
      const rows = await documents.list(MATRIX, ROWS);
      const mesas = await documents.list(MATRIX, MESAS);
      expect(rows).toHaveLength(4 * 6 + 2 * 5);
      expect(mesas).toHaveLength(6);
      expect(fromKafka.all(ROWS)).toEqual(rows);
      expect(fromKafka.all(MESAS)).toEqual(mesas);
      // the history went through every branch the matrix shows
      expect(new Set(rows.map((r) => r.status))).toEqual(
        new Set(['rejected', 'open', 'escalated', 'resolved']),
      );
      expect(rows.some((r) => Array.isArray(r.decidedIn) && r.decidedIn.length > 0)).toBe(true);
    } finally {
      await consumer.stop();
      await publisher.stop({ graceMs: 1000 });
      await projection.stop();
      await documents.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
