import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventStore,
  ExpectedVersion,
  SqliteEventStore,
  Upcaster,
  withUpcasting,
} from '@mesas/event-store';
import { EventLogWriter } from '../../../messaging/src/testing/event-log-writer';
import type { DocumentStore } from '../document-store.port';
import { ProjectionRebuildError, rebuildProjections } from '../projection-rebuild';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store';
import type { HistoryEntryDoc } from './history-entry';
import { historyProjection } from './history.projection';
import {
  HISTORY,
  HISTORY_ENTRIES,
  HISTORY_HEADS,
  HISTORY_MESA_NAMES,
  HISTORY_META,
  HISTORY_NODES,
  HISTORY_PROBLEM_NAMES,
  historyTree,
} from './history.queries';

/**
 * The history's rebuild with its per-event work on a thread that reads the log by itself
 * (history-thread.ts): the generation it fills is the one the one-thread rebuild fills, heads
 * included, and the thread reads what the store's `readAll` answers, upcasting included.
 */

const COLLECTIONS = [
  HISTORY_ENTRIES,
  HISTORY_NODES,
  HISTORY_META,
  HISTORY_HEADS,
  HISTORY_MESA_NAMES,
  HISTORY_PROBLEM_NAMES,
];

async function snapshot(documents: DocumentStore): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { checkpoint: await documents.checkpoint(HISTORY) };
  for (const c of COLLECTIONS) out[c] = await documents.list(HISTORY, c);
  return out;
}

/** `store` with its page reads counted. */
function counted(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  return {
    store: {
      ...store,
      append: store.append.bind(store),
      readStream: store.readStream.bind(store),
      readAll: (after, limit) => {
        reads++;
        return store.readAll(after, limit);
      },
      covers: store.covers.bind(store),
      positionOf: store.positionOf.bind(store),
      findByCommandId: store.findByCommandId.bind(store),
      lagOf: store.lagOf.bind(store),
      onAppended: store.onAppended.bind(store),
      threadLog: () => store.threadLog?.() ?? null,
      close: store.close.bind(store),
    },
    reads: () => reads,
  };
}

