import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mesas/event-store';
import type { TileCoordinates } from '@mesas/transparency';
import { EventLogWriter } from '../../messaging/src/testing/event-log-writer';
import { ANALYTICS, analyticsProjection } from './analytics/analytics.projection';
import type { DocumentStore } from './document-store.port';
import {
  HISTORY,
  HISTORY_ENTRIES,
  HISTORY_HEADS,
  HISTORY_META,
  HISTORY_MESA_NAMES,
  HISTORY_NODES,
  HISTORY_PROBLEM_NAMES,
  HistoryTreeDoc,
  historyConsistencyProof,
  historyInclusionProof,
  historyProjection,
  historyTile,
  historyTree,
} from './history';
import { MATRIX, matrixProjection } from './matrix/matrix.projection';
import { BatchProjection, Projection, ProjectionRunner, foldInMemory } from './projection';
import { rebuildProjection, rebuildProjections } from './projection-rebuild';
import { SqliteDocumentStore } from './sqlite/sqlite-document-store';
import { WriteBehindDocuments } from './write-behind-documents';

/**
 * A rebuild — one pass over the log for several projections, documents held in memory across
 * batches and written in large transactions, into a generation of its own swapped in at the
 * end — gives exactly the documents the live runners built batch by batch. Small pages and
 * small memory bounds make it read many pages, flush often and empty its cache on the way.
 */

const COLLECTIONS: Record<string, readonly string[]> = {
  [MATRIX]: ['mesa', 'row'],
  [ANALYTICS]: ['problem', 'task', 'session', 'mesa', 'participant'],
  // heads are the sizes the tree had after each batch: they depend on the batch sizes
  [HISTORY]: [
    HISTORY_ENTRIES,
    HISTORY_NODES,
    HISTORY_META,
    HISTORY_MESA_NAMES,
    HISTORY_PROBLEM_NAMES,
  ],
};
const ALL: readonly (Projection | BatchProjection)[] = [
  matrixProjection,
  analyticsProjection,
  historyProjection,
];

async function snapshot(documents: DocumentStore, projection: string) {
  const out: Record<string, unknown> = {};
  for (const c of COLLECTIONS[projection]) out[c] = await documents.list(projection, c);
  return out;
}

