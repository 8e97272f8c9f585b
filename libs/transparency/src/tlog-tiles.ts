import { createHash } from 'node:crypto';
import { leafHashBytes } from './merkle';
import { MerkleStoreError, nodeId, type MerkleNodeReader, type NodeKey } from './merkle-store';

/**
 * C2SP tlog-tiles (c2sp.org/tlog-tiles), height 8. Tile (L, N) holds, for i in 0..W−1, the
 * Merkle Tree Hash of leaves [(N·256 + i)·256^L, (N·256 + i + 1)·256^L): the perfect subtree at
 * Merkle level 8L and index N·256 + i — exactly a node merkle-store keeps, so a tile is one
 * getNodes read of ≤ 256 stored nodes, never a rehash. Entry bundle N holds leaves
 * [N·256, N·256 + W), each as a big-endian uint16 length and the leaf bytes.
 *
 * A full tile has W = 256 and never changes once the tree reaches its end index; a partial
 * tile (.p/W, 1 ≤ W ≤ 255) is the rightmost tile of its level for a tree size, and never
 * changes either (its hashes are nodes that are written once). Empty tiles do not exist.
 */

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
/** The largest entry a bundle can hold (uint16 length prefix). */
export const MAX_ENTRY_BYTES = 0xffff;
/** Tile levels are 0..63 (tlog-tiles §Merkle Tree). */
export const MAX_TILE_LEVEL = 63;

export interface TileCoordinates {
  /** 0..63 for hash tiles, 'entries' for entry bundles */
  readonly level: number | 'entries';
  readonly index: number;
  /** 256 for a full tile, 1..255 for a partial one */
  readonly width: number;
}

export class TilePathError extends Error {
  constructor(path: string) {
    super(`not a tile path: ${path}`);
    this.name = 'TilePathError';
  }
}

/** N in zero-padded groups of three digits, all but the last prefixed with `x`. */
export function formatTileIndex(index: number): string {
  assertIndex(index);
  let n = index;
  let path = String(n % 1000).padStart(3, '0');
  while (n >= 1000) {
    n = Math.floor(n / 1000);
    path = `x${String(n % 1000).padStart(3, '0')}/${path}`;
  }
  return path;
}

