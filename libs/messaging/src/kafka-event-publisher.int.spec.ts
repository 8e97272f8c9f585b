import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventStore,
  PostgresEventStore,
  SqliteEventStore,
  StoredEvent,
  toEnvelope,
} from '@mesas/event-store';
import { DocumentStore, PostgresDocumentStore, SqliteDocumentStore } from '@mesas/projections';
import { TestSchema, createTestSchema, describeWithPostgres } from '../../../test/support/postgres';
import { createKafka } from './kafka-client';
import {
  KAFKA_PUBLISHER,
  KafkaEventPublisher,
  KafkaEventPublisherOptions,
  PublisherCheckpoints,
} from './kafka-event-publisher';
import { EventLogWriter } from './testing/event-log-writer';
import {
  TestBroker,
  brokerUnavailable,
  describeWithKafka,
  startOwnBroker,
} from './testing/kafka-test-broker';
import { RecordedEvent, TopicRecorder, waitUntil } from './testing/topic-recorder';

/**
 * The publisher against a real broker of its own (it gets SIGKILLed). Each test has its own
 * store and its own topic, so nothing depends on another test. Measured numbers are printed
 * with a `[measure]` prefix.
 */

const SUITE = 'KafkaEventPublisher on a real broker';

interface Stores {
  readonly store: EventStore;
  readonly documents: DocumentStore;
}

interface Fixture extends Stores {
  readonly brokers: string[];
  /** the first writer; `writers` holds it and any other made with `newWriter` */
  readonly writer: EventLogWriter;
  readonly writers: EventLogWriter[];
  newWriter(): EventLogWriter;
  /** everything any writer appended */
  appended(): StoredEvent[];
  readonly topic: string;
  readonly publishers: KafkaEventPublisher[];
  publisher(
    options?: Partial<KafkaEventPublisherOptions>,
    checkpoints?: PublisherCheckpoints,
  ): KafkaEventPublisher;
  /** reads the whole topic until every appended event id is there */
  readAll(timeoutMs?: number): Promise<TopicRecorder>;
  teardown(): Promise<void>;
}

