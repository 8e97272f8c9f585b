import {
  EMPTY_TREE_ROOT,
  checkedNodeHash,
  isHashHex,
  nodeHash,
  splitPoint,
  type ConsistencyProof,
  type InclusionProof,
} from './merkle';

/**
 * RFC 9162 roots and proofs from stored subtree hashes, in O(log n) per request.
 *
 * The tree is kept as its perfect subtrees: node (level, index) is the hash of leaves
 * [index·2^level, (index+1)·2^level), written once, when its last leaf is appended, and never
 * changed afterwards (the log is append-only). Every range that RFC 9162's recursion (MTH,
 * PATH, SUBPROOF) hashes starts at a multiple of a power of two at least as large as the range,
 * so it is the right fold of at most ⌊log2 size⌋+1 such perfect subtrees, one per set bit of its
 * size. A proof has O(log n) elements and, as argued at each generator, only O(log n) nodes in
 * all are read, in a single getNodes call per operation. Past tree sizes are served from the
 * same nodes: a perfect subtree of a smaller tree is a perfect subtree of every later tree.
 */

export interface NodeKey {
  readonly level: number;
  readonly index: number;
}

/** `getNodes` answers with the hashes it holds, keyed by nodeId(key); absent keys are omitted. */
export interface MerkleNodeReader {
  getNodes(keys: readonly NodeKey[]): Promise<Map<string, string>>;
}

export interface StoredNode {
  readonly key: NodeKey;
  readonly hash: string;
}

/** Raised when the store lacks a node the operation needs (size beyond the stored tree, or a
 * store written without nodesToAppend's output) or holds something that is not a hash. */
export class MerkleStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MerkleStoreError';
  }
}

export function nodeId(key: NodeKey): string {
  return `${key.level}:${key.index}`;
}

/**
 * The perfect subtrees that make up the range [start, start + size), largest (leftmost) first.
 * RFC 9162's MTH of that range is their right fold. Requires start to be a multiple of a power
 * of two ≥ size, which every range of the RFC recursion is (and [0, n) trivially).
 */
export function perfectSubtrees(start: number, size: number): NodeKey[] {
  const keys: NodeKey[] = [];
  let offset = start;
  let remaining = size;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))) + 1; level >= 0; level--) {
    const width = 2 ** level;
    if (remaining < width) continue;
    if (offset % width !== 0)
      throw new RangeError(`range [${start}, ${start + size}) is unaligned`);
    keys.push({ level, index: offset / width });
    offset += width;
    remaining -= width;
  }
  return keys;
}

/**
 * The nodes to write with leaves [currentSize, currentSize + k): the k leaf nodes and the
 * k − popcount(n + k) + popcount(n) perfect subtrees they complete (two nodes per leaf over the
 * life of the log, at most 2k + ⌊log2 n⌋ in one call). The caller stores them in the same
 * transaction as the leaves themselves, so the tree is never behind the log. Reads only the
 * frontier of the current tree (≤ ⌊log2 n⌋+1 nodes, one getNodes call): any older left sibling
 * of a newly completed subtree is a maximal perfect subtree of [0, currentSize).
 */
export async function nodesToAppend(
  reader: MerkleNodeReader,
  currentSize: number,
  newLeafHashes: readonly string[],
): Promise<StoredNode[]> {
  if (newLeafHashes.length === 0) {
    assertSize(currentSize, 'currentSize');
    return [];
  }
  return (await appendToTree(reader, currentSize, newLeafHashes)).nodes;
}

/**
 * nodesToAppend, and the root of the tree they make (MTH of the first currentSize + k leaves),
 * from the same single read of the frontier: every subtree of the new tree's frontier is either
 * in the old frontier or among the new nodes.
 */
export async function appendToTree(
  reader: MerkleNodeReader,
  currentSize: number,
  newLeafHashes: readonly string[],
): Promise<{ nodes: StoredNode[]; rootHash: string }> {
  assertSize(currentSize, 'currentSize');
  newLeafHashes.forEach((h, i) => {
    if (!isHashHex(h))
      throw new TypeError(`newLeafHashes[${i}] must be 64 lowercase hex characters`);
  });
  if (newLeafHashes.length === 0)
    return { nodes: [], rootHash: await rootHash(reader, currentSize) };

  // The frontier: the maximal perfect subtrees of [0, currentSize), largest first.
  const frontierKeys = perfectSubtrees(0, currentSize);
  const known = await readNodes(reader, frontierKeys);
  const frontier: StoredNode[] = frontierKeys.map((key) => ({ key, hash: need(known, key) }));
  const written: StoredNode[] = [];
  for (let j = 0; j < newLeafHashes.length; j++) {
    let node: StoredNode = { key: { level: 0, index: currentSize + j }, hash: newLeafHashes[j] };
    written.push(node);
    // An odd index closes its parent: its left sibling is the last subtree of the frontier, of
    // the same level. The parent closes the next level the same way.
    while (node.key.index % 2 === 1) {
      const left = frontier.pop();
      if (left === undefined || left.key.level !== node.key.level)
        throw new MerkleStoreError(`node ${node.key.level}:${node.key.index - 1} is missing`);
      node = {
        key: { level: node.key.level + 1, index: (node.key.index - 1) / 2 },
        // both were checked when read (readNodes), given (above) or made here
        hash: checkedNodeHash(left.hash, node.hash),
      };
      written.push(node);
    }
    frontier.push(node);
  }
  // the new frontier is that of [0, currentSize + k): its right fold is the root
  let root = frontier[frontier.length - 1].hash;
  for (let i = frontier.length - 2; i >= 0; i--) root = checkedNodeHash(frontier[i].hash, root);
  return { nodes: written, rootHash: root };
}

