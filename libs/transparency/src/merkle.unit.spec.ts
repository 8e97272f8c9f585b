import {
  EMPTY_TREE_ROOT,
  consistencyProofFromLeafHashes,
  inclusionProofFromLeafHashes,
  leafHash,
  nodeHash,
  nodeHashBytes,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyProof,
  type InclusionProof,
} from './merkle';
import { CONSISTENCY, INCLUSION, LEAF_HASHES, ROOTS } from './testing/reference-tree';

const SOME_HASH = 'abacaba000000000000000000000000000000000000000000060061e00123456';

/** Flip bit `bit` of the first byte, as the reference suite does. */
const flip = (hash: string, bit = 4): string =>
  (parseInt(hash.slice(0, 2), 16) ^ (1 << bit)).toString(16).padStart(2, '0') + hash.slice(2);

describe('RFC 9162 hashing', () => {
  // transparency-dev/merkle rfc6962/rfc6962_test.go, TestRFC6962Hasher.
  it('matches the published hasher vectors', () => {
    expect(EMPTY_TREE_ROOT).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(rootFromLeafHashes([])).toBe(EMPTY_TREE_ROOT);
    expect(leafHash(Buffer.alloc(0))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(leafHash(Buffer.from('L123456'))).toBe(
      '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
    );
    expect(nodeHashBytes(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe(
      'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
    );
  });

  it('separates leaves from nodes and depends on child order', () => {
    const [a, b] = LEAF_HASHES;
    expect(nodeHash(a, b)).not.toBe(nodeHash(b, a));
    expect(nodeHash(a, b)).not.toBe(leafHash(Buffer.from(a + b, 'hex')));
  });

  it('rejects hashes that are not 64 lowercase hex characters', () => {
    expect(() => nodeHash(ROOTS[0].toUpperCase(), ROOTS[1])).toThrow(TypeError);
    expect(() => nodeHash(ROOTS[0], ROOTS[1].slice(2))).toThrow(TypeError);
    expect(() => rootFromLeafHashes(['zz'])).toThrow(/leafHashes\[0\]/);
  });

  it.each(ROOTS.map((root, i) => [i + 1, root] as const))(
    'MTH of the first %i reference leaves is the published root',
    (n, root) => {
      expect(rootFromLeafHashes(LEAF_HASHES.slice(0, n))).toBe(root);
    },
  );
});

describe('inclusion proofs', () => {
  it.each(INCLUSION)(
    'PATH($index, D[$treeSize]) is the published one',
    ({ index, treeSize, path }) => {
      expect(inclusionProofFromLeafHashes(LEAF_HASHES.slice(0, treeSize), index)).toEqual(path);
    },
  );

  it.each(INCLUSION)(
    'the published proof for $index in $treeSize verifies, and no corruption of it does',
    (v) => {
      const root = ROOTS[v.treeSize - 1];
      const good: InclusionProof = {
        index: v.index,
        treeSize: v.treeSize,
        leafHash: LEAF_HASHES[v.index],
        auditPath: v.path,
      };
      expect(verifyInclusion(good, root)).toBe(true);

      // The probes of transparency-dev's corruptInclusionProof, as ours.
      const bad: [string, InclusionProof, string][] = [
        ['index - 1', { ...good, index: v.index - 1 }, root],
        ['index + 1', { ...good, index: v.index + 1 }, root],
        ['index ^ 2', { ...good, index: v.index ^ 2 }, root],
        ['treeSize * 2', { ...good, treeSize: v.treeSize * 2 }, root],
        ['treeSize / 2', { ...good, treeSize: Math.floor(v.treeSize / 2) }, root],
        ['wrong leaf', { ...good, leafHash: SOME_HASH }, root],
        ['empty root', good, EMPTY_TREE_ROOT],
        ['random root', good, SOME_HASH],
        ['trailing garbage', { ...good, auditPath: [...v.path, SOME_HASH] }, root],
        ['trailing root', { ...good, auditPath: [...v.path, root] }, root],
        ['preceding garbage', { ...good, auditPath: [SOME_HASH, ...v.path] }, root],
        ['preceding root', { ...good, auditPath: [root, ...v.path] }, root],
        ...v.path.map((_, i): [string, InclusionProof, string] => [
          `proof[${i}] bit 3 flipped`,
          { ...good, auditPath: v.path.map((h, j) => (j === i ? flip(h, 3) : h)) },
          root,
        ]),
      ];
      if (v.path.length > 0)
        bad.push(['removed component', { ...good, auditPath: v.path.slice(0, -1) }, root]);
      if (v.path.length > 1) {
        bad.push([
          'inserted component',
          { ...good, auditPath: [v.path[0], SOME_HASH, ...v.path.slice(1)] },
          root,
        ]);
      }
      for (const [what, proof, against] of bad) {
        expect([what, verifyInclusion(proof, against)]).toEqual([what, false]);
      }
    },
  );

  it('refuses an index outside the tree when generating', () => {
    expect(() => inclusionProofFromLeafHashes(LEAF_HASHES, 8)).toThrow(RangeError);
    expect(() => inclusionProofFromLeafHashes([], 0)).toThrow(RangeError);
    expect(() => inclusionProofFromLeafHashes(LEAF_HASHES, -1)).toThrow(RangeError);
  });
});

describe('consistency proofs', () => {
  it.each(CONSISTENCY)(
    'PROOF($first, D[$second]) is the published one',
    ({ first, second, path }) => {
      expect(consistencyProofFromLeafHashes(LEAF_HASHES.slice(0, second), first)).toEqual(path);
    },
  );

  it.each(CONSISTENCY.filter((v) => v.path.length > 0))(
    'the published proof from $first to $second verifies, and no corruption of it does',
    (v) => {
      const [root1, root2] = [ROOTS[v.first - 1], ROOTS[v.second - 1]];
      const good: ConsistencyProof = { first: v.first, second: v.second, path: v.path };
      expect(verifyConsistency(good, root1, root2)).toBe(true);

      // The probes of transparency-dev's corruptConsistencyProof, as ours.
      const bad: [string, ConsistencyProof, string, string][] = [
        ['first - 1', { ...good, first: v.first - 1 }, root1, root2],
        ['first + 1', { ...good, first: v.first + 1 }, root1, root2],
        ['first ^ 2', { ...good, first: v.first ^ 2 }, root1, root2],
        ['second * 2', { ...good, second: v.second * 2 }, root1, root2],
        ['second / 2', { ...good, second: Math.floor(v.second / 2) }, root1, root2],
        ['wrong first root', good, SOME_HASH, root2],
        ['wrong second root', good, root1, SOME_HASH],
        ['swapped roots', good, root2, root1],
        ['empty proof', { ...good, path: [] }, root1, root2],
        ['trailing garbage', { ...good, path: [...v.path, SOME_HASH] }, root1, root2],
        ['trailing root1', { ...good, path: [...v.path, root1] }, root1, root2],
        ['trailing root2', { ...good, path: [...v.path, root2] }, root1, root2],
        ['preceding garbage', { ...good, path: [SOME_HASH, ...v.path] }, root1, root2],
        ['preceding root1', { ...good, path: [root1, ...v.path] }, root1, root2],
        ['preceding root2', { ...good, path: [root2, ...v.path] }, root1, root2],
        ['preceding proof[0]', { ...good, path: [v.path[0], ...v.path] }, root1, root2],
        ['truncated proof', { ...good, path: v.path.slice(0, -1) }, root1, root2],
        ...v.path.map((_, i): [string, ConsistencyProof, string, string] => [
          `proof[${i}] bit 4 flipped`,
          { ...good, path: v.path.map((h, j) => (j === i ? flip(h, 4) : h)) },
          root1,
          root2,
        ]),
      ];
      for (const [what, proof, r1, r2] of bad) {
        expect([what, verifyConsistency(proof, r1, r2)]).toEqual([what, false]);
      }
    },
  );

  it('handles the trivial sizes the RFC leaves to the caller', () => {
    const [r1, r2] = [ROOTS[0], ROOTS[1]];
    expect(consistencyProofFromLeafHashes(LEAF_HASHES, 0)).toEqual([]);
    expect(consistencyProofFromLeafHashes(LEAF_HASHES, 8)).toEqual([]);
    // Equal sizes: empty proof and equal roots.
    expect(verifyConsistency({ first: 2, second: 2, path: [] }, r2, r2)).toBe(true);
    expect(verifyConsistency({ first: 2, second: 2, path: [] }, r1, r2)).toBe(false);
    expect(verifyConsistency({ first: 2, second: 2, path: [r2] }, r2, r2)).toBe(false);
    // From the empty tree: empty proof, and the first root is the empty tree's.
    expect(verifyConsistency({ first: 0, second: 2, path: [] }, EMPTY_TREE_ROOT, r2)).toBe(true);
    expect(
      verifyConsistency({ first: 0, second: 0, path: [] }, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT),
    ).toBe(true);
    expect(verifyConsistency({ first: 0, second: 2, path: [] }, r1, r2)).toBe(false);
    expect(
      verifyConsistency({ first: 0, second: 2, path: [EMPTY_TREE_ROOT] }, EMPTY_TREE_ROOT, r2),
    ).toBe(false);
    // Time travel to the past, and a missing proof.
    expect(verifyConsistency({ first: 2, second: 1, path: [] }, r2, r1)).toBe(false);
    expect(verifyConsistency({ first: 1, second: 2, path: [] }, r1, r2)).toBe(false);
    expect(() => consistencyProofFromLeafHashes(LEAF_HASHES, 9)).toThrow(RangeError);
  });
});

describe('generated proofs over every small tree', () => {
  const leafHashes = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
  const roots = Array.from({ length: 41 }, (_, n) => rootFromLeafHashes(leafHashes.slice(0, n)));

  it('verify for every index and size ≤ 40, against that size root only', () => {
    for (let n = 1; n <= 40; n++) {
      for (let i = 0; i < n; i++) {
        const proof = {
          index: i,
          treeSize: n,
          leafHash: leafHashes[i],
          auditPath: inclusionProofFromLeafHashes(leafHashes.slice(0, n), i),
        };
        expect(verifyInclusion(proof, roots[n])).toBe(true);
        expect(verifyInclusion({ ...proof, leafHash: leafHashes[(i + 1) % n] }, roots[n])).toBe(
          n === 1,
        );
        if (n > 1) expect(verifyInclusion(proof, roots[n - 1])).toBe(false);
      }
    }
  });

  it('verify for every pair of sizes ≤ 40, and not against a neighbouring root', () => {
    for (let n = 1; n <= 40; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = {
          first: m,
          second: n,
          path: consistencyProofFromLeafHashes(leafHashes.slice(0, n), m),
        };
        expect(verifyConsistency(proof, roots[m], roots[n])).toBe(true);
        if (m < n) {
          expect(verifyConsistency(proof, roots[m - 1] ?? EMPTY_TREE_ROOT, roots[n])).toBe(false);
          expect(verifyConsistency(proof, roots[m], roots[n - 1])).toBe(false);
        }
      }
    }
  });
});

describe('verifiers on malformed input', () => {
  const good: InclusionProof = {
    index: 5,
    treeSize: 8,
    leafHash: LEAF_HASHES[5],
    auditPath: INCLUSION[2].path,
  };
  const root = ROOTS[7];
  const cons: ConsistencyProof = { first: 6, second: 8, path: CONSISTENCY[2].path };

  it.each<[string, unknown, unknown]>([
    ['null proof', null, root],
    ['string proof', 'proof', root],
    ['index = treeSize', { ...good, index: 8 }, root],
    ['negative index', { ...good, index: -1 }, root],
    ['fractional index', { ...good, index: 4.5 }, root],
    ['NaN size', { ...good, treeSize: Number.NaN }, root],
    ['size as string', { ...good, treeSize: '8' }, root],
    ['size beyond 2^53', { ...good, treeSize: 2 ** 60 }, root],
    ['zero size', { ...good, index: 0, treeSize: 0 }, root],
    [
      'uppercase hex in path',
      { ...good, auditPath: good.auditPath.map((h) => h.toUpperCase()) },
      root,
    ],
    [
      'short element',
      { ...good, auditPath: [good.auditPath[0].slice(2), ...good.auditPath.slice(1)] },
      root,
    ],
    ['non-hex element', { ...good, auditPath: ['g'.repeat(64), ...good.auditPath.slice(1)] }, root],
    ['number in path', { ...good, auditPath: [1, 2, 3] }, root],
    ['path not an array', { ...good, auditPath: good.auditPath.join('') }, root],
    ['missing path', { index: 5, treeSize: 8, leafHash: LEAF_HASHES[5] }, root],
    ['leaf hash of 31 bytes', { ...good, leafHash: good.leafHash.slice(2) }, root],
    ['root not a string', good, 42],
    ['root with 0x prefix', good, `0x${root}`],
  ])('inclusion: %s → false, no throw', (_what, proof, against) => {
    expect(verifyInclusion(good, root)).toBe(true); // the unmutated proof does verify
    expect(verifyInclusion(proof as InclusionProof, against as string)).toBe(false);
  });

  it.each<[string, unknown, unknown, unknown]>([
    ['null proof', null, ROOTS[5], root],
    ['first > second', { ...cons, first: 9 }, ROOTS[5], root],
    ['negative first', { ...cons, first: -6 }, ROOTS[5], root],
    ['fractional second', { ...cons, second: 8.5 }, ROOTS[5], root],
    ['path of numbers', { ...cons, path: [1, 2, 3] }, ROOTS[5], root],
    ['path not an array', { ...cons, path: null }, ROOTS[5], root],
    ['uppercase element', { ...cons, path: cons.path.map((h) => h.toUpperCase()) }, ROOTS[5], root],
    ['first root malformed', cons, 'x', root],
    ['second root missing', cons, ROOTS[5], undefined],
  ])('consistency: %s → false, no throw', (_what, proof, r1, r2) => {
    expect(verifyConsistency(cons, ROOTS[5], root)).toBe(true);
    expect(verifyConsistency(proof as ConsistencyProof, r1 as string, r2 as string)).toBe(false);
  });
});
