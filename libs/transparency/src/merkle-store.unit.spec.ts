import fc from 'fast-check';
import {
  EMPTY_TREE_ROOT,
  consistencyProofFromLeafHashes,
  inclusionProofFromLeafHashes,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyProof,
  type InclusionProof,
} from './merkle';
import {
  InMemoryMerkleStore,
  MerkleNodeReader,
  MerkleStoreError,
  NodeKey,
  appendToTree,
  consistencyProof,
  inclusionProof,
  nodeId,
  nodesToAppend,
  perfectSubtrees,
  rootHash,
} from './merkle-store';
import { CONSISTENCY, INCLUSION, LEAF_HASHES, ROOTS } from './testing/reference-tree';

const hashesFor = (seed: number, n: number): string[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`seed ${seed} entry ${i}`)));

async function storeOf(leafHashes: readonly string[], cuts: readonly number[] = []) {
  const store = new InMemoryMerkleStore();
  const bounds = [...new Set([0, ...cuts, leafHashes.length])].sort((a, b) => a - b);
  for (let b = 1; b < bounds.length; b++)
    await store.append(leafHashes.slice(bounds[b - 1], bounds[b]));
  store.resetCounters();
  return store;
}

const popcount = (n: number): number => n.toString(2).replace(/0/g, '').length;
/** The bound argued in merkle-store.ts: ≤ 2·⌈log2 n⌉ + 2 nodes read for any proof. */
const readBound = (n: number): number => 2 * Math.ceil(Math.log2(Math.max(n, 2))) + 2;

const flipBit = (hash: string, bit: number): string => {
  const bytes = Buffer.from(hash, 'hex');
  bytes[bit >> 3] ^= 1 << (bit & 7);
  return bytes.toString('hex');
};
const arbHash = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => Buffer.from(b).toString('hex'));

/** A tree of 1..300 leaves, appended in a few batches of random sizes. */
const arbTree = fc
  .record({ seed: fc.nat(), n: fc.integer({ min: 1, max: 300 }) })
  .chain(({ seed, n }) =>
    fc.record({
      seed: fc.constant(seed),
      n: fc.constant(n),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, n - 1) }), { maxLength: 8 }),
    }),
  );

describe('the RFC 9162 reference tree, from stored nodes', () => {
  it('gives the published roots, inclusion and consistency proofs', async () => {
    const store = await storeOf(LEAF_HASHES, [3, 5]);
    for (let n = 1; n <= 8; n++) expect(await rootHash(store, n)).toBe(ROOTS[n - 1]);
    expect(await rootHash(store, 0)).toBe(EMPTY_TREE_ROOT);
    for (const v of INCLUSION) {
      expect(await inclusionProof(store, v.index, v.treeSize)).toEqual({
        index: v.index,
        treeSize: v.treeSize,
        leafHash: LEAF_HASHES[v.index],
        auditPath: v.path,
      });
    }
    for (const v of CONSISTENCY) {
      expect(await consistencyProof(store, v.first, v.second)).toEqual(v);
    }
  });
});

