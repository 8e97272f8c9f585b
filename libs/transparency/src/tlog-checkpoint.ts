import type { KeyObject } from 'node:crypto';
import { isHashHex } from './merkle';
import {
  SignedNoteError,
  formatNote,
  isSignatureOf,
  isValidKeyName,
  parseNote,
  signNoteEd25519,
  verifyNoteEd25519,
  type NoteSignature,
  type NoteVerifierKey,
  type SignedNote,
} from './signed-note';

/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text
 * `{origin}\n{treeSize}\n{base64 rootHash}\n`, signed by the log with Ed25519 under the key name
 * `origin`. We write no extension lines; we parse them (a checkpoint with some is still a
 * checkpoint) and keep them, because cosignatures cover the whole text.
 */

export interface TlogCheckpoint {
  readonly origin: string;
  readonly treeSize: number;
  /** lowercase hex, like every hash of this library */
  readonly rootHash: string;
  readonly extensions: readonly string[];
}

/** Origins are key names here (the log signs as its origin), so the same rules hold. */
export function isValidOrigin(origin: string): boolean {
  return isValidKeyName(origin);
}

export function formatCheckpointText(checkpoint: Omit<TlogCheckpoint, 'extensions'>): string {
  const { origin, treeSize, rootHash } = checkpoint;
  if (!isValidOrigin(origin)) throw new SignedNoteError(`invalid origin ${JSON.stringify(origin)}`);
  if (!Number.isSafeInteger(treeSize) || treeSize < 0)
    throw new RangeError('treeSize must be a non-negative integer');
  if (!isHashHex(rootHash)) throw new TypeError('rootHash must be 64 lowercase hex characters');
  return `${origin}\n${treeSize}\n${Buffer.from(rootHash, 'hex').toString('base64')}\n`;
}

/** Parses the note text of a checkpoint; SignedNoteError on anything but the exact format. */
export function parseCheckpointText(text: string): TlogCheckpoint {
  if (!text.endsWith('\n')) throw new SignedNoteError('a checkpoint ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new SignedNoteError('a checkpoint has at least three lines');
  const [origin, size, root, ...extensions] = lines;
  if (origin === '') throw new SignedNoteError('empty origin');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new SignedNoteError('the tree size is a decimal without leading zeroes');
  const rootBytes = Buffer.from(root, 'base64');
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root)
    throw new SignedNoteError('the root hash is 32 bytes of base64');
  if (extensions.some((line) => line === ''))
    throw new SignedNoteError('extension lines are non-empty');
  return { origin, treeSize: Number(size), rootHash: rootBytes.toString('hex'), extensions };
}

/** The signed note a log serves: its text and its own Ed25519 signature line. */
export function signCheckpointNote(
  checkpoint: Omit<TlogCheckpoint, 'extensions'>,
  privateKey: KeyObject,
): SignedNote {
  const text = formatCheckpointText(checkpoint);
  return { text, signatures: [signNoteEd25519(text, checkpoint.origin, privateKey)] };
}

export interface OpenedCheckpoint {
  readonly checkpoint: TlogCheckpoint;
  readonly note: SignedNote;
  /** the signature lines other than the log's (cosignatures, other keys) */
  readonly others: readonly NoteSignature[];
}

/**
 * Parses a checkpoint note and verifies the log's Ed25519 signature with `logKey` (type 0x01,
 * named as the origin). Throws SignedNoteError when the note is malformed, has no signature of
 * that key, or a signature of that key fails (the note is then invalid, signed-note §Signatures).
 */
export function openCheckpoint(
  note: string | Uint8Array,
  logKey: NoteVerifierKey,
): OpenedCheckpoint {
  const parsed = parseNote(note);
  const checkpoint = parseCheckpointText(parsed.text);
  if (checkpoint.origin !== logKey.name)
    throw new SignedNoteError(`the checkpoint's origin is not ${logKey.name}`);
  const mine = parsed.signatures.filter((s) => isSignatureOf(s, logKey));
  if (mine.length === 0) throw new SignedNoteError('no signature by the log key');
  if (!mine.every((s) => verifyNoteEd25519(parsed.text, s, logKey)))
    throw new SignedNoteError('the log signature does not verify');
  return {
    checkpoint,
    note: parsed,
    others: parsed.signatures.filter((s) => !isSignatureOf(s, logKey)),
  };
}

export { formatNote };
