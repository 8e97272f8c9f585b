import { randomBytes, randomUUID } from 'node:crypto';
import type { DocumentStore } from '@mesas/projections';
import { EventStore, openEsdbEventStore } from '@mesas/event-store';
import { KafkaEventPublisher } from '@mesas/messaging';
import { TopicRecorder, waitUntil } from '../../libs/messaging/src/testing/topic-recorder';
import { DOCUMENT_STORE, EVENT_STORE } from '@mesas/runtime';
import {
  EsdbTestServer,
  esdbTestTarget,
  startEsdbTestServer,
  warnEsdbSkipped,
} from '../../libs/event-store/src/esdb/testing/esdb-test-server';
import { TEST_DATABASE_URL, sql } from '../support/postgres';
import { ok, seedLaunchedMesa, send } from './support/http-fixtures';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

/**
 * The server profile on EventStoreDB: EVENT_STORE=esdb, read models in PostgreSQL (a fresh
 * database of this file's own), projections in the API process, and the Kafka publisher on the
 * same event store when a broker is given (KAFKA_BROKERS). Runs only against a real
 * EventStoreDB; otherwise it says so and is skipped.
 */
const target = esdbTestTarget();

if (target.kind === 'none') {
  warnEsdbSkipped(
    'the EVENT_STORE=esdb end-to-end suite (test/e2e/esdb-profile.e2e.spec.ts)',
    target.reason,
  );
  describe.skip('the EVENT_STORE=esdb profile over HTTP', () => {
    it('runs against a real EventStoreDB only', () => undefined);
  });
} else {
  describe('the EVENT_STORE=esdb profile over HTTP', () => {
    let server: EsdbTestServer;
    let database: { name: string; url: string };
    let t: TestApp;
    let coordinator: string;
    let auditor: string;

    beforeAll(async () => {
      server = await startEsdbTestServer(target);
      console.info(`EVENT_STORE=esdb e2e runs against ${server.description}`);
      // fail here, in the test, if the server does not answer: Nest would exit the process
      await (await openEsdbEventStore({ connectionString: server.connectionString })).close();
      database = await createDatabase();
      t = await startTestApp({
        EVENT_STORE: 'esdb',
        ESDB_CONNECTION_STRING: server.connectionString,
        DATABASE_URL: database.url,
        PROJECTIONS: 'in-process',
      });
      coordinator = t.token({ role: 'coordinator' });
      auditor = t.token({ role: 'auditor' });
    }, 300_000);

    afterAll(async () => {
      await t?.close();
      if (database) await sql(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
      await server?.stop();
    }, 60_000);

    it("runs a mesa's short life: commands, projections, audit log, idempotent retries", async () => {
      const mesa = await seedLaunchedMesa(t, coordinator, 'esdb');
      expect(mesa.last).toMatchObject({ streamId: `mesa-${mesa.mesaId}`, version: 6 });
      expect(mesa.last.position).toMatch(/^\d+$/);

      const p = freshId('problema');
      const raised = await ok(
        t,
        `/mesas/${mesa.mesaId}/problems`,
        { problemId: p, title: 'Registro lento', barrier: 'red_tape', raisedBy: mesa.gremio },
        coordinator,
      );
      expect(raised).toMatchObject({ id: p, streamId: `problem-${p}`, version: 1 });
      await ok(t, `/problems/${p}/filter`, { decision: 'accepted' }, coordinator);
      await ok(
        t,
        `/problems/${p}/classify`,
        { ownership: 'MP', rootCause: 'implementation' },
        coordinator,
      );

      // an Idempotency-Key retry is answered from the events found by command id
      const key = `key-${randomUUID()}`;
      const body = {
        taskId: 't1',
        title: 'Aprobar lineamientos',
        responsibleEntity: 'SERFOR',
        dueOn: '2030-04-30',
      };
      const task = await ok(t, `/problems/${p}/tasks`, body, coordinator, {
        'idempotency-key': key,
      });
      const retry = await send(t, `/problems/${p}/tasks`, body, coordinator, {
        'idempotency-key': key,
      });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(task);
      const reused = await send(
        t,
        `/problems/${p}/tasks`,
        { ...body, title: 'Otra cosa' },
        coordinator,
        { 'idempotency-key': key },
      );
      expect(reused.status).toBe(422);

      const resolved = await ok(
        t,
        `/problems/${p}/resolve`,
        { outcome: 'El registro toma 3 días' },
        coordinator,
      );
      expect(resolved.version).toBe(5);

      // the projections (PostgreSQL) reach the position the command answered
      const matrix = await t.http
        .get(`${API}/mesas/${mesa.mesaId}/matrix`)
        .query({ minPosition: resolved.position });
      expect(matrix.status).toBe(200);
      expect(matrix.body.rows).toEqual([
        expect.objectContaining({
          problemId: p,
          status: 'resolved',
          ownership: 'MP',
          tasks: [expect.objectContaining({ taskId: 't1' })],
        }),
      ]);
      const detail = await t.http
        .get(`${API}/mesas/${mesa.mesaId}`)
        .query({ minPosition: resolved.position });
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ mesaId: mesa.mesaId, status: 'launched' });

      // the audit log pages through $all with EventStoreDB checkpoints, each event once
      const seen: { streamId: string; type: string; eventId: string }[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await t.http
          .get(`${API}/audit/events`)
          .set('authorization', `Bearer ${auditor}`)
          .query({ limit: 5, ...(after !== null ? { after } : {}) });
        expect(page.status).toBe(200);
        seen.push(...page.body.events);
        after = page.body.nextAfter;
        if (after === null) break;
        expect(after).toMatch(/^\d+\/\d+$/);
      }
      expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
      expect(seen.filter((e) => e.streamId === `problem-${p}`).map((e) => e.type)).toEqual([
        'ProblemRaised',
        'ProblemFiltered',
        'ProblemClassified',
        'TaskAssigned',
        'ProblemResolved',
      ]);
    });

    const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
    (brokers.length > 0 ? it : it.skip)(
      'publishes the same log to Kafka, in order per stream',
      async () => {
        const mesa = await seedLaunchedMesa(t, coordinator, 'kafka');
        const topic = `mesas-e2e-esdb-${randomUUID()}`;
        const publisher = new KafkaEventPublisher(
          t.app.get<EventStore>(EVENT_STORE),
          t.app.get<DocumentStore>(DOCUMENT_STORE),
          {
            brokers,
            topic,
            partitions: 2,
            checkpointName: `kafka-publisher-${randomUUID()}`,
          },
        );
        const recorder = new TopicRecorder(brokers, topic);
        publisher.start();
        try {
          await recorder.start();
          const stream = `mesa-${mesa.mesaId}`;
          await waitUntil(
            () => recorder.records.filter((r) => r.streamId === stream).length >= 6,
            60_000,
            () => `${recorder.records.length} records on ${topic}`,
          );
          const versions = recorder.records
            .filter((r) => r.streamId === stream)
            .map((r) => r.streamVersion);
          expect([...new Set(versions)]).toEqual([1, 2, 3, 4, 5, 6]);
        } finally {
          await recorder.stop();
          await publisher.stop();
        }
      },
      120_000,
    );
    if (brokers.length === 0) {
      console.warn(
        '*** SKIPPED (part): KAFKA_BROKERS is not set, so the esdb e2e suite did not publish to Kafka.',
      );
    }
  });
}

/** A database of this file's own: the read models and their checkpoints start empty. */
async function createDatabase(): Promise<{ name: string; url: string }> {
  const name = `mesas_esdb_e2e_${randomBytes(5).toString('hex')}`;
  await sql(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}