describe('nodesToAppend', () => {
  it('stores exactly the perfect subtrees, each the MTH of its leaves', async () => {
    const leaves = hashesFor(1, 64);
    for (const n of [1, 2, 3, 7, 8, 13, 64]) {
      const store = await storeOf(leaves.slice(0, n), [1, 2, 5, 6]);
      const written = [];
      for (let level = 0; 2 ** level <= n; level++) {
        for (let index = 0; (index + 1) * 2 ** level <= n; index++) {
          const span = leaves.slice(index * 2 ** level, (index + 1) * 2 ** level);
          written.push({ key: { level, index }, hash: rootFromLeafHashes(span) });
        }
      }
      expect(written).toHaveLength(2 * n - popcount(n));
      const found = await store.getNodes(written.map((w) => w.key));
      expect(found.size).toBe(written.length);
      for (const w of written) expect(found.get(nodeId(w.key))).toBe(w.hash);
      // Nothing incomplete is stored: e.g. the node over [n - 1, n + 1) when n is odd.
      const beyond = await store.getNodes([
        { level: 1, index: Math.floor(n / 2) },
        { level: 0, index: n },
      ]);
      expect(beyond.size).toBe(0);
    }
  });

  it('reads only the frontier of the current tree, in one call', async () => {
    const leaves = hashesFor(2, 100);
    const store = await storeOf(leaves.slice(0, 91)); // 91 = 64+16+8+2+1: five frontier nodes
    const written = await nodesToAppend(store, 91, leaves.slice(91, 96));
    expect(store.calls).toBe(1);
    expect(store.nodesRead).toBe(popcount(91));
    // k leaves and the k − popcount(n + k) + popcount(n) subtrees they complete:
    // [90,92) [88,92) [92,94) [94,96) [92,96) [88,96) [80,96) [64,96).
    expect(written).toHaveLength(5 + 5 - popcount(96) + popcount(91));
    expect(written.map((w) => nodeId(w.key))).toEqual([
      '0:91',
      '1:45',
      '2:22',
      '0:92',
      '0:93',
      '1:46',
      '0:94',
      '0:95',
      '1:47',
      '2:23',
      '3:11',
      '4:5',
      '5:2',
    ]);
  });

  it('gives the root of the grown tree with its nodes, from the one read of the frontier', async () => {
    const all = hashesFor(7, 300);
    for (const [at, k] of [
      [0, 1],
      [0, 300],
      [1, 1],
      [5, 3],
      [64, 64],
      [255, 45],
      [299, 1],
    ]) {
      const store = await storeOf(all.slice(0, at), [1, 2, 3, 100]);
      const { nodes, rootHash: root } = await appendToTree(store, at, all.slice(at, at + k));
      expect(root).toBe(rootFromLeafHashes(all.slice(0, at + k)));
      expect(store.calls).toBe(at === 0 ? 0 : 1);
      expect(nodes).toEqual(
        await nodesToAppend(await storeOf(all.slice(0, at)), at, all.slice(at, at + k)),
      );
    }
    const store = await storeOf(all.slice(0, 9));
    expect(await appendToTree(store, 9, [])).toEqual({
      nodes: [],
      rootHash: rootFromLeafHashes(all.slice(0, 9)),
    });
  });

  it('does not read at all for an empty tree or an empty batch', async () => {
    const store = new InMemoryMerkleStore();
    expect(await nodesToAppend(store, 0, LEAF_HASHES.slice(0, 2))).toHaveLength(3);
    expect(await nodesToAppend(store, 5, [])).toEqual([]);
    expect(store.calls).toBe(0);
  });

  it('refuses bad input, and a store that lacks the frontier', async () => {
    const store = await storeOf(LEAF_HASHES.slice(0, 4));
    await expect(nodesToAppend(store, 4, ['abc'])).rejects.toThrow(/newLeafHashes\[0\]/);
    await expect(nodesToAppend(store, -1, LEAF_HASHES)).rejects.toThrow(RangeError);
    await expect(nodesToAppend(store, 1.5, LEAF_HASHES)).rejects.toThrow(RangeError);
    // Claims 6 leaves while only 4 are stored: the frontier node 1:2 is missing.
    await expect(nodesToAppend(store, 6, LEAF_HASHES.slice(0, 2))).rejects.toThrow(
      MerkleStoreError,
    );
  });
});

