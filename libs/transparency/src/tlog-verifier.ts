import { verifyCosignature } from './cosignature';
import { EMPTY_TREE_ROOT, nodeHash, verifyConsistency, type ConsistencyProof } from './merkle';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  SignedNoteError,
  ed25519RawPublicKey,
  isSignatureOf,
  parseVkey,
  type NoteVerifierKey,
} from './signed-note';
import { openCheckpoint, type TlogCheckpoint } from './tlog-checkpoint';
import {
  TILE_HEIGHT,
  TILE_WIDTH,
  entryBundleLeafHashes,
  fullTileRoot,
  tileHashes,
  tilePath,
} from './tlog-tiles';

/**
 * The auditor's check of the C2SP view of a log (`mesas audit verify`): the checkpoint note
 * opens with the served vkey, that vkey is the same Ed25519 key as the JSON checkpoint's and
 * names the origin, the note and the JSON checkpoint describe one tree (equal, or consistent by
 * proof when the log grew between the two reads), a quorum of the given witnesses cosigned the
 * note, and every tile and entry bundle of the note's tree hashes up to its root. Every problem
 * is reported; nothing thrown for what the server sends.
 */

export interface TlogVerifyInput {
  /** the body of GET /tlog/checkpoint */
  readonly note: string;
  /** the body of GET /tlog/vkey */
  readonly vkey: string;
  /** the JSON checkpoint, whose signature the caller has verified with publicKeyPem */
  readonly checkpoint: { readonly treeSize: number; readonly rootHash: string };
  readonly publicKeyPem: string;
  /** cosignature/v1 vkeys the auditor trusts, and how many must have cosigned */
  readonly witnesses: readonly NoteVerifierKey[];
  readonly quorum: number;
  /** the vkey pinned by a saved checkpoint, when there is one */
  readonly pinnedVkey?: string | null;
  /** a tile or bundle by its path relative to the log prefix (`tile/...`) */
  readonly fetchTile: (path: string) => Promise<Uint8Array>;
  readonly consistencyProof: (first: number, second: number) => Promise<unknown>;
}

export interface TlogVerifyReport {
  readonly passed: string[];
  readonly problems: string[];
  readonly checkpoint: TlogCheckpoint | null;
  readonly cosigners: { readonly name: string; readonly timestamp: number }[];
}

export async function verifyTlog(input: TlogVerifyInput): Promise<TlogVerifyReport> {
  const passed: string[] = [];
  const problems: string[] = [];
  const cosigners: { name: string; timestamp: number }[] = [];
  const report = (checkpoint: TlogCheckpoint | null): TlogVerifyReport => ({
    passed,
    problems,
    checkpoint,
    cosigners,
  });

  let logKey: NoteVerifierKey;
  try {
    logKey = parseVkey(input.vkey.trim());
    if (logKey.type !== SIGNATURE_TYPE_ED25519) throw new SignedNoteError('not an Ed25519 vkey');
  } catch (error) {
    problems.push(`the served vkey is malformed: ${(error as Error).message}`);
    return report(null);
  }
  let samePem = false;
  try {
    samePem = ed25519RawPublicKey(input.publicKeyPem).equals(logKey.publicKey);
  } catch {
    samePem = false;
  }
  if (samePem) passed.push(`the vkey ${input.vkey.trim()} is the key of the JSON checkpoint`);
  else problems.push('the C2SP vkey and the JSON checkpoint are signed with different keys');
  if (input.pinnedVkey && input.pinnedVkey !== input.vkey.trim())
    problems.push(`the log's vkey changed since the saved checkpoint (was ${input.pinnedVkey})`);

  let opened;
  try {
    opened = openCheckpoint(input.note, logKey);
  } catch (error) {
    problems.push(`the checkpoint note does not verify: ${(error as Error).message}`);
    return report(null);
  }
  const { checkpoint } = opened;
  passed.push(
    `checkpoint note of ${checkpoint.origin} verified (tree size ${checkpoint.treeSize})`,
  );

  // The note and the JSON checkpoint: one tree, possibly read at two sizes.
  const json = input.checkpoint;
  if (json.treeSize === checkpoint.treeSize) {
    if (json.rootHash === checkpoint.rootHash)
      passed.push('the note and the JSON checkpoint agree');
    else problems.push(`the note and the JSON checkpoint give two roots for size ${json.treeSize}`);
  } else {
    const [small, large] =
      json.treeSize < checkpoint.treeSize ? [json, checkpoint] : [checkpoint, json];
    try {
      const proof = (await input.consistencyProof(
        small.treeSize,
        large.treeSize,
      )) as ConsistencyProof;
      if (verifyConsistency(proof, small.rootHash, large.rootHash))
        passed.push(
          `the note (size ${checkpoint.treeSize}) extends the JSON checkpoint consistently`,
        );
      else problems.push('the note and the JSON checkpoint are not consistent');
    } catch (error) {
      problems.push(
        `no consistency proof between the note and the JSON checkpoint: ${(error as Error).message}`,
      );
    }
  }

  // Witnesses: a line of a trusted witness that fails makes the note invalid (signed-note).
  for (const witness of input.witnesses) {
    const lines = opened.others.filter((s) => isSignatureOf(s, witness));
    if (lines.length === 0) continue;
    const times = lines.map((line) => verifyCosignature(opened.note.text, line, witness));
    if (times.some((t) => t === null)) {
      problems.push(`the cosignature of ${witness.name} does not verify`);
      continue;
    }
    cosigners.push({ name: witness.name, timestamp: Math.max(...(times as number[])) });
  }
  const named = cosigners
    .map((c) => `${c.name} at ${new Date(c.timestamp * 1000).toISOString()}`)
    .join(', ');
  if (input.witnesses.length > 0 || input.quorum > 0) {
    if (cosigners.length >= input.quorum)
      passed.push(
        `${cosigners.length} of ${input.witnesses.length} witnesses cosigned (quorum ${input.quorum})${named ? `: ${named}` : ''}`,
      );
    else
      problems.push(
        `only ${cosigners.length} of the ${input.quorum} witness cosignatures required${named ? ` (${named})` : ''}`,
      );
  }

  problems.push(...(await verifyTiles(checkpoint.treeSize, checkpoint.rootHash, input.fetchTile)));
  if (problems.every((p) => !p.startsWith('tile'))) {
    passed.push(
      `every tile and entry bundle of the ${checkpoint.treeSize} entries hashes to the note's root`,
    );
  }
  return report(checkpoint);
}

