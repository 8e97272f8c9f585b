import { randomUUID } from 'node:crypto';
import {
  TestSchema,
  createTestSchema,
  describeWithPostgres,
  sql,
} from '../../../../test/support/postgres';
import { CatchUpSubscription } from '../catch-up';
import { eventStoreContract } from '../event-store.contract';
import { ExpectedVersion, LogCheckpoint, NewEvent, StoredEvent } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';

describeWithPostgres('PostgreSQL event store', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(() => schema.drop());

  const open = (
    options: { horizonWaitMs?: number; poolSize?: number } = {},
  ): Promise<PostgresEventStore> =>
    PostgresEventStore.open({ connectionString: schema.url, schema: schema.schema, ...options });

  eventStoreContract('PostgreSQL', async () => {
    const store = await open();
    return { store, teardown: () => store.close() };
  });

  describe('group commit', () => {
    it('lets no append sink the others of its group, even one the server refuses whole', async () => {
      // one pool connection and a slow first append: the next ones queue and go as one group
      const store = await open({ poolSize: 1 });
      try {
        const ids = Array.from({ length: 4 }, () => `problem-${randomUUID()}`);
        // PostgreSQL text cannot hold NUL: the server refuses this append, and with it the
        // whole group's statement
        const bad = (type: string): NewEvent => ({ ...event(type), type: `${type}\u0000` });
        const outcomes = await Promise.allSettled([
          store.append(ids[0], [event('First')], ExpectedVersion.noStream),
          store.append(ids[1], [event('Good')], ExpectedVersion.noStream),
          store.append(ids[2], [bad('Bad')], ExpectedVersion.noStream),
          store.append(ids[3], [event('AlsoGood')], ExpectedVersion.noStream),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual([
          'fulfilled',
          'fulfilled',
          'rejected',
          'fulfilled',
        ]);
        expect(await store.readStream(ids[2])).toEqual([]);
        expect((await store.readStream(ids[3])).map((e) => e.type)).toEqual(['AlsoGood']);
      } finally {
        await store.close();
      }
    });
  });

  describe('tail reads', () => {
    it('serves the same tail asked in one turn with one query, each caller its own copy', async () => {
      const store = await open();
      try {
        const id = `mesa-${randomUUID()}`;
        await store.append(id, [event('A'), event('B'), event('C')], ExpectedVersion.noStream);
        const pool = (store as unknown as { pool: { query: (...a: unknown[]) => unknown } }).pool;
        const query = jest.spyOn(pool, 'query');
        const reads = await Promise.all([
          store.readStreamAfter(id, 1),
          store.readStreamAfter(id, 1),
          store.readStreamAfter(id, 1),
          store.readStreamAfter(id, 2),
        ]);
        // one query for version 1, one for version 2
        expect(query).toHaveBeenCalledTimes(2);
        query.mockRestore();
        expect(reads.map((r) => r.map((e) => e.type))).toEqual([
          ['B', 'C'],
          ['B', 'C'],
          ['B', 'C'],
          ['C'],
        ]);
        expect(reads[0]).not.toBe(reads[1]);
        reads[0].pop();
        expect(reads[1]).toHaveLength(2);
      } finally {
        await store.close();
      }
    });

    it('never answers a tail read with a query sent before it was asked', async () => {
      const store = await open();
      try {
        const id = `mesa-${randomUUID()}`;
        await store.append(id, [event('A')], ExpectedVersion.noStream);
        // the first read is scheduled; an append commits; a read asked after the commit must see it
        const before = store.readStreamAfter(id, 0);
        await before;
        await store.append(id, [event('B')], ExpectedVersion.exact(1));
        const after = await store.readStreamAfter(id, 0);
        expect(after.map((e) => e.type)).toEqual(['A', 'B']);
      } finally {
        await store.close();
      }
    });
  });

  describe('global order', () => {
    let writer: PostgresEventStore;
    let reader: PostgresEventStore;
    beforeAll(async () => {
      writer = await open();
      // no waiting for older transactions: the test looks at what is safe at that instant
      reader = await open({ horizonWaitMs: 0 });
    });
    afterAll(async () => {
      await writer.close();
      await reader.close();
    });

    it('creates its tables idempotently, many processes at once', async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => open()));
      await Promise.all(stores.map((s) => s.close()));
      const tables = await sql<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
        [schema.schema],
      );
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['es_events', 'es_streams']),
      );
    });

    it('does not let a reader pass a transaction that commits late, then delivers it', async () => {
      const start = await readToEnd(reader, null);
      const late = `problem-${randomUUID()}`;
      const early = `problem-${randomUUID()}`;
      // the slow writer takes its position first and has not committed
      const held = await writer.beginAppend(late, [event('Late')], ExpectedVersion.noStream);
      const lateEvent = held.result.events[0];
      const b = await writer.append(early, [event('B')], ExpectedVersion.noStream);
      const c = await writer.append(early, [event('C')], ExpectedVersion.exact(1));
      expect(b.events[0].globalPosition > lateEvent.globalPosition).toBe(true);

      // B and C are committed, yet no reader may return them: that would move its checkpoint
      // past the late transaction's place in the log
      const blocked = await reader.readAll(start, 100);
      expect(blocked.events.filter((e) => [late, early].includes(e.streamId))).toEqual([]);
      expect(await reader.covers(blocked.checkpoint, b.events[0].globalPosition)).toBe(false);
      // what a reader ordering by position alone would do: take B and C, and later skip Late
      const byPosition = await sql<{ global_position: string }>(
        `SELECT global_position FROM ${schema.schema}.es_events WHERE global_position > $1 ORDER BY 1`,
        [lateEvent.globalPosition.toString()],
      );
      expect(byPosition.map((r) => BigInt(r.global_position))).toEqual(
        expect.arrayContaining([b.events[0].globalPosition, c.events[0].globalPosition]),
      );

      // a subscription running meanwhile stays behind the open transaction too
      const seen: StoredEvent[] = [];
      let reads = 0;
      const counting = new Proxy(reader, {
        get(target, property) {
          if (property === 'readAll') {
            return (after: LogCheckpoint | null, limit: number) => {
              reads++;
              return target.readAll(after, limit);
            };
          }
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const subscription = new CatchUpSubscription(
        counting,
        {
          loadCheckpoint: async () => start,
          handle: async (events) => {
            seen.push(...events);
          },
        },
        { name: 'late-commit', pollMs: 10 },
      );
      subscription.start();
      try {
        await until(() => reads >= 5);
        expect(seen.filter((e) => [late, early].includes(e.streamId))).toEqual([]);

        await held.commit();
        expect(await subscription.waitFor(c.events[0].globalPosition, 10_000)).toBe(true);
        const ours = seen.filter((e) => [late, early].includes(e.streamId));
        expect(ours.map((e) => e.type)).toEqual(['Late', 'B', 'C']);
        expect(await reader.covers(subscription.position, lateEvent.globalPosition)).toBe(true);
      } finally {
        await subscription.stop();
      }
    });

    it('keeps each stream in version order in the log, also for racing "any" appends', async () => {
      const start = await readToEnd(reader, null);
      const id = `mesa-${randomUUID()}`;
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          writer.append(id, [event(`A${i}`), event(`B${i}`)], ExpectedVersion.any),
        ),
      );
      const seen = await readAllAfter(writer, start);
      const versions = seen.filter((e) => e.streamId === id).map((e) => e.streamVersion);
      expect(versions).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    });

    it('accepts a bare position (what a command returned) as where to read from', async () => {
      const id = `problem-${randomUUID()}`;
      const first = await writer.append(id, [event('A')], ExpectedVersion.noStream);
      await writer.append(id, [event('B')], ExpectedVersion.exact(1));
      const page = await writer.readAll(first.events[0].globalPosition.toString(), 10);
      expect(page.events.filter((e) => e.streamId === id).map((e) => e.type)).toEqual(['B']);
      expect(await writer.covers(page.checkpoint, first.events[0].globalPosition)).toBe(true);
      await expect(writer.readAll('not-a-checkpoint', 1)).rejects.toThrow(/checkpoint/);
    });

    it('wakes the listeners of another process (LISTEN/NOTIFY)', async () => {
      const other = await open();
      try {
        let woken = 0;
        const signalled = new Promise<void>((resolve) => {
          other.onAppended(() => {
            woken++;
            resolve();
          });
        });
        // the listener connects asynchronously and signals once when it is up: wait for it
        await signalled;
        const before = woken;
        const next = new Promise<void>((resolve) => other.onAppended(resolve));
        await writer.append(`problem-${randomUUID()}`, [event('A')], ExpectedVersion.noStream);
        await next;
        expect(woken).toBeGreaterThan(before);
      } finally {
        await other.close();
      }
    });
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function readToEnd(
  store: PostgresEventStore,
  from: LogCheckpoint | null,
): Promise<LogCheckpoint | null> {
  let checkpoint = from;
  for (;;) {
    const page = await store.readAll(checkpoint, 1000);
    if (page.events.length === 0) return checkpoint;
    checkpoint = page.checkpoint;
  }
}

async function readAllAfter(
  store: PostgresEventStore,
  from: LogCheckpoint | null,
): Promise<StoredEvent[]> {
  const seen: StoredEvent[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await store.readAll(checkpoint, 1000);
    if (page.events.length === 0) return seen;
    seen.push(...page.events);
    checkpoint = page.checkpoint;
  }
}

function event(type: string): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: '2015-09-30T15:00:00.000Z',
    data: { n: 1 },
    metadata: {
      actor: 'coordinator:test',
      correlationId: randomUUID(),
      causationId: null,
      commandId: randomUUID(),
    },
  };
}
