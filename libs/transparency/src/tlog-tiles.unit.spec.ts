import fc from 'fast-check';
import { leafHash, rootFromLeafHashes } from './merkle';
import { InMemoryMerkleStore } from './merkle-store';
import {
  TilePathError,
  decodeEntryBundle,
  encodeEntryBundle,
  entryBundleLeafHashes,
  formatTileIndex,
  fullTileRoot,
  parseTilePath,
  partialTileWidth,
  readTile,
  tileHashes,
  tilePath,
  tileWidthAt,
  treeSizesOfPartialTile,
} from './tlog-tiles';

describe('tile paths', () => {
  // golang.org/x/mod/sumdb/tlog, tlog_test.go `tilePaths` (data), without sumdb's height
  // element, which C2SP tlog-tiles drops; and the index example of tlog-tiles.md.
  it.each<[string, { level: number | 'entries'; index: number; width: number }]>([
    ['tile/0/001', { level: 0, index: 1, width: 256 }],
    ['tile/0/001.p/5', { level: 0, index: 1, width: 5 }],
    ['tile/5/x123/x456/078', { level: 5, index: 123456078, width: 256 }],
    ['tile/5/x123/x456/078.p/2', { level: 5, index: 123456078, width: 2 }],
    ['tile/0/x003/x057/500', { level: 0, index: 3057500, width: 256 }],
    ['tile/entries/x003/x057/500.p/2', { level: 'entries', index: 3057500, width: 2 }],
    ['tile/0/x001/x234/067', { level: 0, index: 1234067, width: 256 }],
    ['tile/63/000', { level: 63, index: 0, width: 256 }],
  ])('%s', (path, tile) => {
    expect(parseTilePath(path)).toEqual(tile);
    expect(tilePath(tile)).toBe(path);
  });

  it.each([
    'tile/5/123/456/078', // all but the last element start with x
    'tile/-1/000',
    'tile/64/000',
    'tile/00/000',
    'tile/0/x000/001', // a superfluous group
    'tile/0/1',
    'tile/0/001.p/0',
    'tile/0/001.p/256',
    'tile/0/001.p/05',
    'tile/data/001',
    'tile/0/001/',
  ])('refuses %s', (path) => {
    expect(() => parseTilePath(path)).toThrow(TilePathError);
  });

  it('groups N in threes', () => {
    expect(formatTileIndex(0)).toBe('000');
    expect(formatTileIndex(999)).toBe('999');
    expect(formatTileIndex(1000)).toBe('x001/000');
    expect(formatTileIndex(1234067)).toBe('x001/x234/067');
  });
});

describe('tile widths', () => {
  it('follows the specification example: a tree of 70,000', () => {
    // 273 full level-0 tiles, a partial of 112; one full level-1 tile, a partial of 17; level 2: 1
    expect(tileWidthAt(0, 272, 70000)).toBe(256);
    expect(tileWidthAt(0, 273, 70000)).toBe(112);
    expect(tileWidthAt(0, 274, 70000)).toBe(0);
    expect(tileWidthAt(1, 0, 70000)).toBe(256);
    expect(tileWidthAt(1, 1, 70000)).toBe(17);
    expect(tileWidthAt(2, 0, 70000)).toBe(1);
    expect(tileWidthAt(3, 0, 70000)).toBe(0);
    expect([0, 1, 2, 3].map((l) => partialTileWidth(l, 70000))).toEqual([112, 17, 1, 0]);
    // and 256: a full level-0 tile and a partial level-1 tile of width 1
    expect([0, 1].map((l) => partialTileWidth(l, 256))).toEqual([0, 1]);
  });

  it('knows the sizes whose partial tile has a given width', () => {
    expect(treeSizesOfPartialTile(0, 273, 112)).toEqual({ from: 70000, to: 70001 });
    expect(treeSizesOfPartialTile(1, 1, 17)).toEqual({ from: 69888, to: 70144 });
  });
});

describe('tiles from the stored subtrees', () => {
  const leaves = (n: number) =>
    Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));

  it('level 0 holds leaf hashes; level 1 the roots of full level-0 tiles', async () => {
    const hashes = leaves(256 * 3 + 5);
    const store = new InMemoryMerkleStore();
    await store.append(hashes);
    const t0 = await readTile(store, 0, 1, 256);
    expect(tileHashes(t0)).toEqual(hashes.slice(256, 512));
    const partial = await readTile(store, 0, 3, 5);
    expect(tileHashes(partial)).toEqual(hashes.slice(768, 773));
    const t1 = await readTile(store, 1, 0, 3);
    expect(tileHashes(t1)).toEqual(
      [0, 1, 2].map((i) => rootFromLeafHashes(hashes.slice(256 * i, 256 * (i + 1)))),
    );
    expect(fullTileRoot(t0)).toBe(tileHashes(t1)[1]);
  });

  it('a tile is the RFC 6962 hash of its range, for any tree (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1200 }), async (n) => {
        const hashes = leaves(n);
        const store = new InMemoryMerkleStore();
        await store.append(hashes);
        for (const level of [0, 1]) {
          for (let index = 0; tileWidthAt(level, index, n) > 0; index++) {
            const width = tileWidthAt(level, index, n);
            const tile = tileHashes(await readTile(store, level, index, width));
            const unit = 256 ** level;
            tile.forEach((hash, i) => {
              const start = (index * 256 + i) * unit;
              expect(hash).toBe(rootFromLeafHashes(hashes.slice(start, start + unit)));
            });
          }
        }
      }),
      { numRuns: 25, seed: 8 },
    );
  });

  it('a node the store lacks is an error, not a short tile', async () => {
    const store = new InMemoryMerkleStore();
    await store.append(leaves(10));
    await expect(readTile(store, 0, 0, 11)).rejects.toThrow('not stored');
  });
});

describe('entry bundles', () => {
  it('are uint16 big-endian length-prefixed and hash to the level-0 tile', () => {
    const entries = [Buffer.from(''), Buffer.from('{"a":1}'), Buffer.alloc(0xffff, 0x61)];
    const bundle = encodeEntryBundle(entries);
    expect(bundle.subarray(0, 2).toString('hex')).toBe('0000');
    expect(bundle.subarray(2, 4).toString('hex')).toBe('0007');
    expect(bundle.subarray(11, 13).toString('hex')).toBe('ffff');
    expect(decodeEntryBundle(bundle)).toEqual(entries);
    expect(entryBundleLeafHashes(bundle)).toEqual(entries.map((e) => leafHash(e)));
  });

  it('refuses an entry of 65,536 bytes instead of truncating it', () => {
    expect(() => encodeEntryBundle([Buffer.alloc(0x10000)])).toThrow(RangeError);
  });

  it('refuses a truncated bundle', () => {
    expect(() => decodeEntryBundle(Buffer.from('0005616263', 'hex'))).toThrow('truncated');
  });
});
