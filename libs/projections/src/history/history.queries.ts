import {
  EMPTY_TREE_ROOT,
  TILE_WIDTH,
  canonicalBytes,
  consistencyProof,
  encodeEntryBundle,
  readTile,
  tileWidthAt,
  treeSizesOfPartialTile,
  type JsonValue,
  type TileCoordinates,
  inclusionProof,
  isHashHex,
  nodeHash,
  nodeId,
  type ConsistencyProof,
  type InclusionProof,
  type MerkleNodeReader,
  type NodeKey,
} from '@mesas/transparency';
import { refKey, type DocRef, type DocumentStore } from '../document-store.port';
import { HistoryEntryDoc, MAX_HISTORY_INDEX, entryKey } from './history-entry';

export const HISTORY = 'history';
/** one document per entry, key = entryKey(index), partition = mesaId */
export const HISTORY_ENTRIES = 'entry';
/** one document {hash} per perfect subtree of an even level ≥ 2 (isStoredNode), key = `level:index` */
export const HISTORY_NODES = 'node';
export const HISTORY_META = 'meta';
/** every tree head the projection committed, key = entryKey(treeSize): the checkpointable sizes */
export const HISTORY_HEADS = 'head';
export const HISTORY_TREE_KEY = 'tree';
/** names remembered from public entries for later summaries: per mesa, per problem */
export const HISTORY_MESA_NAMES = 'names-mesa';
export const HISTORY_PROBLEM_NAMES = 'names-problem';

/** The tree head, written in the same commit as the entries and nodes it covers. */
export type HistoryTreeDoc = { treeSize: number; rootHash: string };

/**
 * Whether the Merkle node `key` is kept as a document of its own: the even levels from 2 up.
 * A leaf (level 0) is its entry's `leafHash`; a node of an odd level is the hash of its two
 * children, one even level down (decision 0028). That is one node document per three entries
 * instead of two per entry, and each node read costs at most two documents.
 */
export function isStoredNode(key: NodeKey): boolean {
  return key.level >= 2 && key.level % 2 === 0;
}

/**
 * Reads Merkle nodes from the history projection's documents, in one `load` per call: the
 * documents each asked node is made of (isStoredNode), and the hash of the two children for
 * a node of an odd level. A node whose documents are not all stored is absent from the answer;
 * one whose documents hold something that is not a hash is answered as it is stored (or empty),
 * so the caller reports it.
 */
export function documentNodeReader(documents: DocumentStore): MerkleNodeReader {
  return {
    async getNodes(keys: readonly NodeKey[]): Promise<Map<string, string>> {
      const refs = new Map<string, DocRef>();
      const want = (key: NodeKey): void => {
        const ref = storedRef(key);
        if (ref) refs.set(refKey(ref), ref);
      };
      for (const key of keys) {
        if (key.level % 2 === 0) want(key);
        else for (const child of childrenOf(key)) want(child);
      }
      const docs = await documents.load(HISTORY, [...refs.values()]);
      const stored = (key: NodeKey): string | undefined => {
        const ref = storedRef(key);
        const doc = ref ? docs.get(refKey(ref)) : undefined;
        const hash = doc?.[key.level === 0 ? 'leafHash' : 'hash'];
        return doc === undefined ? undefined : typeof hash === 'string' ? hash : '';
      };
      const found = new Map<string, string>();
      for (const key of keys) {
        let hash: string | undefined;
        if (key.level % 2 === 0) {
          hash = stored(key);
        } else {
          const [left, right] = childrenOf(key).map(stored);
          if (left !== undefined && right !== undefined)
            hash = isHashHex(left) && isHashHex(right) ? nodeHash(left, right) : '';
        }
        if (hash !== undefined) found.set(nodeId(key), hash);
      }
      return found;
    },
  };
}

/** The document a node of an even level is kept in; null past the last possible entry. */
function storedRef(key: NodeKey): DocRef | null {
  if (key.level > 0) return { collection: HISTORY_NODES, key: nodeId(key) };
  return key.index <= MAX_HISTORY_INDEX
    ? { collection: HISTORY_ENTRIES, key: entryKey(key.index) }
    : null;
}

function childrenOf(key: NodeKey): [NodeKey, NodeKey] {
  return [
    { level: key.level - 1, index: 2 * key.index },
    { level: key.level - 1, index: 2 * key.index + 1 },
  ];
}

/** The current tree head; the empty tree before the first entry. */
export async function historyTree(documents: DocumentStore): Promise<HistoryTreeDoc> {
  const doc = (await documents.get(
    HISTORY,
    HISTORY_META,
    HISTORY_TREE_KEY,
  )) as HistoryTreeDoc | null;
  return doc ?? { treeSize: 0, rootHash: EMPTY_TREE_ROOT };
}

/** Whether the history has an entry of this mesa (it remembers every mesa it has seen). */
export async function historyKnowsMesa(documents: DocumentStore, mesaId: string): Promise<boolean> {
  return (await documents.get(HISTORY, HISTORY_MESA_NAMES, mesaId)) !== null;
}