describe('the history rebuilt on a thread of its own', () => {
  let dir: string;
  let store: SqliteEventStore;
  let total: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mesas-history-thread-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const writer = new EventLogWriter(store);
    await writer.matrixHistory(3, 4);
    await writer.bulkProgressReports(120, 5, 10);
    await writer.matrixHistory(2, 3);
    total = writer.appended.length;
  }, 60_000);

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function rebuilt(
    name: string,
    from: EventStore,
    threads: boolean,
  ): Promise<Record<string, unknown>> {
    const documents = new SqliteDocumentStore(join(dir, `${name}.sqlite`));
    try {
      const [outcome] = await rebuildProjections([historyProjection], from, documents, {
        threads,
        batchSize: 7,
        limits: { maxDirty: 30, maxCached: 40 },
      });
      expect(outcome.error).toBeNull();
      expect((await historyTree(documents)).treeSize).toBe(total);
      return await snapshot(documents);
    } finally {
      await documents.close();
    }
  }

  it('fills the generation the one-thread rebuild fills, without reading through the store', async () => {
    expect(store.threadLog()).toEqual({
      kind: 'sqlite',
      filename: join(dir, 'events.sqlite'),
      upcasters: null,
    });
    const watched = counted(store);
    const onThread = await rebuilt('on-thread', watched.store, true);
    // every event came through the thread's own connection
    expect(watched.reads()).toBe(0);
    const here = await rebuilt('here', watched.store, false);
    expect(watched.reads()).toBeGreaterThan(0);
    expect(onThread).toEqual(here);
    expect((onThread[HISTORY_ENTRIES] as unknown[]).length).toBe(total);
  });

  it("reads what the store's readAll answers: the named upcasters run on the thread", async () => {
    // a module the thread can require, as the domain's catalogue is required in production
    const module = join(dir, 'upcasters.js');
    writeFileSync(
      module,
      `exports.UPCASTERS = [{ type: 'ProblemRaised', fromVersion: 1,
         upcast: (data) => ({ ...data, title: data.title + ' (v2)' }) }];`,
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const upcasters = (require(module) as { UPCASTERS: Upcaster[] }).UPCASTERS;
    const upcast = withUpcasting(store, upcasters, { module, name: 'UPCASTERS' });
    expect(upcast.threadLog?.()).toMatchObject({ upcasters: { module, name: 'UPCASTERS' } });
    // without a name the upcasters cannot cross to a thread: the rebuild stays on this one
    expect(withUpcasting(store, upcasters).threadLog?.()).toBeNull();

    const onThread = await rebuilt('upcast-on-thread', upcast, true);
    expect(onThread).toEqual(await rebuilt('upcast-here', upcast, false));
    const titles = (onThread[HISTORY_ENTRIES] as HistoryEntryDoc[])
      .filter((e) => e.type === 'ProblemRaised')
      .map((e) => e.data.title as string);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => t.endsWith(' (v2)'))).toBe(true);
  });

  it('stops at the first event an upcaster cannot read, naming it', async () => {
    const module = join(dir, 'failing-upcasters.js');
    writeFileSync(
      module,
      `exports.UPCASTERS = [{ type: 'ProblemRaised', fromVersion: 1,
         upcast: () => { throw new Error('no reading this version'); } }];`,
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const upcasters = (require(module) as { UPCASTERS: Upcaster[] }).UPCASTERS;
    const upcast = withUpcasting(store, upcasters, { module, name: 'UPCASTERS' });
    const documents = new SqliteDocumentStore(join(dir, 'failing-upcast.sqlite'));
    try {
      const [outcome] = await rebuildProjections([historyProjection], upcast, documents, {
        batchSize: 7,
      });
      const first = (await store.readAll(null, 10_000)).events.find(
        (e) => e.type === 'ProblemRaised',
      )!;
      expect(outcome.error?.stalledAt).toMatchObject({
        eventId: first.eventId,
        position: first.globalPosition.toString(),
        type: 'ProblemRaised',
        error: 'no reading this version',
      });
      expect(await documents.checkpoint(HISTORY)).toBeNull();
    } finally {
      await documents.close();
    }
  });

  it('stops at an event it cannot make an entry of, names it, and swaps nothing in', async () => {
    const file = join(dir, 'bad-events.sqlite');
    const bad = new SqliteEventStore({ filename: file });
    const documents = new SqliteDocumentStore(join(dir, 'bad.sqlite'));
    try {
      const writer = new EventLogWriter(bad);
      await writer.matrixHistory(1, 1);
      const raised = writer.appended.find((e) => e.type === 'ProblemRaised')!;
      // the same problem raised again with a title too large for a tile entry (65,536 bytes of
      // canonical JSON or more): the store takes it, the history cannot
      const [stored] = (
        await bad.append(
          'huge-stream',
          [
            {
              eventId: `${raised.eventId}-huge`,
              type: raised.type,
              schemaVersion: raised.schemaVersion,
              occurredAt: raised.occurredAt,
              data: { ...raised.data, title: 'x'.repeat(70_000) },
              metadata: raised.metadata,
            },
          ],
          ExpectedVersion.noStream,
        )
      ).events;
      const [outcome] = await rebuildProjections([historyProjection], bad, documents, {
        batchSize: 4,
      });
      expect(outcome.error).toBeInstanceOf(ProjectionRebuildError);
      expect(outcome.error?.stalledAt).toMatchObject({
        eventId: stored.eventId,
        position: stored.globalPosition.toString(),
        streamId: 'huge-stream',
      });
      expect(outcome.error?.message).toContain('a tile entry holds at most');
      // nothing swapped in: the history this store serves is still empty
      expect(await documents.checkpoint(HISTORY)).toBeNull();
      expect((await historyTree(documents)).treeSize).toBe(0);
    } finally {
      await documents.close();
      await bad.close();
    }
  });
});
