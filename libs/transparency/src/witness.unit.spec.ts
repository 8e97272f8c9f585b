import { generateKeyPairSync } from 'node:crypto';
import { cosignatureVkey, verifyCosignature } from './cosignature';
import {
  EMPTY_TREE_ROOT,
  consistencyProofFromLeafHashes,
  leafHash,
  rootFromLeafHashes,
} from './merkle';
import { ed25519Vkey, formatNote, parseNote, parseSignatureLine, parseVkey } from './signed-note';
import { signCheckpointNote, openCheckpoint } from './tlog-checkpoint';
import {
  TLOG_SIZE_CONTENT_TYPE,
  decideAddCheckpoint,
  formatAddCheckpoint,
  parseAddCheckpoint,
  type WitnessRecord,
} from './witness';

const ORIGIN = 'example.org/mesas';
const log = generateKeyPairSync('ed25519').privateKey;
const other = generateKeyPairSync('ed25519').privateKey;
const witnessKey = generateKeyPairSync('ed25519').privateKey;
const witness = { name: 'witness.example/w1', privateKey: witnessKey };
const logVkey = parseVkey(ed25519Vkey(ORIGIN, log));
const witnessVkey = parseVkey(cosignatureVkey(witness.name, witnessKey));

const hashes = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`${tag} ${i}`)));
const main = hashes('main', 20);
const fork = [...main.slice(0, 10), ...hashes('fork', 10)];

function note(leaves: readonly string[], size: number, key = log, origin = ORIGIN): string {
  return formatNote(
    signCheckpointNote(
      { origin, treeSize: size, rootHash: rootFromLeafHashes(leaves.slice(0, size)) },
      key,
    ),
  );
}

function body(leaves: readonly string[], old: number, size: number, key = log): string {
  const proof = old === 0 ? [] : consistencyProofFromLeafHashes(leaves.slice(0, size), old);
  return formatAddCheckpoint({ oldSize: old, proof, note: note(leaves, size, key) });
}

/** A witness with one record, deciding request after request as the server does. */
function witnessOf(start: WitnessRecord | null = null) {
  let record = start;
  return {
    get record() {
      return record;
    },
    add(requestBody: string) {
      const answer = decideAddCheckpoint({
        body: requestBody,
        logs: [logVkey],
        recorded: (origin) => (origin === ORIGIN ? record : null),
        witness,
        now: 1_700_000_000,
      });
      if (answer.record) record = answer.record.record;
      return answer;
    },
  };
}

