import { generateKeyPairSync } from 'node:crypto';
import { cosignCheckpoint, cosignatureVkey } from './cosignature';
import { consistencyProofFromLeafHashes, leafHash, rootFromLeafHashes } from './merkle';
import { InMemoryMerkleStore } from './merkle-store';
import { ed25519Vkey, formatNote, formatSignatureLine, parseVkey } from './signed-note';
import { signCheckpointNote } from './tlog-checkpoint';
import { encodeEntryBundle, parseTilePath, readTile } from './tlog-tiles';
import { parseWitnessVkeys, verifyTlog, type TlogVerifyInput } from './tlog-verifier';

const ORIGIN = 'example.org/mesas';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const witnessKey = generateKeyPairSync('ed25519').privateKey;
const witnessVkey = cosignatureVkey('w.example/1', witnessKey);
const entries = Array.from({ length: 600 }, (_, i) => Buffer.from(`{"index":${i}}`));
const hashes = entries.map((e) => leafHash(e));

async function logOf(size: number, tamper?: (path: string, bytes: Buffer) => Buffer) {
  const store = new InMemoryMerkleStore();
  await store.append(hashes.slice(0, size));
  const rootHash = rootFromLeafHashes(hashes.slice(0, size));
  const note = signCheckpointNote({ origin: ORIGIN, treeSize: size, rootHash }, privateKey);
  const cosig = cosignCheckpoint(note.text, 'w.example/1', witnessKey, 1_800_000_000);
  const input: TlogVerifyInput = {
    note: formatNote(note) + formatSignatureLine(cosig),
    vkey: ed25519Vkey(ORIGIN, privateKey),
    checkpoint: { treeSize: size, rootHash },
    publicKeyPem,
    witnesses: parseWitnessVkeys([witnessVkey]),
    quorum: 1,
    fetchTile: async (path) => {
      const tile = parseTilePath(path);
      const bytes =
        tile.level === 'entries'
          ? encodeEntryBundle(entries.slice(tile.index * 256, tile.index * 256 + tile.width))
          : await readTile(store, tile.level, tile.index, tile.width);
      return tamper ? tamper(path, bytes) : bytes;
    },
    consistencyProof: async (first, second) => ({
      first,
      second,
      path: consistencyProofFromLeafHashes(hashes.slice(0, second), first),
    }),
  };
  return input;
}

describe('verifyTlog', () => {
  it('passes a log whose note, vkey, witness and tiles agree', async () => {
    const report = await verifyTlog(await logOf(600));
    expect(report.problems).toEqual([]);
    expect(report.cosigners).toEqual([{ name: 'w.example/1', timestamp: 1_800_000_000 }]);
    expect(report.passed.join('\n')).toContain('every tile and entry bundle of the 600 entries');
  });

  it('accepts a JSON checkpoint read at a smaller size when a proof ties the two', async () => {
    const input = await logOf(600);
    const older = { treeSize: 300, rootHash: rootFromLeafHashes(hashes.slice(0, 300)) };
    const report = await verifyTlog({ ...input, checkpoint: older });
    expect(report.problems).toEqual([]);
    const forked = { treeSize: 300, rootHash: hashes[0] };
    expect((await verifyTlog({ ...input, checkpoint: forked })).problems).toEqual([
      'the note and the JSON checkpoint are not consistent',
    ]);
  });

  it('reports a changed tile, a changed entry, a missing quorum and another key', async () => {
    const flip = (target: string) => (path: string, bytes: Buffer) => {
      if (path !== target) return bytes;
      const copy = Buffer.from(bytes);
      copy[copy.length - 1] ^= 1;
      return copy;
    };
    const tile = await verifyTlog(await logOf(600, flip('tile/0/001')));
    expect(tile.problems.join('\n')).toMatch(/tile\/1\/000\.p\/2: hash 1 is not the root/);
    const entry = await verifyTlog(await logOf(600, flip('tile/entries/002.p/88')));
    expect(entry.problems).toEqual([
      'tile tile/entries/002.p/88: its entries do not hash to tile/0/002.p/88',
    ]);
    const input = await logOf(600);
    const quorum = await verifyTlog({
      ...input,
      witnesses: parseWitnessVkeys([witnessVkey, cosignatureVkey('w.example/2', privateKey)]),
      quorum: 2,
    });
    expect(quorum.problems).toEqual([
      expect.stringMatching(/^only 1 of the 2 witness cosignatures required/),
    ]);
    const other = generateKeyPairSync('ed25519').publicKey;
    const otherPem = other.export({ type: 'spki', format: 'pem' }).toString();
    expect((await verifyTlog({ ...input, publicKeyPem: otherPem })).problems).toEqual([
      'the C2SP vkey and the JSON checkpoint are signed with different keys',
    ]);
    const pinned = await verifyTlog({
      ...input,
      pinnedVkey: ed25519Vkey('x.example/y', privateKey),
    });
    expect(pinned.problems[0]).toMatch(/vkey changed/);
  });

  it('a forged cosignature of a trusted witness fails the note', async () => {
    const input = await logOf(10);
    // a bit of the signature itself (past the key ID and the timestamp) changed
    const lines = input.note.split('\n');
    const last = lines.length - 2;
    const bytes = Buffer.from(lines[last].split(' ')[2], 'base64');
    bytes[40] ^= 1;
    lines[last] = `— w.example/1 ${bytes.toString('base64')}`;
    const forged = lines.join('\n');
    const report = await verifyTlog({ ...input, note: forged });
    expect(report.problems.join('\n')).toMatch(
      /cosignature of w.example\/1 does not verify|only 0 of/,
    );
    expect(parseVkey(witnessVkey).type).toBe(4);
  });
});