/**
 * Fetches every tile of the tree (full ones and the partial ones of this size) and every entry
 * bundle, and checks: each bundle's entries hash to its level-0 tile, each hash of a level-L tile
 * is the root of the full tile below it, and the level-0 hashes fold to `rootHash`. O(n/256)
 * requests, O(n/256) memory. Problems start with "tile".
 */
export async function verifyTiles(
  treeSize: number,
  rootHash: string,
  fetchTile: (path: string) => Promise<Uint8Array>,
): Promise<string[]> {
  const problems: string[] = [];
  const root = new StreamingRoot();
  let below: string[] = [];
  try {
    for (let level = 0; ; level++) {
      const count = Math.floor(treeSize / 2 ** (TILE_HEIGHT * level));
      if (count === 0) break;
      const roots: string[] = [];
      for (let index = 0; index * TILE_WIDTH < count; index++) {
        const width = Math.min(TILE_WIDTH, count - index * TILE_WIDTH);
        const path = tilePath({ level, index, width });
        const tile = await fetchTile(path);
        if (tile.length !== 32 * width) {
          problems.push(`tile ${path} is ${tile.length} bytes, not ${32 * width}`);
          return problems;
        }
        const hashes = tileHashes(tile);
        if (level === 0) {
          hashes.forEach((h) => root.push(h));
          const bundlePath = tilePath({ level: 'entries', index, width });
          const leaves = entryBundleLeafHashes(await fetchTile(bundlePath));
          if (leaves.length !== width || leaves.some((h, i) => h !== hashes[i]))
            problems.push(`tile ${bundlePath}: its entries do not hash to ${path}`);
        } else {
          hashes.forEach((h, i) => {
            if (h !== below[index * TILE_WIDTH + i])
              problems.push(`tile ${path}: hash ${i} is not the root of the tile below it`);
          });
        }
        if (width === TILE_WIDTH) roots.push(fullTileRoot(tile));
      }
      below = roots;
    }
  } catch (error) {
    problems.push(`tile fetch failed: ${(error as Error).message}`);
    return problems;
  }
  if (root.root() !== rootHash)
    problems.push(`tiles of level 0 fold to ${root.root()}, the note says ${rootHash}`);
  return problems;
}

/** RFC 6962 root of a stream of leaf hashes in O(log n) memory (perfect subtrees on a stack). */
class StreamingRoot {
  private readonly stack: { size: number; hash: string }[] = [];

  push(leafHash: string): void {
    let node = { size: 1, hash: leafHash };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
  }

  root(): string {
    if (this.stack.length === 0) return EMPTY_TREE_ROOT;
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}

/** Parses the auditor's --witness vkeys: cosignature/v1 keys only. */
export function parseWitnessVkeys(vkeys: readonly string[]): NoteVerifierKey[] {
  return vkeys.map((vkey) => {
    const key = parseVkey(vkey);
    if (key.type !== SIGNATURE_TYPE_COSIGNATURE_V1)
      throw new SignedNoteError(`${key.name}: a witness vkey is a cosignature/v1 key (type 0x04)`);
    return key;
  });
}