describe('projection rebuild', () => {
  let dir: string;
  let store: SqliteEventStore;
  let live: SqliteDocumentStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mesas-rebuild-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const writer = new EventLogWriter(store);
    await writer.matrixHistory(4, 6);
    await writer.bulkProgressReports(400, 7, 20);
    await writer.matrixHistory(3, 5);
    live = new SqliteDocumentStore(join(dir, 'read-models.sqlite'));
    const total = writer.appended.length;
    for (const projection of ALL) {
      const runner = new ProjectionRunner(projection, store, live, { batchSize: 3, pollMs: 5 });
      runner.start();
      try {
        expect(await runner.waitFor(writer.head, 30_000)).toBe(true);
      } finally {
        await runner.stop();
      }
    }
    expect((await historyTree(live)).treeSize).toBe(total);
  }, 60_000);

  afterAll(async () => {
    await live.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('equals the projections built live, all three in one pass', async () => {
    const fresh = new SqliteDocumentStore(join(dir, 'fresh.sqlite'));
    try {
      const outcomes = await rebuildProjections(ALL, store, fresh, {
        batchSize: 17,
        limits: { maxDirty: 25, maxCached: 40 },
      });
      expect(outcomes.map((o) => o.error)).toEqual([null, null, null]);
      for (const p of ALL) {
        expect(await snapshot(fresh, p.name)).toEqual(await snapshot(live, p.name));
        expect(await fresh.checkpoint(p.name)).toBe(await live.checkpoint(p.name));
      }
      // lists by partition (the mesa) read the rebuilt table's partial index
      const rows = (await live.list(MATRIX, 'row')) as { mesaId: string }[];
      const mesaId = rows[rows.length - 1].mesaId;
      expect(await fresh.list(MATRIX, 'row', mesaId)).toEqual(
        await live.list(MATRIX, 'row', mesaId),
      );
      expect(await fresh.count(HISTORY, HISTORY_ENTRIES, mesaId)).toBeGreaterThan(0);
      expect(await fresh.count(HISTORY, HISTORY_ENTRIES, mesaId)).toBe(
        await live.count(HISTORY, HISTORY_ENTRIES, mesaId),
      );
      // the last head is the tree as it stands
      const [head] = await fresh.range(HISTORY, HISTORY_HEADS, { limit: 1, descending: true });
      expect(head).toEqual(await historyTree(fresh));
      // the pure matrix equals one fold of the whole log
      const events = (await store.readAll(null, 100_000)).events;
      const folded = foldInMemory(matrixProjection, events);
      expect(await fresh.list(MATRIX, 'row')).toEqual(folded.all('row'));
    } finally {
      await fresh.close();
    }
  });

  it('serves the history the live fold serves, byte for byte: entries, heads, tiles, proofs', async () => {
    const fresh = new SqliteDocumentStore(join(dir, 'history.sqlite'));
    try {
      // the live runner took batches of 3: so does this rebuild, and so its heads are the same
      const [outcome] = await rebuildProjections([historyProjection], store, fresh, {
        batchSize: 3,
        limits: { maxDirty: 50, maxCached: 80 },
      });
      expect(outcome.error).toBeNull();
      const all = [...COLLECTIONS[HISTORY], HISTORY_HEADS];
      for (const c of all)
        expect(await fresh.list(HISTORY, c)).toEqual(await live.list(HISTORY, c));
      const { treeSize } = await historyTree(live);
      expect(treeSize).toBeGreaterThan(256 + 3);
      const heads = (await live.list(HISTORY, HISTORY_HEADS)) as unknown as HistoryTreeDoc[];
      expect(heads.length).toBeGreaterThan(treeSize / 3 - 1);
      // full tiles, and the partial tiles of some of the heads (of every one would take long)
      const sizes = heads.map((h) => h.treeSize).filter((n, i) => i % 7 === 0 || n === treeSize);
      const tiles: TileCoordinates[] = [];
      for (const level of ['entries', 0, 1] as const) {
        const unit = level === 1 ? 256 : 1;
        for (let index = 0; index * 256 * unit < treeSize; index++)
          for (const width of new Set([
            256,
            ...sizes.map((n) => Math.floor(n / unit) - index * 256),
          ]))
            if (width > 0 && width <= 256) tiles.push({ level, index, width });
      }
      let served = 0;
      for (const tile of tiles) {
        const bytes = await historyTile(fresh, tile);
        // as hex: jest compares buffers byte by byte, slowly
        expect(bytes?.toString('hex')).toBe((await historyTile(live, tile))?.toString('hex'));
        if (bytes) served++;
      }
      expect(served).toBeGreaterThan(sizes.length);
      for (const size of [1, 7, 256, 300, treeSize]) {
        for (const index of [0, size - 1, Math.floor(size / 2)])
          expect(await historyInclusionProof(fresh, index, size)).toEqual(
            await historyInclusionProof(live, index, size),
          );
        expect(await historyConsistencyProof(fresh, size, treeSize)).toEqual(
          await historyConsistencyProof(live, size, treeSize),
        );
      }
    } finally {
      await fresh.close();
    }
  });

  it('swaps in over the live projections, twice, leaving one table per projection', async () => {
    const before = await snapshot(live, HISTORY);
    for (let i = 0; i < 2; i++) {
      const results = await rebuildProjections(ALL, store, live, { batchSize: 50 });
      expect(results.every((r) => r.result !== null)).toBe(true);
      expect(await snapshot(live, HISTORY)).toEqual(before);
    }
    const result = await rebuildProjection(matrixProjection, store, live);
    expect(result.events).toBe((await store.readAll(null, 100_000)).events.length);
    const db = new Database(join(dir, 'read-models.sqlite'), { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm_docs_%'")
        .all();
      expect(tables).toHaveLength(3);
      // each swapped-in table got its partition index at the swap, and lists by mesa use it
      for (const { name } of tables as { name: string }[]) {
        const plan = db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT doc FROM ${name} WHERE projection = ? AND collection = ? AND partition = ? ORDER BY key`,
          )
          .all('history', 'entry', 'm') as { detail: string }[];
        expect(plan.map((p) => p.detail).join(' ')).toContain(`${name}_partition_key`);
      }
      // the shared table kept nothing of the projections that now have their own
      expect(db.prepare('SELECT COUNT(*) AS n FROM rm_docs').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('keeps at most about maxCached documents in memory between writes', async () => {
    const fresh = new SqliteDocumentStore(join(dir, 'bounded.sqlite'));
    try {
      const held = new WriteBehindDocuments(fresh, 'tally', { maxDirty: 10, maxCached: 30 });
      let at: string | null = await held.checkpoint('tally');
      let peak = 0;
      for (let i = 0; i < 200; i++) {
        const docs = await held.load('tally', [{ collection: 'n', key: String(i % 50) }]);
        const doc = docs.get(`n/${i % 50}`) ?? { seen: 0 };
        await held.commit('tally', at, String(i + 1), [
          {
            collection: 'n',
            key: String(i % 50),
            partition: null,
            doc: { seen: Number(doc.seen) + 1 },
          },
        ]);
        at = String(i + 1);
        peak = Math.max(peak, held.cached);
      }
      await held.flush();
      expect(peak).toBeLessThanOrEqual(40);
      expect(await fresh.checkpoint('tally')).toBe('200');
      expect(await fresh.get('tally', 'n', '7')).toEqual({ seen: 4 });
    } finally {
      await fresh.close();
    }
  });
});
