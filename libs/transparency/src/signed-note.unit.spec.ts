import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import {
  SignedNoteError,
  ed25519Vkey,
  formatNote,
  isValidKeyName,
  noteKeyId,
  parseNote,
  parseVkey,
  signNoteEd25519,
  verifyNoteEd25519,
} from './signed-note';

/*
 * Vectors (data only): golang.org/x/mod/sumdb/note, note_test.go (TestNewVerifier, TestSign,
 * TestOpen: the key "PeterNeumann" and its note) and C2SP signed-note.md §Example.
 */
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
/** The skey's payload after the type byte is the Ed25519 seed. */
const PETER_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(
  1,
);
const PETER_TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const EXAMPLE_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const EXAMPLE_NOTE =
  'This is an example message.\n\n' +
  '— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

const peterKey = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), PETER_SEED]),
  format: 'der',
  type: 'pkcs8',
});

describe('verifier keys', () => {
  it('derives the published vkey and key ID from the name and the key', () => {
    expect(ed25519Vkey('PeterNeumann', peterKey)).toBe(PETER_VKEY);
    const key = parseVkey(PETER_VKEY);
    expect(key.keyId.toString('hex')).toBe('c74f20a3');
    expect(noteKeyId('PeterNeumann', 1, key.publicKey).toString('hex')).toBe('c74f20a3');
    expect(parseVkey(EXAMPLE_VKEY).keyId.toString('hex')).toBe('530d903a');
  });

  it.each([
    [
      'a key ID that does not match',
      'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    ],
    [
      'a key of the wrong length',
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
    ],
    ['a name with a space', 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['two parts', 'PeterNeumann+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['uppercase hex', 'PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['non-canonical base64', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX'],
  ])('refuses %s', (_why, vkey) => {
    expect(() => parseVkey(vkey)).toThrow(SignedNoteError);
  });

  it('names are non-empty, without spaces or plus signs', () => {
    expect(isValidKeyName('example.com/log')).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\u00a0b', 'a\nb', 'a\u0001b'])
      expect(isValidKeyName(bad)).toBe(false);
  });
});

describe('signed notes', () => {
  it('signs the Go note vector byte for byte', () => {
    const signature = signNoteEd25519(PETER_TEXT, 'PeterNeumann', peterKey);
    expect(formatNote({ text: PETER_TEXT, signatures: [signature] })).toBe(
      `${PETER_TEXT}\n${PETER_SIG}`,
    );
  });

  it('opens and verifies the C2SP example and the Go vector', () => {
    const example = parseNote(EXAMPLE_NOTE);
    expect(example.text).toBe('This is an example message.\n');
    expect(verifyNoteEd25519(example.text, example.signatures[0], parseVkey(EXAMPLE_VKEY))).toBe(
      true,
    );
    const peter = parseNote(`${PETER_TEXT}\n${PETER_SIG}`);
    expect(verifyNoteEd25519(peter.text, peter.signatures[0], parseVkey(PETER_VKEY))).toBe(true);
    // the other key does not match the line (name and ID differ): not a verification
    expect(verifyNoteEd25519(peter.text, peter.signatures[0], parseVkey(EXAMPLE_VKEY))).toBe(false);
  });

  it('splits at the last blank line', () => {
    const text = 'a\n\nb\n';
    const key = generateKeyPairSync('ed25519').privateKey;
    const note = formatNote({ text, signatures: [signNoteEd25519(text, 'k', key)] });
    expect(parseNote(note).text).toBe(text);
  });

  it('fails a changed text or a changed signature', () => {
    const key = parseVkey(PETER_VKEY);
    const note = parseNote(`${PETER_TEXT}\n${PETER_SIG}`);
    expect(verifyNoteEd25519(PETER_TEXT.replace('answer', 'Answer'), note.signatures[0], key)).toBe(
      false,
    );
    const sig = Buffer.from(note.signatures[0].signature);
    sig[10] ^= 1;
    expect(verifyNoteEd25519(note.text, { ...note.signatures[0], signature: sig }, key)).toBe(
      false,
    );
  });

  // The malformed notes of note_test.go's TestOpen, and a few of ours.
  it.each([
    ['no signatures', PETER_TEXT],
    ['a blank line and nothing', `${PETER_TEXT}\n`],
    ['no final newline', `${PETER_TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['a control character', `\u0001${PETER_TEXT}\n${PETER_SIG}`],
    [
      'a name with a space',
      `${PETER_TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ],
    ['a line after the signatures', `${PETER_TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['a hyphen for the em dash', `${PETER_TEXT}\n${PETER_SIG.replace('—', '-')}`],
    ['101 signatures', `${PETER_TEXT}\n${PETER_SIG.repeat(101)}`],
  ])('refuses %s', (_why, note) => {
    expect(() => parseNote(note)).toThrow(SignedNoteError);
  });

  it('refuses bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${PETER_TEXT}\n${PETER_SIG}`)]);
    expect(() => parseNote(bytes)).toThrow(SignedNoteError);
  });
});
