import type { KeyObject } from 'node:crypto';
import { cosignCheckpoint } from './cosignature';
import { EMPTY_TREE_ROOT, verifyConsistency } from './merkle';
import {
  SIGNATURE_TYPE_ED25519,
  SignedNoteError,
  formatSignatureLine,
  isSignatureOf,
  parseNote,
  strictBase64,
  verifyNoteEd25519,
  type NoteVerifierKey,
} from './signed-note';
import { parseCheckpointText, type TlogCheckpoint } from './tlog-checkpoint';

/**
 * The decision of a C2SP tlog-witness (c2sp.org/tlog-witness) on one `add-checkpoint` request,
 * as a pure function of the request, the logs it trusts and what it last cosigned per origin.
 * The caller persists `record` (atomically, before answering) when the answer is 200, and runs
 * one decision at a time, so the check of the old size and the update are atomic.
 *
 * Guarantees: the witness never cosigns two different roots for one size of one origin, and
 * never cosigns a tree that is not an extension of the last one it cosigned: a same-size
 * request needs the same root, a larger one a consistency proof from the recorded root.
 */

export interface WitnessRecord {
  readonly treeSize: number;
  readonly rootHash: string;
}

export interface WitnessIdentity {
  readonly name: string;
  readonly privateKey: KeyObject;
}

export interface WitnessAnswer {
  readonly status: 200 | 400 | 403 | 404 | 409 | 422;
  readonly contentType: string;
  readonly body: string;
  /** present on 200: the origin and record to persist before answering */
  readonly record?: { readonly origin: string; readonly record: WitnessRecord };
}

export const TLOG_SIZE_CONTENT_TYPE = 'text/x.tlog.size';
const MAX_PROOF_LINES = 63;

export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: readonly string[];
  readonly note: string;
}

/** `old N\n`, proof lines (base64), a blank line, the note. SignedNoteError when malformed. */
export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  const first = body.indexOf('\n');
  const oldLine = first < 0 ? '' : body.slice(0, first);
  const old = /^old (0|[1-9][0-9]{0,15})$/.exec(oldLine);
  if (!old) throw new SignedNoteError('the body starts with "old N"');
  const proof: string[] = [];
  let at = first + 1;
  for (;;) {
    const end = body.indexOf('\n', at);
    if (end < 0) throw new SignedNoteError('no blank line before the checkpoint');
    const line = body.slice(at, end);
    at = end + 1;
    if (line === '') break;
    const hash = strictBase64(line);
    if (!hash || hash.length !== 32) throw new SignedNoteError('a proof line is a base64 hash');
    if (proof.length === MAX_PROOF_LINES) throw new SignedNoteError('at most 63 proof lines');
    proof.push(hash.toString('hex'));
  }
  return { oldSize: Number(old[1]), proof, note: body.slice(at) };
}

export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  const lines = request.proof.map((h) => `${Buffer.from(h, 'hex').toString('base64')}\n`);
  return `old ${request.oldSize}\n${lines.join('')}\n${request.note}`;
}

export function decideAddCheckpoint(options: {
  readonly body: string;
  /** trusted log keys (Ed25519, type 0x01), by origin = key name */
  readonly logs: readonly NoteVerifierKey[];
  readonly recorded: (origin: string) => WitnessRecord | null;
  readonly witness: WitnessIdentity;
  /** POSIX seconds */
  readonly now: number;
}): WitnessAnswer {
  const text = (status: WitnessAnswer['status'], body: string): WitnessAnswer => ({
    status,
    contentType: 'text/plain; charset=utf-8',
    body: `${body}\n`,
  });
  let request: AddCheckpointRequest;
  let checkpoint: TlogCheckpoint;
  let noteText: string;
  let signatures;
  try {
    request = parseAddCheckpoint(options.body);
    const note = parseNote(request.note);
    checkpoint = parseCheckpointText(note.text);
    noteText = note.text;
    signatures = note.signatures;
  } catch (error) {
    return text(400, (error as Error).message);
  }
  const keys = options.logs.filter(
    (k) => k.name === checkpoint.origin && k.type === SIGNATURE_TYPE_ED25519,
  );
  if (keys.length === 0) return text(404, `unknown log origin ${checkpoint.origin}`);
  const ofTrusted = signatures.filter((s) => keys.some((k) => isSignatureOf(s, k)));
  if (ofTrusted.length === 0) return text(403, 'no signature by a trusted key of this log');
  const allVerify = ofTrusted.every((s) =>
    keys.some((k) => isSignatureOf(s, k) && verifyNoteEd25519(noteText, s, k)),
  );
  if (!allVerify) return text(403, 'a signature by a trusted key does not verify');

  const { treeSize, rootHash } = checkpoint;
  if (request.oldSize > treeSize) return text(400, 'the old size exceeds the checkpoint size');
  const recorded = options.recorded(checkpoint.origin);
  const latest = recorded?.treeSize ?? 0;
  if (request.oldSize !== latest)
    return { status: 409, contentType: TLOG_SIZE_CONTENT_TYPE, body: `${latest}\n` };
  if (treeSize === 0 && rootHash !== EMPTY_TREE_ROOT)
    return text(422, 'a checkpoint of size 0 has the empty tree root');
  if (request.oldSize === 0 && request.proof.length > 0)
    return text(422, 'no proof is needed from the empty tree');
  const oldRoot = recorded?.rootHash ?? EMPTY_TREE_ROOT;
  const consistent =
    request.oldSize === 0
      ? true
      : verifyConsistency(
          { first: request.oldSize, second: treeSize, path: request.proof },
          oldRoot,
          rootHash,
        );
  if (!consistent)
    return text(
      422,
      request.oldSize === treeSize
        ? `size ${treeSize} was cosigned with another root`
        : 'the consistency proof does not verify',
    );

  const line = cosignCheckpoint(
    noteText,
    options.witness.name,
    options.witness.privateKey,
    options.now,
  );
  return {
    status: 200,
    contentType: 'text/plain; charset=utf-8',
    body: formatSignatureLine(line),
    record: { origin: checkpoint.origin, record: { treeSize, rootHash } },
  };
}
