import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventStore,
  ExpectedVersion,
  NewEvent,
  PostgresEventStore,
  SqliteEventStore,
  StoredEvent,
} from '@mesas/event-store';
import { createTestSchema, describeWithPostgres } from '../../../test/support/postgres';
import type { DocumentStore } from './document-store.port';
import { HISTORY, HISTORY_ENTRIES, historyProjection, historyTree } from './history';
import { PostgresDocumentStore } from './postgres/postgres-document-store';
import {
  BatchProjection,
  Projection,
  ProjectionRunner,
  foldInMemory,
  recordedStallOf,
} from './projection';
import { ProjectionRebuildError, rebuildProjection } from './projection-rebuild';
import { SqliteDocumentStore } from './sqlite/sqlite-document-store';

/**
 * An event a projection cannot apply stops it there — named, recorded, retried slowly — and
 * never makes it skip the event, spin, or lose what it had; a rebuild swaps in only when it
 * has read the whole log. On SQLite the poison is what reached production: data with a lone
 * surrogate, which RFC 8785 cannot encode, so the history cannot make a leaf of it.
 */

interface Stores {
  events: EventStore;
  documents: DocumentStore;
  /** a second handle on the same read models, as another process would have */
  otherDocuments(): Promise<DocumentStore>;
  close(): Promise<void>;
}

function event(type: string, data: NewEvent['data']): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: '2016-03-01T10:00:00.000Z',
    data,
    metadata: { actor: 't', correlationId: 'c', causationId: null, commandId: randomUUID() },
  };
}

async function appendValid(store: EventStore, n: number): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (let i = 0; i < n; i++) {
    const mesaId = randomUUID();
    const r = await store.append(
      `mesa-${mesaId}`,
      [event('MesaProposed', { mesaId, name: `Mesa ${i}`, kind: 'sector', scope: 's' })],
      ExpectedVersion.noStream,
    );
    out.push(...r.events);
  }
  return out;
}

/** An event the history projection cannot apply, and how its error reads. */
interface Poison {
  append(store: EventStore): Promise<StoredEvent>;
  readonly error: RegExp;
}

async function appendProposal(store: EventStore, name: string): Promise<StoredEvent> {
  const mesaId = randomUUID();
  const r = await store.append(
    `mesa-${mesaId}`,
    [event('MesaProposed', { mesaId, name, kind: 'sector', scope: 's' })],
    ExpectedVersion.noStream,
  );
  return r.events[0];
}

/** SQLite stores any string: the poison that reached production, a lone surrogate. */
const loneSurrogate: Poison = {
  append: (store) => appendProposal(store, 'Mesa \ud800 rota'),
  error: /lone surrogate/,
};

/**
 * PostgreSQL's json type refuses a lone surrogate at append, so there the history is given an
 * event it is made to refuse (the runner's behaviour does not depend on why it fails).
 */
const refusedByName: Poison = {
  append: (store) => appendProposal(store, POISON_NAME),
  error: /cannot encode this event/,
};
const POISON_NAME = 'Mesa que la historia no puede codificar';

/** The history projection, refusing events named POISON_NAME as it refuses unencodable ones. */
const history: BatchProjection = {
  name: historyProjection.name,
  applyBatch(events, ...rest) {
    const bad = events.find((e) => e.data.name === POISON_NAME);
    if (bad) return Promise.reject(new Error(`cannot encode this event: ${bad.eventId}`));
    return historyProjection.applyBatch(events, ...rest);
  },
};

