import { createHash, hash } from 'node:crypto';

/**
 * RFC 9162 §2.1 Merkle Tree Hash over a list, with inclusion and consistency proofs.
 *
 * Hashes cross this module's boundary as 64-character lowercase hex strings. The generators
 * here recompute from the whole list of leaf hashes (they are the reference: O(n) per call);
 * merkle-store.ts produces the same proofs from stored subtree hashes in O(log n). The
 * verifiers are what an auditor runs: they return false, never throw, on any malformed input.
 */

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const HASH_HEX = /^[0-9a-f]{64}$/;

/** MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_TREE_ROOT = createHash('sha256').digest('hex');

export function isHashHex(value: unknown): value is string {
  return typeof value === 'string' && HASH_HEX.test(value);
}

/** SHA-256(0x00 ‖ leaf): the leaf hash, domain-separated from interior nodes. */
export function leafHashBytes(leaf: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHashBytes(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

export function leafHash(leaf: Uint8Array): string {
  return leafHashBytes(leaf).toString('hex');
}

/** leafHash of the UTF-8 bytes of `text`, without making them a Buffer first. */
export function leafHashOfText(text: string): string {
  // U+0000 is the one byte 0x00 in UTF-8: this hashes 0x00 ‖ UTF-8(text)
  return hash('sha256', `\u0000${text}`, 'hex');
}

export function nodeHash(left: string, right: string): string {
  if (!isHashHex(left)) throw new TypeError('left must be 64 lowercase hex characters');
  if (!isHashHex(right)) throw new TypeError('right must be 64 lowercase hex characters');
  return checkedNodeHash(left, right);
}

/** nodeHash of two hashes the caller has already checked (isHashHex): hex of 0x01 ‖ left ‖ right. */
export function checkedNodeHash(left: string, right: string): string {
  return hash('sha256', Buffer.from(`01${left}${right}`, 'hex'), 'hex');
}

export function hashToBytes(hash: string, what = 'hash'): Buffer {
  if (!isHashHex(hash)) throw new TypeError(`${what} must be 64 lowercase hex characters`);
  return Buffer.from(hash, 'hex');
}

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && 2 ** Math.floor(Math.log2(n)) === n;
}

/** MTH(D[n]) where leafHashes[i] = leafHash(D[i]). */
export function rootFromLeafHashes(leafHashes: readonly string[]): string {
  const leaves = leafHashes.map((h, i) => hashToBytes(h, `leafHashes[${i}]`));
  return leaves.length === 0 ? EMPTY_TREE_ROOT : mth(leaves, 0, leaves.length).toString('hex');
}

/** PATH(index, D[n]) with n = leafHashes.length (RFC 9162 §2.1.3.1). */
export function inclusionProofFromLeafHashes(
  leafHashes: readonly string[],
  index: number,
): string[] {
  const n = leafHashes.length;
  if (!Number.isSafeInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`index ${index} is outside a tree of size ${n}`);
  }
  const leaves = leafHashes.map((h, i) => hashToBytes(h, `leafHashes[${i}]`));
  return path(index, leaves, 0, n).map((b) => b.toString('hex'));
}

/**
 * PROOF(first, D[n]) with n = leafHashes.length (RFC 9162 §2.1.4.1). For first = 0 or first = n
 * the proof is empty: the empty tree, and a tree itself, are consistent with any/that tree.
 */
export function consistencyProofFromLeafHashes(
  leafHashes: readonly string[],
  first: number,
): string[] {
  const n = leafHashes.length;
  if (!Number.isSafeInteger(first) || first < 0 || first > n) {
    throw new RangeError(`first size ${first} is outside 0..${n}`);
  }
  if (first === 0 || first === n) return [];
  const leaves = leafHashes.map((h, i) => hashToBytes(h, `leafHashes[${i}]`));
  return subproof(first, leaves, 0, n, true).map((b) => b.toString('hex'));
}

// The three recursions below are RFC 9162's, over the half-open range [lo, hi) of the list.

function mth(leaves: readonly Buffer[], lo: number, hi: number): Buffer {
  const n = hi - lo;
  if (n === 1) return leaves[lo];
  const k = splitPoint(n);
  return nodeHashBytes(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
}

function path(m: number, leaves: readonly Buffer[], lo: number, hi: number): Buffer[] {
  const n = hi - lo;
  if (n === 1) return [];
  const k = splitPoint(n);
  return m < k
    ? [...path(m, leaves, lo, lo + k), mth(leaves, lo + k, hi)]
    : [...path(m - k, leaves, lo + k, hi), mth(leaves, lo, lo + k)];
}

function subproof(
  m: number,
  leaves: readonly Buffer[],
  lo: number,
  hi: number,
  completeSubtree: boolean,
): Buffer[] {
  const n = hi - lo;
  if (m === n) return completeSubtree ? [] : [mth(leaves, lo, hi)];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, leaves, lo, lo + k, completeSubtree), mth(leaves, lo + k, hi)]
    : [...subproof(m - k, leaves, lo + k, hi, false), mth(leaves, lo, lo + k)];
}

/** What GET /transparency/proof/inclusion returns. */
export interface InclusionProof {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly auditPath: readonly string[];
}

/** What GET /transparency/proof/consistency returns. */
export interface ConsistencyProof {
  readonly first: number;
  readonly second: number;
  readonly path: readonly string[];
}

const isSize = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

const hashList = (list: unknown): Buffer[] | null =>
  Array.isArray(list) && list.every(isHashHex) ? list.map((h) => Buffer.from(h, 'hex')) : null;

/**
 * RFC 9162 §2.1.3.2. True only if `proof.leafHash` is the leaf at `proof.index` of the tree of
 * size `proof.treeSize` whose root is `rootHash`. The root must be that very size's root (take
 * both from one signed checkpoint): a path is checked against the root it recomputes, nothing
 * else ties the size to it.
 */
export function verifyInclusion(proof: InclusionProof, rootHash: string): boolean {
  if (typeof proof !== 'object' || proof === null) return false;
  const { index, treeSize, leafHash: leaf } = proof;
  const auditPath = hashList(proof.auditPath);
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false;
  if (!isHashHex(leaf) || !isHashHex(rootHash) || auditPath === null) return false;

  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leaf, 'hex');
  for (const p of auditPath) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHashBytes(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHashBytes(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === rootHash;
}

/**
 * RFC 9162 §2.1.4.2. True only if the tree of size `first` with root `firstRootHash` is a
 * prefix of the tree of size `second` with root `secondRootHash`. Edge cases the RFC leaves to
 * the caller: first = second needs an empty path and equal roots; first = 0 needs an empty
 * path and the empty tree's root as the first root.
 */
export function verifyConsistency(
  proof: ConsistencyProof,
  firstRootHash: string,
  secondRootHash: string,
): boolean {
  if (typeof proof !== 'object' || proof === null) return false;
  const { first, second } = proof;
  const given = hashList(proof.path);
  if (!isSize(first) || !isSize(second) || first > second || given === null) return false;
  if (!isHashHex(firstRootHash) || !isHashHex(secondRootHash)) return false;

  if (first === second) return given.length === 0 && firstRootHash === secondRootHash;
  if (first === 0) return given.length === 0 && firstRootHash === EMPTY_TREE_ROOT;
  if (given.length === 0) return false;

  const path = isPowerOfTwo(first) ? [Buffer.from(firstRootHash, 'hex'), ...given] : given;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHashBytes(c, fr);
      sr = nodeHashBytes(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHashBytes(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.toString('hex') === firstRootHash && sr.toString('hex') === secondRootHash;
}