describe('roots and proofs from the store', () => {
  it('equal the direct RFC 9162 computation, verify, and cost one read of O(log n) nodes', async () => {
    await fc.assert(
      fc.asyncProperty(arbTree, fc.nat(), fc.nat(), async ({ seed, n, cuts }, a, b) => {
        const leaves = hashesFor(seed, n);
        const store = await storeOf(leaves, cuts);
        const size = 1 + (a % n);
        const index = b % size;

        const root = await rootHash(store, size);
        expect(root).toBe(rootFromLeafHashes(leaves.slice(0, size)));
        expect(store.calls).toBe(1);
        expect(store.nodesRead).toBeLessThanOrEqual(Math.floor(Math.log2(size)) + 1);

        store.resetCounters();
        const inclusion = await inclusionProof(store, index, size);
        expect(inclusion.leafHash).toBe(leaves[index]);
        expect(inclusion.auditPath).toEqual(
          inclusionProofFromLeafHashes(leaves.slice(0, size), index),
        );
        expect(verifyInclusion(inclusion, root)).toBe(true);
        expect(store.calls).toBe(1);
        expect(store.nodesRead).toBeLessThanOrEqual(readBound(size));

        store.resetCounters();
        const first = index; // any 0 ≤ first ≤ size
        const consistency = await consistencyProof(store, first, size);
        expect(consistency.path).toEqual(
          consistencyProofFromLeafHashes(leaves.slice(0, size), first),
        );
        const firstRoot = rootFromLeafHashes(leaves.slice(0, first));
        expect(verifyConsistency(consistency, firstRoot, root)).toBe(true);
        expect(store.calls).toBe(1);
        expect(store.nodesRead).toBeLessThanOrEqual(readBound(size));
      }),
      { numRuns: 200 },
    );
  });

  it('every inclusion and consistency proof of every size up to 70 equals the reference', async () => {
    const leaves = hashesFor(3, 70);
    const store = await storeOf(leaves, [1, 33, 34, 64]);
    for (let size = 1; size <= 70; size++) {
      for (let first = 0; first <= size; first++) {
        const { path } = await consistencyProof(store, first, size);
        expect(path).toEqual(consistencyProofFromLeafHashes(leaves.slice(0, size), first));
        if (first < size) {
          const { auditPath } = await inclusionProof(store, first, size);
          expect(auditPath).toEqual(inclusionProofFromLeafHashes(leaves.slice(0, size), first));
        }
      }
    }
  });
});