/** MTH of the first treeSize leaves: the right fold of [0, treeSize)'s ≤ ⌊log2 n⌋+1 subtrees. */
export async function rootHash(reader: MerkleNodeReader, treeSize: number): Promise<string> {
  assertSize(treeSize, 'treeSize');
  if (treeSize === 0) return EMPTY_TREE_ROOT;
  const keys = perfectSubtrees(0, treeSize);
  return fold(await readNodes(reader, keys), keys);
}

/**
 * PATH(index, D[treeSize]). Walking down RFC 9162's recursion, every sibling is a perfect
 * subtree (one node) except the right sibling at the first step that goes left, after which the
 * range itself is perfect; that one sibling is ≤ ⌊log2 n⌋+1 nodes. Total ≤ 2⌈log2 n⌉ + 2 nodes,
 * the leaf included, in one read.
 */
export async function inclusionProof(
  reader: MerkleNodeReader,
  index: number,
  treeSize: number,
): Promise<InclusionProof> {
  assertSize(treeSize, 'treeSize');
  assertSize(index, 'index');
  if (index >= treeSize)
    throw new RangeError(`index ${index} is outside a tree of size ${treeSize}`);
  const elements: NodeKey[][] = [];
  // Iterative PATH: the recursion appends each sibling after the deeper ones, so unshift.
  let [lo, hi, m] = [0, treeSize, index];
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < k) {
      elements.unshift(perfectSubtrees(lo + k, hi - lo - k));
      hi = lo + k;
    } else {
      elements.unshift(perfectSubtrees(lo, k));
      lo += k;
      m -= k;
    }
  }
  const leafKey = { level: 0, index };
  const nodes = await readNodes(reader, [leafKey, ...elements.flat()]);
  return {
    index,
    treeSize,
    leafHash: need(nodes, leafKey),
    auditPath: elements.map((keys) => fold(nodes, keys)),
  };
}

/**
 * PROOF(first, D[second]); empty for first = 0 or first = second. Same shape of argument as
 * inclusion: SUBPROOF's appended ranges are perfect except the right sibling at the first
 * step into the left half, and the last element (MTH(D[m]) when the recursion reaches m = n with
 * b = false) lies inside a perfect range by then. ≤ 2⌈log2 n⌉ + 2 nodes in one read.
 */
export async function consistencyProof(
  reader: MerkleNodeReader,
  first: number,
  second: number,
): Promise<ConsistencyProof> {
  assertSize(first, 'first');
  assertSize(second, 'second');
  if (first > second) throw new RangeError(`first size ${first} exceeds second size ${second}`);
  if (first === 0 || first === second) {
    // Nothing to prove, but a size beyond the stored tree is still an error, not an empty proof.
    if (second > 0) await readNodes(reader, [{ level: 0, index: second - 1 }]);
    return { first, second, path: [] };
  }
  const elements: NodeKey[][] = [];
  let [lo, hi, m, completeSubtree] = [0, second, first, true];
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      elements.unshift(perfectSubtrees(lo + k, hi - lo - k));
      hi = lo + k;
    } else {
      elements.unshift(perfectSubtrees(lo, k));
      lo += k;
      m -= k;
      completeSubtree = false;
    }
  }
  if (!completeSubtree) elements.unshift(perfectSubtrees(lo, hi - lo));
  const nodes = await readNodes(reader, elements.flat());
  return { first, second, path: elements.map((keys) => fold(nodes, keys)) };
}

/** A reader over a Map, with counters so tests can hold the O(log n) claims to account. */
export class InMemoryMerkleStore implements MerkleNodeReader {
  private readonly nodes = new Map<string, string>();
  private leaves = 0;
  calls = 0;
  nodesRead = 0;

  get size(): number {
    return this.leaves;
  }

  async getNodes(keys: readonly NodeKey[]): Promise<Map<string, string>> {
    this.calls++;
    this.nodesRead += keys.length;
    const found = new Map<string, string>();
    for (const key of keys) {
      const hash = this.nodes.get(nodeId(key));
      if (hash !== undefined) found.set(nodeId(key), hash);
    }
    return found;
  }

  async append(leafHashes: readonly string[]): Promise<StoredNode[]> {
    const written = await nodesToAppend(this, this.leaves, leafHashes);
    for (const { key, hash } of written) this.nodes.set(nodeId(key), hash);
    this.leaves += leafHashes.length;
    return written;
  }

  resetCounters(): void {
    this.calls = 0;
    this.nodesRead = 0;
  }
}

function assertSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${what} must be a non-negative integer`);
}

async function readNodes(
  reader: MerkleNodeReader,
  keys: readonly NodeKey[],
): Promise<Map<string, string>> {
  const unique = [...new Map(keys.map((k) => [nodeId(k), k])).values()];
  if (unique.length === 0) return new Map();
  const found = await reader.getNodes(unique);
  for (const key of unique) need(found, key);
  return new Map(found);
}

function need(nodes: ReadonlyMap<string, string>, key: NodeKey): string {
  const hash = nodes.get(nodeId(key));
  if (hash === undefined) throw new MerkleStoreError(`node ${nodeId(key)} is not stored`);
  if (!isHashHex(hash)) throw new MerkleStoreError(`node ${nodeId(key)} is not a hex SHA-256 hash`);
  return hash;
}

/** Right fold: MTH of consecutive perfect subtrees P1..Pm is H(P1, H(P2, … Pm)). */
function fold(nodes: ReadonlyMap<string, string>, keys: readonly NodeKey[]): string {
  let hash = need(nodes, keys[keys.length - 1]);
  for (let i = keys.length - 2; i >= 0; i--) hash = nodeHash(need(nodes, keys[i]), hash);
  return hash;
}
