import type { StoredEvent } from '@mesas/event-store';
import {
  InMemoryMerkleStore,
  decodeEntryBundle,
  entryBundleLeafHashes,
  historyLeafBytes,
  historyLeafHash,
  nodeId,
  rootFromLeafHashes,
  tileHashes,
  verifyConsistency,
  verifyInclusion,
} from '@mesas/transparency';
import { CheckpointConflict } from '../document-store.port';
import { analyticsHistory } from '../analytics/testing/analytics-history';
import { HistoryEntryDoc, HistoryLeafTooLarge, entryKey, toHistoryEntry } from './history-entry';
import { historyProjection } from './history.projection';
import {
  HISTORY,
  HISTORY_ENTRIES,
  HISTORY_NODES,
  documentNodeReader,
  historyConsistencyProof,
  historyEntries,
  historyInclusionProof,
  historyPage,
  historyTile,
  historyTree,
} from './history.queries';
import { MemoryDocumentStore } from './testing/memory-document-store';

/** The analytics spec's hand-made history, with a few decisions taken in named sessions. */
function events(): StoredEvent[] {
  return analyticsHistory().events.map((e, i) =>
    i % 5 === 3 ? { ...e, metadata: { ...e.metadata, sessionId: `s-${i}` } } : e,
  );
}

/** Runs the projection over `all` in batches of the given sizes (cycled), as the runner would. */
async function project(
  all: readonly StoredEvent[],
  sizes: readonly number[],
  documents = new MemoryDocumentStore(),
) {
  let at = 0;
  let from: string | null = await documents.checkpoint(HISTORY);
  for (let b = 0; at < all.length; b++) {
    const batch = all.slice(at, at + sizes[b % sizes.length]);
    const to = String(batch[batch.length - 1].globalPosition);
    await historyProjection.applyBatch(batch, documents, from, to);
    from = to;
    at += batch.length;
  }
  return documents;
}

async function entriesOf(documents: MemoryDocumentStore): Promise<HistoryEntryDoc[]> {
  const out: HistoryEntryDoc[] = [];
  for await (const e of historyEntries(documents, { pageSize: 7 })) out.push(e);
  return out;
}

