import { randomUUID } from 'node:crypto';
import {
  EventStore,
  ExpectedVersion,
  LogCheckpoint,
  NewEvent,
  PostgresEventStore,
} from '@mesas/event-store';
import {
  TestSchema,
  createTestSchema,
  describeWithPostgres,
  sql,
} from '../../../../test/support/postgres';
import type { Doc } from '../document-store.port';
import { Projection, ProjectionRunner } from '../projection';
import { PostgresDocumentStore } from './postgres-document-store';

/**
 * A projection that records what it was given: one document per event (how many times it was
 * applied) and one per stream (the versions in the order applied).
 */
function recorder(name: string, streamPrefix: string): Projection {
  return {
    name,
    refsOf: (e) =>
      e.streamId.startsWith(streamPrefix)
        ? [
            { collection: 'event', key: e.eventId },
            { collection: 'stream', key: e.streamId },
            { collection: 'log', key: 'all' },
          ]
        : [],
    apply(view, e) {
      if (!e.streamId.startsWith(streamPrefix)) return;
      const seen = view.get<{ applied: number }>('event', e.eventId);
      view.put('event', e.eventId, { applied: (seen?.applied ?? 0) + 1, streamId: e.streamId });
      const stream = view.get<{ versions: number[] }>('stream', e.streamId);
      view.put('stream', e.streamId, { versions: [...(stream?.versions ?? []), e.streamVersion] });
      const log = view.get<{ types: string[] }>('log', 'all');
      view.put('log', 'all', { types: [...(log?.types ?? []), e.type] });
    },
  };
}