/** Counts the batches a projection was handed that held `eventId`. */
function counting(
  projection: BatchProjection,
  eventId: () => string | null,
): BatchProjection & { tries: number } {
  const counted = {
    name: projection.name,
    tries: 0,
    applyBatch: (
      events: readonly StoredEvent[],
      ...rest: Parameters<BatchProjection['applyBatch']> extends [unknown, ...infer R] ? R : never
    ) => {
      if (events.some((e) => e.eventId === eventId())) counted.tries++;
      return projection.applyBatch(events, ...rest);
    },
  };
  return counted;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function headOf(store: EventStore): Promise<bigint> {
  let checkpoint = null;
  let last = 0n;
  for (;;) {
    const page = await store.readAll(checkpoint, 1000);
    if (page.events.length === 0) return last;
    last = page.events[page.events.length - 1].globalPosition;
    checkpoint = page.checkpoint;
  }
}

/** A pure projection that counts events per type: simple enough to compare with a fold. */
const tally: Projection = {
  name: 'tally',
  refsOf: () => [{ collection: 'count', key: 'all' }],
  apply(view, e) {
    const doc = view.get<{ [type: string]: number }>('count', 'all') ?? {};
    view.put('count', 'all', { ...doc, [e.type]: (doc[e.type] ?? 0) + 1 });
  },
};

function suite(adapter: string, open: () => Promise<Stores>, poisonKind: Poison): void {
  const appendPoison = (store: EventStore) => poisonKind.append(store);
  describe(`projection stalls and rebuilds: ${adapter}`, () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await open();
    });
    afterEach(() => stores.close());

    it('stops at an event it cannot apply, names it durably, and neither skips nor spins', async () => {
      const before = await appendValid(stores.events, 7);
      const poison = await appendPoison(stores.events);
      await appendValid(stores.events, 3);
      const projection = counting(history, () => poison.eventId);
      const runner = new ProjectionRunner(projection, stores.events, stores.documents, {
        retry: { attempts: 2, baseMs: 1, maxMs: 5, stalledRetryMs: 3_600_000 },
      });
      runner.start();
      try {
        await until(() => runner.status().state === 'stalled', 'the runner stalls');
        const status = runner.status();
        expect(status.stalledAt).toMatchObject({
          eventId: poison.eventId,
          type: 'MesaProposed',
          position: poison.globalPosition.toString(),
          streamId: poison.streamId,
          attempts: 2,
        });
        expect(status.stalledAt!.error).toMatch(poisonKind.error);
        expect(Number.isNaN(Date.parse(status.stalledAt!.since))).toBe(false);

        // every event before it applied, it and none after it
        expect((await historyTree(stores.documents)).treeSize).toBe(before.length);
        expect(await stores.events.covers(runner.checkpoint, before[6].globalPosition)).toBe(true);
        expect(await stores.events.covers(runner.checkpoint, poison.globalPosition)).toBe(false);

        // recorded beside the documents, for processes that do not run it
        const other = await stores.otherDocuments();
        expect(await recordedStallOf(other, HISTORY)).toEqual(status.stalledAt);
        await other.close();
      } finally {
        await runner.stop();
      }
      // two tries of the whole batch, two of the event alone, then one slow retry an hour on
      expect(projection.tries).toBe(4);
    });

    it('gets past the event once the cause is gone, and clears the record', async () => {
      await appendValid(stores.events, 2);
      const target = (await appendValid(stores.events, 1))[0];
      await appendValid(stores.events, 2);
      let broken = true;
      const flaky: Projection = {
        ...tally,
        apply(view, e) {
          if (broken && e.eventId === target.eventId) throw new Error('database unreachable');
          tally.apply(view, e);
        },
      };
      const stalls: unknown[] = [];
      const runner = new ProjectionRunner(flaky, stores.events, stores.documents, {
        retry: { attempts: 2, baseMs: 1, maxMs: 5, stalledRetryMs: 20 },
        onStall: (stall) => stalls.push(stall),
      });
      runner.start();
      try {
        await until(() => runner.status().state === 'stalled', 'the runner stalls');
        expect(runner.status().stalledAt?.error).toBe('Error: database unreachable');
        broken = false;
        const head = await headOf(stores.events);
        expect(await runner.waitFor(head, 20_000)).toBe(true);
        await until(() => runner.status().state === 'running', 'the stall clears');
        expect(await recordedStallOf(stores.documents, tally.name)).toBeNull();
        expect(stalls[stalls.length - 1]).toBeNull();
        expect(await stores.documents.get(tally.name, 'count', 'all')).toEqual({
          MesaProposed: 5,
        });
      } finally {
        await runner.stop();
      }
    });

    it('a rebuild that meets the poison fails loudly and leaves the live projection as it was', async () => {
      await appendValid(stores.events, 12);
      const live = new ProjectionRunner(history, stores.events, stores.documents);
      live.start();
      expect(await live.waitFor(await headOf(stores.events), 20_000)).toBe(true);
      await live.stop();
      const tree = await historyTree(stores.documents);
      const entries = await stores.documents.count(HISTORY, HISTORY_ENTRIES);
      const checkpoint = await stores.documents.checkpoint(HISTORY);

      const poison = await appendPoison(stores.events);
      const failed = await rebuildProjection(history, stores.events, stores.documents, {
        attempts: 2,
      }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ProjectionRebuildError);
      expect((failed as ProjectionRebuildError).stalledAt?.eventId).toBe(poison.eventId);
      expect((failed as Error).message).toContain(poison.eventId);
      expect((failed as Error).message).toMatch(poisonKind.error);

      expect(await historyTree(stores.documents)).toEqual(tree);
      expect(await stores.documents.count(HISTORY, HISTORY_ENTRIES)).toBe(entries);
      expect(entries).toBe(12);
      expect(await stores.documents.checkpoint(HISTORY)).toBe(checkpoint);
    });

    it('rebuilds beside a live runner of another process under appends, then swaps in', async () => {
      await appendValid(stores.events, 30);
      const other = await stores.otherDocuments();
      const live = new ProjectionRunner(tally, stores.events, other, { pollMs: 5 });
      live.start();
      expect(await live.waitFor(await headOf(stores.events), 20_000)).toBe(true);
      let writing = true;
      const writer = (async () => {
        // bounded, and yielding to timers: a SQLite append never leaves the microtask queue
        for (let i = 0; writing && i < 500; i++) {
          await appendValid(stores.events, 1);
          await new Promise((r) => setImmediate(r));
        }
      })();
      try {
        const seenDuring: unknown[] = [];
        const result = await rebuildProjection(tally, stores.events, stores.documents, {
          onProgress: () => {
            void stores.documents.get(tally.name, 'count', 'all').then((d) => seenDuring.push(d));
          },
        });
        expect(result.events).toBeGreaterThanOrEqual(30);
        // readers never saw the projection empty while it was rebuilt
        expect(seenDuring.every((d) => d !== null)).toBe(true);
      } finally {
        writing = false;
        await writer;
      }
      try {
        // The live runner may have applied every append to the old generation before the swap;
        // with nothing new to commit, it learns of the swap at its next idle poll, reloads the
        // rebuilt checkpoint and applies again what the rebuild had not read.
        const all = (await stores.events.readAll(null, 100_000)).events;
        const expected = foldInMemory(tally, all).get('count', 'all');
        await until(
          async () =>
            JSON.stringify(await other.get(tally.name, 'count', 'all')) ===
            JSON.stringify(expected),
          'the live runner to carry the rebuilt generation to the head',
        );
        expect(await other.get(tally.name, 'count', 'all')).toEqual(expected);
      } finally {
        await live.stop();
        await other.close();
      }
    });
  });
}

suite(
  'SQLite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesas-stall-'));
    const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const documents = new SqliteDocumentStore(join(dir, 'read-models.sqlite'));
    return {
      events,
      documents,
      otherDocuments: async () => new SqliteDocumentStore(join(dir, 'read-models.sqlite')),
      close: async () => {
        await documents.close();
        await events.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  loneSurrogate,
);

describeWithPostgres('on PostgreSQL', () => {
  suite(
    'PostgreSQL',
    async () => {
      const schema = await createTestSchema();
      const connection = { connectionString: schema.url, schema: schema.schema };
      const events = await PostgresEventStore.open(connection);
      const documents = await PostgresDocumentStore.open(connection);
      return {
        events,
        documents,
        otherDocuments: () => PostgresDocumentStore.open(connection),
        close: async () => {
          await documents.close();
          await events.close();
          await schema.drop();
        },
      };
    },
    refusedByName,
  );
});