describe('decideAddCheckpoint (c2sp.org/tlog-witness)', () => {
  it('cosigns a first checkpoint and then its extensions', () => {
    const w = witnessOf();
    const first = w.add(body(main, 0, 5));
    expect(first.status).toBe(200);
    expect(first.body.startsWith('— witness.example/w1 ')).toBe(true);
    const line = parseSignatureLine(first.body.slice(0, -1));
    const text = parseNote(note(main, 5)).text;
    expect(verifyCosignature(text, line, witnessVkey)).toBe(1_700_000_000);
    expect(w.record).toEqual({ treeSize: 5, rootHash: rootFromLeafHashes(main.slice(0, 5)) });

    expect(w.add(body(main, 5, 12)).status).toBe(200);
    expect(w.add(body(main, 12, 12)).status).toBe(200); // the same tree again
    expect(w.record?.treeSize).toBe(12);
    // the cosigned note opens with the log key and carries a cosignature of the witness
    const cosigned = note(main, 12) + w.add(body(main, 12, 12)).body;
    const opened = openCheckpoint(cosigned, logVkey);
    expect(verifyCosignature(opened.note.text, opened.others[0], witnessVkey)).not.toBeNull();
  });

  it('answers 409 with its size when the old size is stale', () => {
    const w = witnessOf();
    w.add(body(main, 0, 8));
    const stale = w.add(body(main, 5, 12));
    expect(stale).toMatchObject({ status: 409, contentType: TLOG_SIZE_CONTENT_TYPE, body: '8\n' });
    expect(w.add(body(main, 0, 12)).status).toBe(409);
    expect(w.record?.treeSize).toBe(8);
  });

  it('never cosigns two roots for one size, nor a fork of what it cosigned', () => {
    const w = witnessOf();
    expect(w.add(body(main, 0, 15)).status).toBe(200);
    const sameSize = w.add(formatAddCheckpoint({ oldSize: 15, proof: [], note: note(fork, 15) }));
    expect(sameSize.status).toBe(422);
    // a larger fork, with a proof from its own smaller tree: does not extend the recorded root
    const forkProof = consistencyProofFromLeafHashes(fork.slice(0, 18), 15);
    const larger = w.add(
      formatAddCheckpoint({ oldSize: 15, proof: forkProof, note: note(fork, 18) }),
    );
    expect(larger.status).toBe(422);
    expect(w.record).toEqual({ treeSize: 15, rootHash: rootFromLeafHashes(main.slice(0, 15)) });
  });

  it('404 for an unknown origin, 403 for a missing or failing log signature', () => {
    const w = witnessOf();
    const unknown = formatAddCheckpoint({
      oldSize: 0,
      proof: [],
      note: note(main, 3, log, 'elsewhere.example/log'),
    });
    expect(w.add(unknown).status).toBe(404);
    expect(w.add(body(main, 0, 3, other)).status).toBe(403); // signed by another key
    const text = note(main, 3);
    const tampered = text.replace(/\n3\n/, '\n4\n');
    expect(w.add(`old 0\n\n${tampered}`).status).toBe(403);
    expect(w.record).toBeNull();
  });

  it('400 for malformed requests, 422 for proofs that do not verify', () => {
    const w = witnessOf();
    expect(w.add('old 01\n\n' + note(main, 3)).status).toBe(400);
    expect(w.add('new 0\n\n' + note(main, 3)).status).toBe(400);
    expect(w.add('old 0\n' + note(main, 3)).status).toBe(400);
    expect(w.add('old 0\n\nnot a note\n').status).toBe(400);
    expect(w.add(body(main, 0, 4)).status).toBe(200);
    expect(w.add(formatAddCheckpoint({ oldSize: 9, proof: [], note: note(main, 4) })).status).toBe(
      400,
    );
    const wrongProof = consistencyProofFromLeafHashes(main.slice(0, 9), 3);
    expect(
      w.add(formatAddCheckpoint({ oldSize: 4, proof: wrongProof, note: note(main, 9) })).status,
    ).toBe(422);
    const empty = witnessOf();
    const badEmpty = formatNote(
      signCheckpointNote({ origin: ORIGIN, treeSize: 0, rootHash: main[0] }, log),
    );
    expect(empty.add(`old 0\n\n${badEmpty}`).status).toBe(422);
    const goodEmpty = formatNote(
      signCheckpointNote({ origin: ORIGIN, treeSize: 0, rootHash: EMPTY_TREE_ROOT }, log),
    );
    expect(empty.add(`old 0\n\n${goodEmpty}`).status).toBe(200);
    const withProof = formatAddCheckpoint({ oldSize: 0, proof: [main[0]], note: note(main, 3) });
    expect(witnessOf().add(withProof).status).toBe(422);
  });

  it('parses what it formats', () => {
    const text = body(main, 5, 12);
    const parsed = parseAddCheckpoint(text);
    expect(parsed.oldSize).toBe(5);
    expect(parsed.proof).toEqual(consistencyProofFromLeafHashes(main.slice(0, 12), 5));
    expect(formatAddCheckpoint(parsed)).toBe(text);
  });
});

describe('cosignature/v1', () => {
  // c2sp.org/tlog-cosignature's example line (data): key ID, then the uint64 timestamp the
  // example's signed message shows (`time 1679315147`).
  it('reads the timestamp of the specification example', () => {
    const line = parseSignatureLine(
      '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==',
    );
    expect(line.keyId.toString('hex')).toBe('8d66cf3f');
    expect(line.signature.length).toBe(72);
    expect(Number(line.signature.readBigUInt64BE(0))).toBe(1679315147);
  });

  it('does not verify under another witness key or over another checkpoint', () => {
    const w = witnessOf();
    const line = parseSignatureLine(w.add(body(main, 0, 5)).body.slice(0, -1));
    const otherVkey = parseVkey(cosignatureVkey(witness.name, other));
    const text = parseNote(note(main, 5)).text;
    expect(verifyCosignature(text, line, otherVkey)).toBeNull();
    expect(verifyCosignature(parseNote(note(main, 6)).text, line, witnessVkey)).toBeNull();
    // the log's own vkey (type 0x01) is not a cosigner key even for the same name
    expect(verifyCosignature(text, line, logVkey)).toBeNull();
  });
});