describeWithPostgres('projections on PostgreSQL', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(() => schema.drop());

  const connection = () => ({ connectionString: schema.url, schema: schema.schema });

  it('does not pass a transaction that commits late, then applies it in its place', async () => {
    const writer = await PostgresEventStore.open(connection());
    const reader = await PostgresEventStore.open({ ...connection(), horizonWaitMs: 0 });
    const documents = await PostgresDocumentStore.open(connection());
    const prefix = `problem-${randomUUID()}`;
    const projection = recorder(`late-${randomUUID()}`, prefix);
    let reads = 0;
    const counting = delegate(reader, () => reads++);
    const runner = new ProjectionRunner(projection, counting, documents, { pollMs: 10 });
    try {
      const held = await writer.beginAppend(
        `${prefix}-late`,
        [event('Late')],
        ExpectedVersion.noStream,
      );
      runner.start();
      const b = await writer.append(`${prefix}-b`, [event('B')], ExpectedVersion.noStream);
      const c = await writer.append(`${prefix}-b`, [event('C')], ExpectedVersion.exact(1));
      await until(() => reads >= 5);
      expect(await documents.get(projection.name, 'log', 'all')).toBeNull();
      expect(
        await reader.covers(
          await documents.checkpoint(projection.name),
          b.events[0].globalPosition,
        ),
      ).toBe(false);

      await held.commit();
      expect(await runner.waitFor(c.events[0].globalPosition, 10_000)).toBe(true);
      expect(await documents.get(projection.name, 'log', 'all')).toEqual({
        types: ['Late', 'B', 'C'],
      });
    } finally {
      await runner.stop();
      await documents.close();
      await reader.close();
      await writer.close();
    }
  });

  it('applies every event exactly once under many concurrent writers, across a lease takeover', async () => {
    const WRITERS = 20;
    const APPENDS = 50;
    const prefix = `mesa-${randomUUID()}`;
    const name = `stress-${randomUUID()}`;
    const projection = recorder(name, prefix);
    // two "workers", each with its own stores, lease connection and name in pg_stat_activity
    const worker = async (label: string) => {
      const store = await PostgresEventStore.open({ ...connection(), applicationName: label });
      const documents = await PostgresDocumentStore.open({
        ...connection(),
        applicationName: label,
      });
      const runner = new ProjectionRunner(projection, store, documents, {
        leaseRetryMs: 50,
        batchSize: 200,
      });
      return { label, store, documents, runner };
    };
    const workers = [await worker(`${name}-a`), await worker(`${name}-b`)];
    const writer = await PostgresEventStore.open({ ...connection(), poolSize: WRITERS });
    try {
      for (const w of workers) w.runner.start();
      await until(() => workers.some((w) => w.runner.active));
      let appended = 0;
      const takeover: Promise<string>[] = [];
      const started = Date.now();
      const last = await Promise.all(
        Array.from({ length: WRITERS }, async (_, i) => {
          const streamId = `${prefix}-${i}`;
          let position = 0n;
          for (let v = 0; v < APPENDS; v++) {
            const result = await writer.append(
              streamId,
              [event(`E${v}`)],
              ExpectedVersion.exact(v),
            );
            position = result.events[0].globalPosition;
            if (++appended === (WRITERS * APPENDS) / 2) takeover.push(killLeaseHolder(name));
          }
          return position;
        }),
      );
      const appendMs = Date.now() - started;
      const [killed] = await Promise.all(takeover);
      const caughtUpAt = Date.now();
      const survivor = workers.find((w) => w.label !== killed) ?? workers[0];
      const covered = async () => {
        const checkpoint = await survivor.documents.checkpoint(name);
        for (const position of last)
          if (!(await survivor.store.covers(checkpoint, position))) return false;
        return true;
      };
      await untilAsync(covered, 30_000);
      const catchUpMs = Date.now() - caughtUpAt;

      const events = await survivor.documents.list(name, 'event');
      expect(events).toHaveLength(WRITERS * APPENDS);
      expect(events.filter((d) => d.applied !== 1)).toEqual([]);
      const streams = await survivor.documents.list(name, 'stream');
      expect(streams).toHaveLength(WRITERS);
      const inOrder = Array.from({ length: APPENDS }, (_, v) => v + 1);
      for (const s of streams as Doc[]) expect(s.versions).toEqual(inOrder);
      console.log(
        `stress: ${WRITERS} writers x ${APPENDS} appends = ${WRITERS * APPENDS} events in ${appendMs} ms ` +
          `(${Math.round((WRITERS * APPENDS * 1000) / appendMs)} events/s) while 2 runners competed for the lease; ` +
          `lease holder ${killed} lost its connection midway; projection caught up ${catchUpMs} ms after the last append`,
      );
    } finally {
      await Promise.all(workers.map((w) => w.runner.stop()));
      for (const w of workers) {
        await w.documents.close();
        await w.store.close();
      }
      await writer.close();
    }
  });
});

/**
 * Terminates the backend holding the projection's advisory lock, as if its worker had died,
 * and names the worker (its application_name) that held it.
 */
async function killLeaseHolder(name: string): Promise<string> {
  const rows = await sql<{ pid: number; application_name: string }>(
    `SELECT a.pid, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE $1`,
    [`${name}-%`],
  );
  if (rows.length !== 1) throw new Error(`expected one lease holder, found ${rows.length}`);
  await sql('SELECT pg_terminate_backend($1)', [rows[0].pid]);
  return rows[0].application_name;
}

/** The store with a hook on each readAll. */
function delegate(store: EventStore, onRead: () => void): EventStore {
  return {
    append: (...a) => store.append(...a),
    readStream: (id) => store.readStream(id),
    readAll: (after: LogCheckpoint | null, limit: number) => {
      onRead();
      return store.readAll(after, limit);
    },
    covers: (c, p) => store.covers(c, p),
    positionOf: (c) => store.positionOf(c),
    findByCommandId: (id) => store.findByCommandId(id),
    lagOf: (c) => store.lagOf(c),
    onAppended: (l) => store.onAppended(l),
    close: () => store.close(),
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  await untilAsync(async () => condition(), timeoutMs);
}

async function untilAsync(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function event(type: string): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: '2015-09-30T15:00:00.000Z',
    data: { type },
    metadata: {
      actor: 'coordinator:test',
      correlationId: randomUUID(),
      causationId: null,
      commandId: randomUUID(),
    },
  };
}