/** `tile/{L}/{N}[.p/{W}]` or `tile/entries/{N}[.p/{W}]`, relative to the log prefix. */
export function tilePath(tile: TileCoordinates): string {
  assertCoordinates(tile);
  const partial = tile.width === TILE_WIDTH ? '' : `.p/${tile.width}`;
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${partial}`;
}

/**
 * The coordinates of a path relative to the log prefix (`tile/...`). Only the canonical
 * spelling is accepted (no leading zeroes in L or W, no superfluous `x000/` groups), so each
 * tile has one URL.
 */
export function parseTilePath(path: string): TileCoordinates {
  const m =
    /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(
      path,
    );
  if (!m) throw new TilePathError(path);
  const level: number | 'entries' = m[1] === 'entries' ? 'entries' : Number(m[1]);
  const digits = m[2].replace(/[x/]/g, '');
  const index = Number(digits);
  const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
  if (
    (typeof level === 'number' && level > MAX_TILE_LEVEL) ||
    !Number.isSafeInteger(index) ||
    (m[3] !== undefined && width >= TILE_WIDTH) ||
    digits.length > 18
  ) {
    throw new TilePathError(path);
  }
  const tile: TileCoordinates = { level, index, width };
  if (tilePath(tile) !== path) throw new TilePathError(path);
  return tile;
}

/** How many hashes of tile (level, index) exist in a tree of `treeSize` leaves (0..256). */
export function tileWidthAt(level: number, index: number, treeSize: number): number {
  const nodes = Math.floor(treeSize / 2 ** (TILE_HEIGHT * level));
  return Math.max(0, Math.min(TILE_WIDTH, nodes - index * TILE_WIDTH));
}

/**
 * The partial tile width of `level` for a tree of `treeSize` leaves (floor(s / 256^l) mod 256),
 * 0 when that level has no partial tile at this size.
 */
export function partialTileWidth(level: number, treeSize: number): number {
  return Math.floor(treeSize / 2 ** (TILE_HEIGHT * level)) % TILE_WIDTH;
}

/** The range of tree sizes whose partial tile at (level, index) has exactly `width` hashes. */
export function treeSizesOfPartialTile(
  level: number,
  index: number,
  width: number,
): { readonly from: number; readonly to: number } {
  const unit = 2 ** (TILE_HEIGHT * level);
  const nodes = index * TILE_WIDTH + width;
  return { from: nodes * unit, to: (nodes + 1) * unit };
}

/** The stored nodes that make tile (level, index, width), in order. */
export function tileNodeKeys(level: number, index: number, width: number): NodeKey[] {
  return Array.from({ length: width }, (_, i) => ({
    level: TILE_HEIGHT * level,
    index: index * TILE_WIDTH + i,
  }));
}

/** The tile's bytes: its hashes, 32 bytes each, from one read of the stored nodes. */
export async function readTile(
  reader: MerkleNodeReader,
  level: number,
  index: number,
  width: number,
): Promise<Buffer> {
  assertCoordinates({ level, index, width });
  const keys = tileNodeKeys(level, index, width);
  const nodes = await reader.getNodes(keys);
  return Buffer.concat(
    keys.map((key) => {
      const hash = nodes.get(nodeId(key));
      if (hash === undefined || !/^[0-9a-f]{64}$/.test(hash))
        throw new MerkleStoreError(`node ${nodeId(key)} is not stored`);
      return Buffer.from(hash, 'hex');
    }),
  );
}

/** A tile's bytes as hex hashes; TypeError when the length is not a multiple of 32 in 1..256. */
export function tileHashes(tile: Uint8Array): string[] {
  if (tile.length === 0 || tile.length % 32 !== 0 || tile.length > 32 * TILE_WIDTH)
    throw new TypeError('a tile is 1 to 256 hashes of 32 bytes');
  return Array.from({ length: tile.length / 32 }, (_, i) =>
    Buffer.from(tile.subarray(32 * i, 32 * i + 32)).toString('hex'),
  );
}

/**
 * The Merkle Tree Hash of a full tile: the root of its 256 hashes taken as the leaves' subtree
 * roots (the hash one level of tiles up holds for it).
 */
export function fullTileRoot(tile: Uint8Array): string {
  let level: Buffer[] = tileHashes(tile).map((h) => Buffer.from(h, 'hex'));
  if (level.length !== TILE_WIDTH) throw new TypeError('only a full tile has a hash above it');
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(
        createHash('sha256')
          .update(Buffer.from([1]))
          .update(level[i])
          .update(level[i + 1])
          .digest(),
      );
    level = next;
  }
  return level[0].toString('hex');
}

/** Length-prefixed entries; RangeError for an entry of MAX_ENTRY_BYTES + 1 bytes or more. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  entries.forEach((entry, i) => {
    assertEntrySize(entry, i);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, Buffer.from(entry));
  });
  return Buffer.concat(parts);
}

export function decodeEntryBundle(bundle: Uint8Array): Buffer[] {
  const bytes = Buffer.from(bundle);
  const entries: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 2 > bytes.length) throw new TypeError('truncated entry length');
    const length = bytes.readUInt16BE(offset);
    if (offset + 2 + length > bytes.length) throw new TypeError('truncated entry');
    entries.push(bytes.subarray(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  return entries;
}

/** The level-0 tile matching an entry bundle: its entries' RFC 6962 leaf hashes. */
export function entryBundleLeafHashes(bundle: Uint8Array): string[] {
  return decodeEntryBundle(bundle).map((entry) => leafHashBytes(entry).toString('hex'));
}

export function assertEntrySize(entry: Uint8Array, position = 0): void {
  if (entry.length > MAX_ENTRY_BYTES)
    throw new RangeError(
      `entry ${position} is ${entry.length} bytes; a tile entry holds at most ${MAX_ENTRY_BYTES}`,
    );
}

function assertIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new RangeError('a tile index is a non-negative integer');
}

function assertCoordinates(tile: TileCoordinates): void {
  assertIndex(tile.index);
  if (
    tile.level !== 'entries' &&
    (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_TILE_LEVEL)
  )
    throw new RangeError('a tile level is 0..63 or entries');
  if (!Number.isInteger(tile.width) || tile.width < 1 || tile.width > TILE_WIDTH)
    throw new RangeError('a tile is 1..256 wide');
}