describeWithKafka(
  SUITE,
  () => {
    let broker: TestBroker | null = null;
    const recorders: TopicRecorder[] = [];
    let fixtures: Fixture[] = [];

    beforeAll(async () => {
      try {
        broker = await startOwnBroker();
      } catch (error) {
        broker = brokerUnavailable(SUITE, error);
      }
    }, 200_000);

    afterEach(async () => {
      await Promise.all(recorders.splice(0).map((r) => r.stop()));
      await Promise.all(fixtures.map((f) => f.teardown()));
      fixtures = [];
    }, 60_000);

    afterAll(async () => {
      await broker?.stop();
    }, 60_000);

    async function fixture(
      brokers: string[],
      open: (dir: string) => Promise<Stores> = sqlite,
    ): Promise<Fixture> {
      const dir = mkdtempSync(join(tmpdir(), 'mesas-kafka-pub-'));
      const { store, documents } = await open(dir);
      const topic = `mesas.events.v1.test-${randomUUID()}`;
      const writers = [new EventLogWriter(store)];
      const publishers: KafkaEventPublisher[] = [];
      const appended = (): StoredEvent[] => writers.flatMap((w) => w.appended);
      const f: Fixture = {
        brokers,
        store,
        documents,
        writer: writers[0],
        writers,
        newWriter() {
          const w = new EventLogWriter(store);
          writers.push(w);
          return w;
        },
        appended,
        topic,
        publishers,
        publisher(options = {}, checkpoints = documents) {
          const p = new KafkaEventPublisher(store, checkpoints, {
            brokers,
            topic,
            partitions: 6,
            pollMs: 100,
            ...options,
          });
          publishers.push(p);
          return p;
        },
        async readAll(timeoutMs = 30_000) {
          const recorder = new TopicRecorder(brokers, topic);
          recorders.push(recorder);
          await recorder.start();
          const want = appended().map((e) => e.eventId);
          await waitUntil(
            () => {
              const got = recorder.eventIds();
              return want.every((id) => got.has(id));
            },
            timeoutMs,
            () => `${recorder.eventIds().size} of ${want.length} events read from ${topic}`,
          );
          return recorder;
        },
        async teardown() {
          await Promise.all(publishers.map((p) => p.stop({ graceMs: 1000 })));
          await documents.close();
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
      fixtures.push(f);
      return f;
    }

    const sqlite = async (dir: string): Promise<Stores> => ({
      store: new SqliteEventStore({ filename: join(dir, 'events.sqlite') }),
      documents: new SqliteDocumentStore(join(dir, 'read-models.sqlite')),
    });

    /** Every event there, each stream in one partition, first occurrences in stream order. */
    function expectCompleteAndOrdered(f: Fixture, recorder: TopicRecorder): void {
      const expected = new Map(f.writers.flatMap((w) => [...w.byStream()]));
      const first = recorder.firstOccurrences();
      expect(first.size).toBe(expected.size);
      for (const [streamId, ids] of expected) {
        expect({ streamId, ids: first.get(streamId) }).toEqual({ streamId, ids });
      }
      for (const [streamId, partitions] of recorder.partitionsOf()) {
        expect({ streamId, partitions: [...partitions] }).toEqual({
          streamId,
          partitions: [expect.any(Number)],
        });
      }
      // a repeat never comes before the first copy within its partition
      const firstOffset = new Map<string, bigint>();
      for (const r of recorder.records) {
        const at = firstOffset.get(r.eventId);
        if (at === undefined) firstOffset.set(r.eventId, BigInt(r.offset));
        else expect(BigInt(r.offset) > at).toBe(true);
      }
    }

    /** The duplicated records are exactly the events of one batch: a contiguous run of the log. */
    function expectDuplicatesAreOneBatch(
      f: Fixture,
      duplicates: RecordedEvent[],
      batch: { readonly from: number; readonly size: number },
    ): void {
      const batchIds = f
        .appended()
        .slice(batch.from, batch.from + batch.size)
        .map((e) => e.eventId);
      expect(duplicates.length).toBeLessThanOrEqual(batch.size);
      expect(new Set(duplicates.map((d) => d.eventId))).toEqual(new Set(batchIds));
    }

    /**
     * A backlog published from the start, then live appends by three concurrent writers: every
     * event arrives once (a healthy broker causes no resend), each stream in one partition, in
     * stream order; the checkpoint covers everything and the lag is 0.
     */
    async function deliversEveryEvent(f: Fixture, label: string, backlog: number): Promise<void> {
      await f.writer.bulkProgressReports(backlog, 40, 50);
      const publisher = f.publisher({ batchSize: 500 });
      const started = Date.now();
      publisher.start();
      expect(await publisher.waitFor(f.writer.appended[0].globalPosition, 30_000)).toBe(true);
      const firstAck = Date.now();
      expect(await publisher.waitFor(f.writer.head, 60_000)).toBe(true);
      const caughtUp = Date.now();
      console.log(
        `[measure] ${label} store, ${backlog} events backlog, batches of 500: first batch ` +
          `acknowledged ${firstAck - started} ms after start (topic creation, producer ` +
          `connect), then ${Math.round(((backlog - 500) * 1000) / Math.max(1, caughtUp - firstAck))} events/s`,
      );

      // live: concurrent single appends to other streams while it runs
      const live = [f.writer, f.newWriter(), f.newWriter()];
      await Promise.all(live.map((w) => w.progressReports(100, 10)));
      for (const w of live) expect(await publisher.waitFor(w.head, 30_000)).toBe(true);

      const status = await publisher.status();
      expect(status).toMatchObject({
        running: true,
        active: true,
        topic: f.topic,
        connected: true,
        lag: 0,
      });
      expect(status.lastError).toBeUndefined();
      const stored = await f.documents.checkpoint(KAFKA_PUBLISHER);
      for (const e of f.appended()) {
        if (!(await f.store.covers(stored, e.globalPosition))) {
          throw new Error(`the stored checkpoint ${stored} does not cover ${e.globalPosition}`);
        }
      }

      const admin = createKafka({ brokers: f.brokers }).admin();
      await admin.connect();
      try {
        const metadata = await admin.fetchTopicMetadata({ topics: [f.topic] });
        expect(metadata.topics[0].partitions).toHaveLength(6);
      } finally {
        await admin.disconnect();
      }

      const recorder = await f.readAll();
      expectCompleteAndOrdered(f, recorder);
      expect(recorder.duplicates()).toEqual([]);
      expect(recorder.records).toHaveLength(f.appended().length);
      expect(new Set(recorder.records.map((r) => r.partition)).size).toBeGreaterThan(1);
      const sample = f.writer.appended[1234];
      expect(recorder.records.find((r) => r.eventId === sample.eventId)).toMatchObject({
        streamId: sample.streamId,
        streamVersion: sample.streamVersion,
        globalPosition: sample.globalPosition,
      });
    }

    it('publishes every event of the SQLite store, in stream order, each once', async () => {
      if (!broker) return;
      await deliversEveryEvent(await fixture(broker.brokers), 'SQLite', 10_000);
    });

    describeWithPostgres('with the PostgreSQL store', () => {
      let schema: TestSchema;
      beforeAll(async () => {
        schema = await createTestSchema('mesas_kafka');
      });
      afterAll(() => schema.drop());

      it('publishes every event of the PostgreSQL store, in stream order, each once', async () => {
        if (!broker) return;
        const postgres = async (): Promise<Stores> => {
          const options = { connectionString: schema.url, schema: schema.schema };
          return {
            store: await PostgresEventStore.open(options),
            documents: await PostgresDocumentStore.open(options),
          };
        };
        await deliversEveryEvent(await fixture(broker.brokers, postgres), 'PostgreSQL', 5_000);
      });
    });

    it('creates the topic at start, then writes each event as exactly: key = stream id, value = the envelope JSON, headers type, eventId and the CloudEvents binary-mode attributes', async () => {
      if (!broker) return;
      const f = await fixture(broker.brokers);
      const publisher = f.publisher({ partitions: 4 });
      publisher.start();
      // an empty log: the topic is there anyway, with the partitions asked for
      const admin = createKafka({ brokers: broker.brokers }).admin();
      await admin.connect();
      try {
        await waitUntil(
          async () => (await admin.listTopics()).includes(f.topic),
          30_000,
          () => `${f.topic} was not created`,
        );
        const metadata = await admin.fetchTopicMetadata({ topics: [f.topic] });
        expect(metadata.topics[0].partitions).toHaveLength(4);
      } finally {
        await admin.disconnect();
      }
      const [first] = await f.writer.progressReports(1, 1);
      expect(await publisher.waitFor(first.globalPosition, 30_000)).toBe(true);
      const consumer = createKafka({ brokers: broker.brokers }).consumer({
        groupId: `raw-${randomUUID()}`,
      });
      const raw: { key: string; value: string; headers: Record<string, string> }[] = [];
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [f.topic], fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
            raw.push({ key: String(message.key), value: String(message.value), headers });
          },
        });
        await waitUntil(
          () => raw.length > 0,
          30_000,
          () => 'no record read',
        );
      } finally {
        await consumer.disconnect();
      }
      expect(raw).toEqual([
        {
          key: first.streamId,
          value: JSON.stringify(toEnvelope(first)),
          headers: {
            type: 'ProblemRaised',
            eventId: first.eventId,
            ce_specversion: '1.0',
            ce_id: first.eventId,
            ce_source: '/mesas',
            ce_type: 'pe.mesas.ProblemRaised',
            ce_subject: first.streamId,
            ce_time: new Date(first.occurredAt).toISOString(),
            'content-type': 'application/json',
          },
        },
      ]);
    });

    it('survives a broker SIGKILL mid-stream: afterwards every event is there, per-stream order holds', async () => {
      if (!broker) return;
      const f = await fixture(broker.brokers);
      const errors: string[] = [];
      const publisher = f.publisher({
        batchSize: 100,
        sendRetries: 2,
        onError: (e) => errors.push(String(e)),
      });
      publisher.start();

      // a writer that keeps appending until told to stop, whatever the broker does
      let writing = true;
      const writing$ = (async () => {
        while (writing) {
          await f.writer.progressReports(20, 30);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      let killed = false;
      const times = { killedAt: 0, restartAt: 0, restartedAt: 0, caughtUpAt: 0 };
      try {
        await waitUntil(
          () => f.writer.appended.length >= 600,
          30_000,
          () => `${f.writer.appended.length} appended`,
        );
        expect(await publisher.waitFor(f.writer.appended[300].globalPosition, 30_000)).toBe(true);

        await broker.kill();
        killed = true;
        times.killedAt = Date.now();
        await waitUntil(
          async () => {
            const s = await publisher.status();
            return !s.connected && s.lastError !== undefined;
          },
          30_000,
          () => 'the publisher does not report the broker as down',
        );
        const appendedWhileDown = f.writer.appended.length;
        // the log keeps growing while the broker is down, and the checkpoint cannot pass it
        await waitUntil(
          () => f.writer.appended.length >= appendedWhileDown + 300,
          30_000,
          () => 'the writer stalled',
        );
        expect((await publisher.status()).lag).toBeGreaterThan(0);

        times.restartAt = Date.now();
        await broker.restart();
        killed = false;
        times.restartedAt = Date.now();
      } finally {
        writing = false;
        await writing$;
        if (killed) await broker.restart();
      }
      expect(await publisher.waitFor(f.writer.head, 60_000)).toBe(true);
      times.caughtUpAt = Date.now();
      const after = await publisher.status();
      expect(after).toMatchObject({ connected: true, lag: 0 });
      expect(after.lastError).toBeUndefined();
      expect(errors.length).toBeGreaterThan(0);

      const recorder = await f.readAll(60_000);
      expectCompleteAndOrdered(f, recorder);
      console.log(
        `[measure] broker SIGKILL: down ${times.restartedAt - times.killedAt} ms (of which ` +
          `start.sh restart ${times.restartedAt - times.restartAt} ms), publisher caught up ` +
          `${times.caughtUpAt - times.restartedAt} ms after the broker was ready; ` +
          `${f.appended().length} events, ` +
          `${recorder.duplicates().length} duplicates, ${errors.length} failed batch attempts`,
      );
    }, 180_000);

    it('a checkpoint commit that fails after the send resends that batch only: nothing lost', async () => {
      if (!broker) return;
      const f = await fixture(broker.brokers);
      await f.writer.bulkProgressReports(1000, 25, 10);
      let commits = 0;
      const flaky: PublisherCheckpoints = {
        checkpoint: (name) => f.documents.checkpoint(name),
        commit: async (name, from, to, writes) => {
          if (++commits === 3)
            throw new Error('simulated crash between the ack and the checkpoint');
          return f.documents.commit(name, from, to, writes);
        },
      };
      const errors: unknown[] = [];
      const publisher = f.publisher({ batchSize: 100, onError: (e) => errors.push(e) }, flaky);
      publisher.start();
      expect(await publisher.waitFor(f.writer.head, 60_000)).toBe(true);
      expect(errors).toHaveLength(1);

      const recorder = await f.readAll();
      expectCompleteAndOrdered(f, recorder);
      const duplicates = recorder.duplicates();
      // the third batch (events 200..299) was acknowledged, not checkpointed, and sent again
      expectDuplicatesAreOneBatch(f, duplicates, { from: 200, size: 100 });
      console.log(
        `[measure] failed checkpoint commit: ${duplicates.length} duplicates (batch size 100)`,
      );
    });

    it('a new publisher after a crash starts from the stored checkpoint: duplicates only from the unacknowledged batch', async () => {
      if (!broker) return;
      const f = await fixture(broker.brokers);
      await f.writer.bulkProgressReports(800, 25, 10);
      let commits = 0;
      let crashed: KafkaEventPublisher | null = null;
      const dying: PublisherCheckpoints = {
        checkpoint: (name) => f.documents.checkpoint(name),
        commit: async (name, from, to, writes) => {
          if (++commits === 4) {
            // the process dies after the broker acknowledged batch 4, before its checkpoint:
            // this instance sends nothing more
            void crashed?.stop({ graceMs: 0 });
            throw new Error('simulated process crash');
          }
          return f.documents.commit(name, from, to, writes);
        },
      };
      const first = f.publisher({ batchSize: 100 }, dying);
      crashed = first;
      first.start();
      await waitUntil(
        () => commits >= 4,
        30_000,
        () => `${commits} commits`,
      );
      await first.stop();
      expect(await f.documents.checkpoint(KAFKA_PUBLISHER)).toBe(
        f.writer.appended[299].globalPosition.toString(),
      );

      // the log moves on while no publisher runs, then a new instance takes over
      await f.writer.bulkProgressReports(400, 25, 10);
      const second = f.publisher({ batchSize: 100 });
      second.start();
      await f.writer.progressReports(200, 25);
      expect(await second.waitFor(f.writer.head, 60_000)).toBe(true);

      const recorder = await f.readAll();
      expectCompleteAndOrdered(f, recorder);
      const duplicates = recorder.duplicates();
      expectDuplicatesAreOneBatch(f, duplicates, { from: 300, size: 100 });
      console.log(
        `[measure] publisher crash and restart: ${duplicates.length} duplicates (batch size 100)`,
      );
    });
  },
  { ownBroker: true },
);
