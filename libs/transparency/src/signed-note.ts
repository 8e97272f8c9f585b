import {
  KeyObject,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
} from 'node:crypto';

/**
 * C2SP signed-note (c2sp.org/signed-note): a UTF-8 text ending in a newline, a blank line, and
 * signature lines `— {key name} {base64(keyID ‖ signature)}`. A key is named by its name and a
 * 4-byte key ID, SHA-256(name ‖ "\n" ‖ type ‖ public key)[:4], and published as a verifier key
 * (vkey) `{name}+{hex keyID}+{base64(type ‖ public key)}`.
 *
 * Guarantees: one note has one text (formatting is canonical and parsing refuses anything the
 * specification forbids: control characters, invalid UTF-8, a missing final newline, a malformed
 * signature line); verification never throws on hostile input, it reports.
 */

/** Ed25519 over the note text (signed-note §"Ed25519 signatures"). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** Timestamped Ed25519 checkpoint cosignature (c2sp.org/tlog-cosignature, cosignature/v1). */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

/** The em dash that starts every signature line (U+2014). */
export const SIGNATURE_LINE_PREFIX = '\u2014 ';

/** We accept at least the 16 signatures the specification asks for, and no absurd numbers. */
export const MAX_NOTE_SIGNATURES = 100;

export class SignedNoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignedNoteError';
  }
}

/** A verifier key: who signs (name, key ID), how (type) and with what (raw public key). */
export interface NoteVerifierKey {
  readonly name: string;
  /** 4 bytes, big-endian uint32 in the signature line */
  readonly keyId: Buffer;
  readonly type: number;
  /** the raw public key (32 bytes for Ed25519) */
  readonly publicKey: Buffer;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Buffer;
  /** the bytes after the key ID (for Ed25519: the 64-byte signature) */
  readonly signature: Buffer;
}

export interface SignedNote {
  /** the note text, final newline included */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** Key names: non-empty, no Unicode space, no `+` (signed-note §Format). */
export function isValidKeyName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !/[\s+]/u.test(name) &&
    !hasForbiddenCharacters(name) &&
    Buffer.from(name, 'utf8').toString('utf8') === name
  );
}

/** SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]. */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([type]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

export function verifierKey(name: string, type: number, publicKey: Uint8Array): NoteVerifierKey {
  if (!isValidKeyName(name)) throw new SignedNoteError(`invalid key name ${JSON.stringify(name)}`);
  return { name, keyId: noteKeyId(name, type, publicKey), type, publicKey: Buffer.from(publicKey) };
}

export function formatVkey(key: NoteVerifierKey): string {
  const material = Buffer.concat([Buffer.from([key.type]), key.publicKey]).toString('base64');
  return `${key.name}+${key.keyId.toString('hex')}+${material}`;
}

/**
 * Parses `{name}+{hex keyID}+{base64(type ‖ key)}`. The key ID must be the one the name, type and
 * key give (a vkey whose ID disagrees would never match its own signatures). Ed25519 types
 * (0x01, 0x04) need a 32-byte key.
 */
export function parseVkey(vkey: string): NoteVerifierKey {
  // The base64 key may itself contain '+': split at the first two only.
  const m = typeof vkey === 'string' ? /^([^+]*)\+([^+]*)\+(.*)$/s.exec(vkey) : null;
  if (!m) throw new SignedNoteError('a vkey is name+keyID+key');
  const [, name, idHex, keyB64] = m;
  if (!isValidKeyName(name)) throw new SignedNoteError(`invalid key name in vkey`);
  if (!/^[0-9a-f]{8}$/.test(idHex))
    throw new SignedNoteError('the key ID is 8 lowercase hex digits');
  const material = strictBase64(keyB64);
  if (!material || material.length < 2) throw new SignedNoteError('the key is not base64');
  const type = material[0];
  const publicKey = material.subarray(1);
  if (
    (type === SIGNATURE_TYPE_ED25519 || type === SIGNATURE_TYPE_COSIGNATURE_V1) &&
    publicKey.length !== 32
  ) {
    throw new SignedNoteError('an Ed25519 key is 32 bytes');
  }
  const key = verifierKey(name, type, publicKey);
  if (key.keyId.toString('hex') !== idHex)
    throw new SignedNoteError('the key ID does not match the name and key');
  return key;
}

/** The raw 32-byte Ed25519 public key of a KeyObject or PEM (SPKI or PKCS#8). */
export function ed25519RawPublicKey(key: KeyObject | string): Buffer {
  const object =
    typeof key === 'string'
      ? createPublicKey(key)
      : key.type === 'private'
        ? createPublicKey(key)
        : key;
  if (object.asymmetricKeyType !== 'ed25519') throw new SignedNoteError('not an Ed25519 key');
  const jwk = object.export({ format: 'jwk' });
  return Buffer.from(String(jwk.x), 'base64url');
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PublicKeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new SignedNoteError('an Ed25519 public key is 32 bytes');
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}

export function ed25519PrivateKeyObject(privateKeyPem: string): KeyObject {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new SignedNoteError('not an Ed25519 key');
  return key;
}

/** The vkey of an Ed25519 note signer (type 0x01). */
export function ed25519Vkey(name: string, key: KeyObject | string): string {
  return formatVkey(verifierKey(name, SIGNATURE_TYPE_ED25519, ed25519RawPublicKey(key)));
}

/** `— {name} {base64(keyID ‖ signature)}\n` */
export function formatSignatureLine(signature: NoteSignature): string {
  const bytes = Buffer.concat([signature.keyId, signature.signature]).toString('base64');
  return `${SIGNATURE_LINE_PREFIX}${signature.name} ${bytes}\n`;
}

export function formatNote(note: SignedNote): string {
  assertNoteText(note.text);
  if (note.signatures.length === 0) throw new SignedNoteError('a signed note has a signature');
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

/** Ed25519 over the note text, with the key's name and ID (type 0x01). */
export function signNoteEd25519(text: string, name: string, privateKey: KeyObject): NoteSignature {
  assertNoteText(text);
  const key = verifierKey(name, SIGNATURE_TYPE_ED25519, ed25519RawPublicKey(privateKey));
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  return { name, keyId: key.keyId, signature };
}

/**
 * Splits a note into its text and signature lines. Refuses (SignedNoteError) what signed-note
 * forbids: invalid UTF-8, control characters other than newline, no blank line before the
 * signatures, a text without its final newline, a signature line that is not
 * `— name base64` with ≥ 5 decoded bytes, more than MAX_NOTE_SIGNATURES lines.
 */
export function parseNote(note: string | Uint8Array): SignedNote {
  const text = typeof note === 'string' ? note : decodeUtf8(note);
  if (hasForbiddenCharacters(text)) throw new SignedNoteError('control characters in the note');
  if (!text.endsWith('\n')) throw new SignedNoteError('a note ends with a newline');
  // The text is separated from the signatures by the LAST blank line.
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new SignedNoteError('no blank line before the signatures');
  const body = text.slice(0, split + 1);
  const lines = text.slice(split + 2, -1).split('\n');
  if (lines.length === 0 || lines[0] === '') throw new SignedNoteError('no signature lines');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new SignedNoteError('too many signatures');
  const signatures = lines.map(parseSignatureLine);
  return { text: body, signatures };
}

export function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_LINE_PREFIX))
    throw new SignedNoteError('a signature line starts with an em dash and a space');
  const rest = line.slice(SIGNATURE_LINE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw new SignedNoteError('a signature line is "— name signature"');
  const name = rest.slice(0, space);
  const bytes = strictBase64(rest.slice(space + 1));
  if (!isValidKeyName(name) || !bytes || bytes.length < 5)
    throw new SignedNoteError('malformed signature line');
  return { name, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
}

/** Whether a signature line was made by this key (name AND key ID; either alone is no match). */
export function isSignatureOf(signature: NoteSignature, key: NoteVerifierKey): boolean {
  return signature.name === key.name && signature.keyId.equals(key.keyId);
}

/** Ed25519 verification of a type-0x01 signature over the note text; false on anything wrong. */
export function verifyNoteEd25519(
  text: string,
  signature: NoteSignature,
  key: NoteVerifierKey,
): boolean {
  try {
    if (key.type !== SIGNATURE_TYPE_ED25519 || !isSignatureOf(signature, key)) return false;
    if (signature.signature.length !== 64) return false;
    return verify(
      null,
      Buffer.from(text, 'utf8'),
      ed25519PublicKeyObject(key.publicKey),
      signature.signature,
    );
  } catch {
    return false;
  }
}

export function assertNoteText(text: string): void {
  if (typeof text !== 'string' || text.length === 0 || !text.endsWith('\n'))
    throw new SignedNoteError('a note text is non-empty and ends with a newline');
  if (hasForbiddenCharacters(text)) throw new SignedNoteError('control characters in the note');
}

/** Base64 (RFC 4648 §4, padded) in its one canonical form, or null. */
export function strictBase64(value: string): Buffer | null {
  if (
    typeof value !== 'string' ||
    !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)
  )
    return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : null;
}

function hasForbiddenCharacters(text: string): boolean {
  // ASCII controls other than newline; lone surrogates (not valid UTF-8 once encoded).
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return /\p{Cs}/u.test(text);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SignedNoteError('the note is not valid UTF-8');
  }
}