export interface HistoryPage {
  readonly entries: HistoryEntryDoc[];
  /** the index to pass as `after` for the next page; null on the last page */
  readonly nextAfter: number | null;
}

/**
 * Entries with index > `after` (all from 0 when undefined), at most `limit`, in index order,
 * of the whole log or of one mesa. One read of limit + 1 documents decides `nextAfter`.
 */
export async function historyPage(
  documents: DocumentStore,
  options: { after?: number; limit: number; mesaId?: string },
): Promise<HistoryPage> {
  const { after, limit, mesaId } = options;
  if (after !== undefined && after >= MAX_HISTORY_INDEX) return { entries: [], nextAfter: null };
  const docs = (await documents.range(HISTORY, HISTORY_ENTRIES, {
    ...(mesaId !== undefined ? { partition: mesaId } : {}),
    ...(after !== undefined ? { afterKey: entryKey(after) } : {}),
    limit: limit + 1,
  })) as unknown as HistoryEntryDoc[];
  const more = docs.length > limit;
  const entries = more ? docs.slice(0, limit) : docs;
  return { entries, nextAfter: more ? entries[entries.length - 1].index : null };
}

/**
 * Every entry after `after`, page by page, in index order (for NDJSON/CSV and exports). With
 * `treeSize`, stops before index treeSize, so the entries match one checkpoint exactly.
 */
export async function* historyEntries(
  documents: DocumentStore,
  options: { after?: number; mesaId?: string; treeSize?: number; pageSize?: number } = {},
): AsyncGenerator<HistoryEntryDoc> {
  let after = options.after;
  for (;;) {
    const page = await historyPage(documents, {
      after,
      limit: options.pageSize ?? 1000,
      mesaId: options.mesaId,
    });
    for (const entry of page.entries) {
      if (options.treeSize !== undefined && entry.index >= options.treeSize) return;
      yield entry;
    }
    if (page.nextAfter === null) return;
    after = page.nextAfter;
  }
}

/** PATH(index, D[treeSize]) from the stored nodes: O(log n) nodes in one read. */
export function historyInclusionProof(
  documents: DocumentStore,
  index: number,
  treeSize: number,
): Promise<InclusionProof> {
  return inclusionProof(documentNodeReader(documents), index, treeSize);
}

/** PROOF(first, D[second]) from the stored nodes: O(log n) nodes in one read. */
export function historyConsistencyProof(
  documents: DocumentStore,
  first: number,
  second: number,
): Promise<ConsistencyProof> {
  return consistencyProof(documentNodeReader(documents), first, second);
}

/**
 * The bytes of a C2SP tile or entry bundle of the history, or null when the log does not serve
 * it: a full tile (width 256) once the tree covers it; a partial tile (width W < 256) only when
 * W is the partial width of a tree size the log has had as its head (every head can be signed,
 * so each is a checkpointed size) and that width exists. Full tiles and all bundles are
 * immutable; tiles are one read of ≤ 256 stored nodes, bundles one range read of ≤ 256 entries.
 */
export async function historyTile(
  documents: DocumentStore,
  tile: TileCoordinates,
): Promise<Buffer | null> {
  const { treeSize } = await historyTree(documents);
  const level = tile.level === 'entries' ? 0 : tile.level;
  const available = tileWidthAt(level, tile.index, treeSize);
  if (available < tile.width) return null;
  if (tile.width < TILE_WIDTH && !(await wasCheckpointed(documents, level, tile, treeSize)))
    return null;
  if (tile.level !== 'entries')
    return readTile(documentNodeReader(documents), tile.level, tile.index, tile.width);
  const first = tile.index * TILE_WIDTH;
  const docs = (await documents.range(HISTORY, HISTORY_ENTRIES, {
    ...(first > 0 ? { afterKey: entryKey(first - 1) } : {}),
    limit: tile.width,
  })) as unknown as HistoryEntryDoc[];
  if (docs.length !== tile.width || docs.some((d, i) => d.index !== first + i))
    throw new Error(`history entries ${first}..${first + tile.width - 1} are not all stored`);
  return encodeEntryBundle(docs.map(entryLeafBytes));
}

/** The leaf bytes of a stored entry: the document less what is outside the leaf. */
export function entryLeafBytes(doc: HistoryEntryDoc): Buffer {
  const { summaries: _summaries, leafHash: _leafHash, ...leaf } = doc;
  return canonicalBytes(leaf as unknown as JsonValue);
}

async function wasCheckpointed(
  documents: DocumentStore,
  level: number,
  tile: TileCoordinates,
  treeSize: number,
): Promise<boolean> {
  const { from, to } = treeSizesOfPartialTile(level, tile.index, tile.width);
  if (treeSize >= from && treeSize < to) return true;
  if (from > MAX_HISTORY_INDEX) return false;
  const [head] = (await documents.range(HISTORY, HISTORY_HEADS, {
    ...(from > 0 ? { afterKey: entryKey(from - 1) } : {}),
    limit: 1,
  })) as unknown as HistoryTreeDoc[];
  return head !== undefined && head.treeSize < to;
}