describe('historyProjection', () => {
  const all = events();

  it('makes one entry per event, in log order, indexed from 0, whose leafHash is the JCS leaf hash', async () => {
    const documents = await project(all, [4]);
    const entries = await entriesOf(documents);
    expect(entries.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
    expect(entries.map((e) => e.index)).toEqual(all.map((_, i) => i));
    for (const e of entries) expect(e.leafHash).toBe(historyLeafHash(toHistoryEntry(e)));
    const withSession = entries.filter((e) => e.sessionId !== undefined);
    expect(withSession.map((e) => e.index)).toEqual(
      all.flatMap((_, i) => (i % 5 === 3 ? [i] : [])),
    );
    expect(withSession[0].summaries.es).toMatch(/\(decidido en la sesión s-3/);
  });

  it('keeps the tree head and the stored nodes equal to the RFC 9162 tree of the leaves, whatever the batch sizes', async () => {
    const one = await project(all, [all.length]);
    const reference = rootFromLeafHashes((await entriesOf(one)).map((e) => e.leafHash));
    for (const sizes of [[1], [2, 3], [7, 1, 4], [all.length]]) {
      const documents = await project(all, sizes);
      expect(await historyTree(documents)).toEqual({ treeSize: all.length, rootHash: reference });
      // every perfect subtree of an even level ≥ 2 once: ⌊n / 4^k⌋ of level 2k
      let stored = 0;
      for (let width = 4; width <= all.length; width *= 4) stored += Math.floor(all.length / width);
      expect(stored).toBeGreaterThan(0);
      expect(await documents.count(HISTORY, HISTORY_NODES)).toBe(stored);
      expect(await entriesOf(documents)).toEqual(await entriesOf(one));
    }
  });

  it('serves inclusion and consistency proofs for past sizes from the stored nodes', async () => {
    const documents = await project(all, [3]);
    const hashes = (await entriesOf(documents)).map((e) => e.leafHash);
    const root = (n: number) => rootFromLeafHashes(hashes.slice(0, n));
    for (const size of [1, 2, 5, 8, all.length]) {
      for (let i = 0; i < size; i++) {
        const proof = await historyInclusionProof(documents, i, size);
        expect(proof.leafHash).toBe(hashes[i]);
        expect(verifyInclusion(proof, root(size))).toBe(true);
      }
      expect(
        verifyConsistency(
          await historyConsistencyProof(documents, size, all.length),
          root(size),
          root(all.length),
        ),
      ).toBe(true);
    }
  });

  it('reads O(log n) nodes per batch, never the whole tree', async () => {
    const many: StoredEvent[] = [];
    for (let i = 0; i < 600; i++)
      many.push({ ...all[i % all.length], eventId: `x-${i}`, globalPosition: BigInt(i + 1) });
    const documents = new MemoryDocumentStore();
    await project(many.slice(0, 599), [100], documents);
    const before = { ...documents.calls };
    await historyProjection.applyBatch(many.slice(599), documents, '599', '600');
    expect(documents.calls.load - before.load).toBeLessThanOrEqual(2);
    // the tree head and names, then the ≤ log2(599)+1 = 10 frontier nodes, two documents
    // at most for each (the children of a node of an odd level)
    expect(documents.calls.refsLoaded - before.refsLoaded).toBeLessThanOrEqual(3 + 2 * 10);
  });

  it('applies a batch exactly once: a replay from a stale checkpoint fails and writes nothing', async () => {
    const documents = await project(all.slice(0, 10), [5]);
    const head = await historyTree(documents);
    await expect(
      historyProjection.applyBatch(
        all.slice(5, 10),
        documents,
        String(all[4].globalPosition),
        '10',
      ),
    ).rejects.toBeInstanceOf(CheckpointConflict);
    expect(await historyTree(documents)).toEqual(head);
    expect(await documents.count(HISTORY, HISTORY_ENTRIES)).toBe(10);
  });

  it('pages by index, per mesa too, with nextAfter null on the last page', async () => {
    const documents = await project(all, [6]);
    const first = await historyPage(documents, { limit: 3 });
    expect(first.entries.map((e) => e.index)).toEqual([0, 1, 2]);
    expect(first.nextAfter).toBe(2);
    const last = await historyPage(documents, { after: all.length - 3, limit: 5 });
    expect(last.entries.map((e) => e.index)).toEqual([all.length - 2, all.length - 1]);
    expect(last.nextAfter).toBeNull();
    const exact = await historyPage(documents, { after: all.length - 4, limit: 3 });
    expect(exact.nextAfter).toBeNull();
    const m2 = await historyPage(documents, { limit: 100, mesaId: 'm2' });
    expect(m2.entries.length).toBeGreaterThan(0);
    expect(m2.entries.every((e) => e.mesaId === 'm2')).toBe(true);
    expect(m2.entries.map((e) => e.index)).toEqual(
      all.flatMap((e, i) => (e.data.mesaId === 'm2' ? [i] : [])),
    );
  });

  it('keeps the summaries of names it learnt from earlier batches, and internal fields out', async () => {
    const documents = await project(all, [1]);
    const entries = await entriesOf(documents);
    const resolved = entries.find((e) => e.type === 'ProblemResolved')!;
    expect(resolved.summaries.es).toMatch(/^Se resolvió el problema «[^»]+»/);
    const assigned = entries.find((e) => e.type === 'TaskCompleted')!;
    expect(assigned.summaries.en).toMatch(/^Task «[^»]+» of «[^»]+» completed/);
    const meetings = entries.filter(
      (e) => e.type === 'SessionHeld' && e.data.type === 'inter_session',
    );
    expect(meetings.length).toBeGreaterThan(0);
    for (const m of meetings) expect(m.data).not.toHaveProperty('summary');
    expect(entryKey(entries[entries.length - 1].index)).toBe(
      String(all.length - 1).padStart(12, '0'),
    );
  });
});

describe('the history as C2SP tiles', () => {
  /** Enough events for a full level-0 tile: the hand-made history repeated with fresh ids. */
  function many(n: number): StoredEvent[] {
    const base = events();
    return Array.from({ length: n }, (_, i) => {
      const e = base[i % base.length];
      return { ...e, eventId: `${e.eventId}-${i}`, globalPosition: BigInt(i + 1) };
    });
  }

  it('serves full tiles, and partial tiles only for sizes the tree had as its head', async () => {
    const all = many(300);
    const documents = await project(all, [100]); // heads at 100, 200, 300
    const leaves = (await entriesOf(documents)).map((e) => e.leafHash);
    const full = await historyTile(documents, { level: 0, index: 0, width: 256 });
    expect(tileHashes(full!)).toEqual(leaves.slice(0, 256));
    const partial = await historyTile(documents, { level: 0, index: 1, width: 44 });
    expect(tileHashes(partial!)).toEqual(leaves.slice(256, 300));
    // 100 and 200 were heads: width 100 of tile 0 was a partial tile once, width 99 never was
    expect(await historyTile(documents, { level: 0, index: 0, width: 100 })).not.toBeNull();
    expect(await historyTile(documents, { level: 0, index: 0, width: 99 })).toBeNull();
    // beyond the tree: nothing, never an empty or short tile
    expect(await historyTile(documents, { level: 0, index: 1, width: 45 })).toBeNull();
    expect(await historyTile(documents, { level: 0, index: 1, width: 256 })).toBeNull();
    expect(await historyTile(documents, { level: 1, index: 0, width: 1 })).not.toBeNull();
    expect(await historyTile(documents, { level: 2, index: 0, width: 1 })).toBeNull();
  });

  it('answers every perfect subtree, whatever its level, as the tree of the leaves has it', async () => {
    const all = many(600);
    const documents = await project(all, [37, 200]);
    const leaves = (await entriesOf(documents)).map((e) => e.leafHash);
    const reference = new InMemoryMerkleStore();
    const nodes = await reference.append(leaves);
    const keys = nodes.map((n) => n.key);
    expect(new Set(keys.map((k) => k.level))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const answered = await documentNodeReader(documents).getNodes(keys);
    expect(keys.map((k) => answered.get(nodeId(k)))).toEqual(nodes.map((n) => n.hash));
    // the level-1 tile holds the subtrees of 256 leaves: level 8, a stored level
    const tile = await historyTile(documents, { level: 1, index: 0, width: 2 });
    expect(tileHashes(tile!)).toEqual(
      [0, 1].map((index) => answered.get(nodeId({ level: 8, index }))),
    );
    // beyond the tree: absent, not made up
    const beyond = [
      { level: 0, index: 600 },
      { level: 1, index: 300 },
      { level: 2, index: 150 },
    ];
    expect((await documentNodeReader(documents).getNodes(beyond)).size).toBe(0);
  });

  it('serves entry bundles whose entries are the leaves (JCS bytes) of the entries', async () => {
    const all = many(260);
    const documents = await project(all, [130]);
    const entries = await entriesOf(documents);
    const bundle = await historyTile(documents, { level: 'entries', index: 1, width: 4 });
    expect(decodeEntryBundle(bundle!)).toEqual(
      entries.slice(256).map((e) => historyLeafBytes(toHistoryEntry(e))),
    );
    expect(entryBundleLeafHashes(bundle!)).toEqual(entries.slice(256).map((e) => e.leafHash));
  });

  it('refuses an event whose leaf would not fit a tile entry, and writes nothing of its batch', async () => {
    const [first, second] = events();
    const huge = { ...second, data: { ...second.data, notes: 'x'.repeat(65_536) } };
    const documents = new MemoryDocumentStore();
    await historyProjection.applyBatch([first], documents, null, '1');
    await expect(historyProjection.applyBatch([huge], documents, '1', '2')).rejects.toThrow(
      HistoryLeafTooLarge,
    );
    expect((await historyTree(documents)).treeSize).toBe(1);
    expect(await documents.checkpoint(HISTORY)).toBe('1');
  });
});
