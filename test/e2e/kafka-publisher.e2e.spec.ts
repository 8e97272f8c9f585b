import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { EventEnvelope } from '@mesas/event-store';
import { SqliteEventStore } from '@mesas/event-store';
import { KafkaEventPublisher, ReferenceConsumer } from '@mesas/messaging';
import { SqliteDocumentStore } from '@mesas/projections';
import { join } from 'node:path';
import {
  TestBroker,
  brokerUnavailable,
  describeWithKafka,
  sharedOrOwnBroker,
} from '../../libs/messaging/src/testing/kafka-test-broker';
import { waitUntil } from '../../libs/messaging/src/testing/topic-recorder';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

/** The embedded profile with KAFKA_BROKERS: the publisher runs in the API process. */

type Health = {
  status: 'ok' | 'degraded';
  kafka: {
    enabled: boolean;
    publisherHere?: boolean;
    connected?: boolean;
    lag?: number;
    checkpoint?: string | null;
    topic?: string;
    lastError?: string;
  };
};

async function proposeMesa(t: TestApp): Promise<{ id: string; position: string }> {
  const res = await t.http
    .post(`${API}/mesas`)
    .set('authorization', `Bearer ${t.token({ role: 'coordinator' })}`)
    .send({
      mesaId: freshId('acuicola'),
      name: 'Mesa Acuícola',
      kind: 'sector',
      scope: 'acuicultura',
      convener: 'PRODUCE',
    });
  if (res.status !== 201)
    throw new Error(`POST /mesas -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; position: string };
}

async function health(t: TestApp): Promise<Health> {
  const res = await t.http.get(`${API}/health`);
  expect(res.status).toBe(200);
  return res.body as Health;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Kafka on the health endpoint', () => {
  it('reports kafka as disabled and the status ok without KAFKA_BROKERS', async () => {
    const t = await startTestApp();
    try {
      expect(await health(t)).toMatchObject({ status: 'ok', kafka: { enabled: false } });
    } finally {
      await t.close();
    }
  });

  it('stays 200 but degraded while the broker is unreachable; commands still succeed', async () => {
    const t = await startTestApp({ KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` });
    try {
      await proposeMesa(t);
      await waitUntil(
        async () => (await health(t)).kafka.connected === false,
        30_000,
        () => 'the broker is still reported as connected',
      );
      const h = await health(t);
      expect(h).toMatchObject({
        status: 'degraded',
        kafka: {
          enabled: true,
          publisherHere: true,
          connected: false,
          lag: 1,
          checkpoint: null,
          topic: 'mesas.events.v1',
        },
      });
      await proposeMesa(t);
      expect((await health(t)).kafka.lag).toBe(2);
    } finally {
      await t.close();
    }
  });
});

describeWithKafka('Kafka publisher in the embedded profile', () => {
  let broker: TestBroker | null = null;
  beforeAll(async () => {
    try {
      broker = await sharedOrOwnBroker();
    } catch (error) {
      broker = brokerUnavailable('Kafka publisher in the embedded profile', error);
    }
  }, 200_000);
  afterAll(async () => {
    await broker?.stop();
  }, 60_000);

  it("publishes a command's event to the topic and shows lag 0 on the health endpoint", async () => {
    if (!broker) return;
    const topic = `mesas.events.v1.e2e-${randomUUID()}`;
    const t = await startTestApp({
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_TOPIC: topic,
      KAFKA_PARTITIONS: '3',
    });
    const received: EventEnvelope[] = [];
    const consumer = new ReferenceConsumer({
      brokers: broker.brokers,
      topic,
      groupId: `e2e-${randomUUID()}`,
      onEvent: (e) => {
        received.push(e);
      },
    });
    try {
      const mesa = await proposeMesa(t);
      await waitUntil(
        async () => {
          const h = await health(t);
          return h.kafka.connected === true && h.kafka.lag === 0;
        },
        30_000,
        () => 'the publisher did not catch up',
      );
      expect(await health(t)).toMatchObject({
        status: 'ok',
        kafka: {
          enabled: true,
          publisherHere: true,
          connected: true,
          lag: 0,
          checkpoint: mesa.position,
          topic,
        },
      });
      await consumer.start();
      await waitUntil(
        () => received.length >= 1,
        30_000,
        () => 'nothing consumed',
      );
      expect(received[0]).toMatchObject({
        type: 'MesaProposed',
        streamId: `mesa-${mesa.id}`,
        streamVersion: 1,
        globalPosition: mesa.position,
        data: { mesaId: mesa.id, convener: 'PRODUCE' },
      });
    } finally {
      await consumer.stop();
      await t.close();
    }
  });

  it("in an API that does not publish (server profile), reports the worker's stored checkpoint and probes the broker", async () => {
    if (!broker) return;
    const topic = `mesas.events.v1.e2e-${randomUUID()}`;
    const t = await startTestApp({
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_TOPIC: topic,
      PROJECTIONS: 'worker',
    });
    // "the worker": another process's publisher on the same stores
    const store = new SqliteEventStore({ filename: join(t.dataDir, 'events.sqlite') });
    const documents = new SqliteDocumentStore(join(t.dataDir, 'read-models.sqlite'));
    const worker = new KafkaEventPublisher(store, documents, {
      brokers: broker.brokers,
      topic,
      pollMs: 50,
    });
    try {
      const mesa = await proposeMesa(t);
      expect(await health(t)).toMatchObject({
        status: 'ok',
        kafka: {
          enabled: true,
          publisherHere: false,
          connected: true,
          lag: 1,
          checkpoint: null,
          topic,
        },
      });
      worker.start();
      await waitUntil(
        async () => (await health(t)).kafka.lag === 0,
        30_000,
        () => "the worker's checkpoint did not reach the health endpoint",
      );
      expect((await health(t)).kafka).toMatchObject({ checkpoint: mesa.position, connected: true });
    } finally {
      await worker.stop();
      await documents.close();
      await store.close();
      await t.close();
    }
  });
});