describe('mutated proofs never verify', () => {
  const mutationsOf = (path: readonly string[], bit: number, extra: string): string[][] => [
    ...path.map((_, j) => path.map((h, k) => (k === j ? flipBit(h, bit) : h))),
    ...path.map((_, j) => path.filter((_h, k) => k !== j)),
    ...Array.from({ length: path.length + 1 }, (_, j) => [
      ...path.slice(0, j),
      extra,
      ...path.slice(j),
    ]),
  ];

  it('inclusion: a flipped bit, a dropped or extra element, another index or size', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbTree,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        arbHash,
        fc.nat(),
        fc.nat(),
        async ({ seed, n, cuts }, a, b, bit, extra, otherIndex, otherSize) => {
          const leaves = hashesFor(seed, n);
          const store = await storeOf(leaves, cuts);
          const size = 1 + (a % n);
          const index = b % size;
          const root = await rootHash(store, size);
          const good = await inclusionProof(store, index, size);
          const rejects = (proof: InclusionProof, against = root) =>
            expect(verifyInclusion(proof, against)).toBe(false);

          for (const auditPath of mutationsOf(good.auditPath, bit, extra))
            rejects({ ...good, auditPath });
          rejects({ ...good, leafHash: flipBit(good.leafHash, bit) });
          rejects(good, flipBit(root, bit));

          const j = otherIndex % (size + 2);
          if (j !== index) rejects({ ...good, index: j });
          // A checkpoint binds a size to its root, so another size is checked against its own root.
          const s = 1 + (otherSize % (n + 1));
          if (s !== size) {
            const otherRoot =
              s <= n ? await rootHash(store, s) : rootFromLeafHashes([...leaves, extra]);
            rejects({ ...good, treeSize: s }, otherRoot);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('consistency: a flipped bit, a dropped or extra element, other sizes, swapped roots', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbTree.filter(({ n }) => n >= 2),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        arbHash,
        fc.nat(),
        async ({ seed, n, cuts }, a, b, bit, extra, other) => {
          const leaves = hashesFor(seed, n);
          const store = await storeOf(leaves, cuts);
          const second = 2 + (a % (n - 1));
          const first = 1 + (b % (second - 1)); // 0 < first < second: a non-empty proof
          const roots = await Promise.all([first, second].map((s) => rootHash(store, s)));
          const good = await consistencyProof(store, first, second);
          expect(good.path.length).toBeGreaterThan(0);
          const rejects = (proof: ConsistencyProof, r1 = roots[0], r2 = roots[1]) =>
            expect(verifyConsistency(proof, r1, r2)).toBe(false);

          for (const path of mutationsOf(good.path, bit, extra)) rejects({ ...good, path });
          rejects(good, flipBit(roots[0], bit));
          rejects(good, roots[0], flipBit(roots[1], bit));
          rejects(good, roots[1], roots[0]);

          const m = other % (second + 1);
          if (m !== first) rejects({ ...good, first: m }, await rootHash(store, m));
          const s = 1 + (other % n);
          if (s !== second && s >= first)
            rejects({ ...good, second: s }, roots[0], await rootHash(store, s));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('scale', () => {
  /*
   * A tree of identical leaves: every perfect subtree of one level has the same hash, so a
   * reader can answer for any size without storing 2^45 nodes. It exercises the arithmetic past
   * 32 bits and counts what a proof reads in a tree far bigger than any test could build.
   */
  const levels = [leafHash(Buffer.from('same'))];
  for (let l = 1; l <= 53; l++) levels.push(nodeHash(levels[l - 1], levels[l - 1]));
  class UniformTree implements MerkleNodeReader {
    calls = 0;
    keys = 0;
    constructor(private readonly size: number) {}
    async getNodes(keys: readonly NodeKey[]) {
      this.calls++;
      this.keys += keys.length;
      const found = new Map<string, string>();
      for (const k of keys)
        if ((k.index + 1) * 2 ** k.level <= this.size) found.set(nodeId(k), levels[k.level]);
      return found;
    }
  }

  it.each([2 ** 32 + 1, 2 ** 40 - 3, 2 ** 45 + 12345])(
    'proofs in a tree of %i leaves read O(log n) nodes and verify',
    async (n) => {
      const tree = new UniformTree(n);
      const costOf = async <T>(operation: () => Promise<T>): Promise<T> => {
        [tree.calls, tree.keys] = [0, 0];
        const result = await operation();
        expect(tree.calls).toBe(1);
        expect(tree.keys).toBeLessThanOrEqual(readBound(n));
        return result;
      };
      const root = await costOf(() => rootHash(tree, n));
      const proof = await costOf(() => inclusionProof(tree, n - 7, n));
      expect(verifyInclusion(proof, root)).toBe(true);
      const first = Math.floor(n / 3);
      const cons = await costOf(() => consistencyProof(tree, first, n));
      expect(verifyConsistency(cons, await rootHash(tree, first), root)).toBe(true);
      await expect(rootHash(tree, n + 1)).rejects.toThrow(MerkleStoreError);
    },
  );
});

describe('store errors', () => {
  it('refuses sizes beyond the stored tree and arguments outside the tree', async () => {
    const store = await storeOf(LEAF_HASHES.slice(0, 5));
    await expect(rootHash(store, 6)).rejects.toThrow(MerkleStoreError);
    await expect(inclusionProof(store, 2, 6)).rejects.toThrow(MerkleStoreError);
    await expect(consistencyProof(store, 2, 6)).rejects.toThrow(MerkleStoreError);
    await expect(consistencyProof(store, 0, 6)).rejects.toThrow(MerkleStoreError);
    await expect(consistencyProof(store, 6, 6)).rejects.toThrow(MerkleStoreError);
    await expect(inclusionProof(store, 5, 5)).rejects.toThrow(RangeError);
    await expect(inclusionProof(store, 0, 0)).rejects.toThrow(RangeError);
    await expect(consistencyProof(store, 4, 3)).rejects.toThrow(RangeError);
    await expect(rootHash(store, -1)).rejects.toThrow(RangeError);
    expect(await consistencyProof(store, 0, 5)).toEqual({ first: 0, second: 5, path: [] });
    expect(await consistencyProof(store, 5, 5)).toEqual({ first: 5, second: 5, path: [] });
  });

  it('refuses a node that is not a hash', async () => {
    const corrupt: MerkleNodeReader = {
      getNodes: async (keys) => new Map(keys.map((k) => [nodeId(k), 'not a hash'])),
    };
    await expect(rootHash(corrupt, 3)).rejects.toThrow(/not a hex SHA-256/);
  });

  it('decomposes aligned ranges into perfect subtrees, and rejects unaligned ones', () => {
    expect(perfectSubtrees(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(perfectSubtrees(16, 7)).toEqual([
      { level: 2, index: 4 },
      { level: 1, index: 10 },
      { level: 0, index: 22 },
    ]);
    expect(perfectSubtrees(8, 0)).toEqual([]);
    expect(() => perfectSubtrees(2, 4)).toThrow(RangeError);
  });
});
