import { sign, verify, type KeyObject } from 'node:crypto';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  ed25519PublicKeyObject,
  ed25519RawPublicKey,
  formatVkey,
  isSignatureOf,
  verifierKey,
  type NoteSignature,
  type NoteVerifierKey,
} from './signed-note';

/**
 * C2SP tlog-cosignature, Ed25519 version (`cosignature/v1`, signature type 0x04): a witness's
 * statement that, at time t, the largest consistent tree it has seen of the log has this root.
 * Signed message: `cosignature/v1\ntime {t}\n` followed by the whole checkpoint text; signature
 * bytes: keyID(4) ‖ big-endian uint64 t ‖ Ed25519 signature(64), 76 bytes.
 */

export interface Cosignature {
  readonly name: string;
  /** POSIX seconds */
  readonly timestamp: number;
  readonly line: NoteSignature;
}

export function cosignedMessage(checkpointText: string, timestamp: number): Buffer {
  assertTimestamp(timestamp);
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8');
}

export function cosignatureVkey(name: string, key: KeyObject | string): string {
  return formatVkey(verifierKey(name, SIGNATURE_TYPE_COSIGNATURE_V1, ed25519RawPublicKey(key)));
}

export function cosignCheckpoint(
  checkpointText: string,
  name: string,
  privateKey: KeyObject,
  timestamp: number,
): NoteSignature {
  const key = verifierKey(name, SIGNATURE_TYPE_COSIGNATURE_V1, ed25519RawPublicKey(privateKey));
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(timestamp));
  const signature = sign(null, cosignedMessage(checkpointText, timestamp), privateKey);
  return { name, keyId: key.keyId, signature: Buffer.concat([time, signature]) };
}

/**
 * The cosignature's timestamp when `line` is a valid cosignature/v1 of `key` over the checkpoint
 * text, else null (wrong key, wrong length, timestamp ≥ 2^63 or 0, bad signature). Never throws.
 */
export function verifyCosignature(
  checkpointText: string,
  line: NoteSignature,
  key: NoteVerifierKey,
): number | null {
  try {
    if (key.type !== SIGNATURE_TYPE_COSIGNATURE_V1 || !isSignatureOf(line, key)) return null;
    if (line.signature.length !== 8 + 64) return null;
    const time = line.signature.readBigUInt64BE(0);
    if (time === 0n || time > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    const timestamp = Number(time);
    const ok = verify(
      null,
      cosignedMessage(checkpointText, timestamp),
      ed25519PublicKeyObject(key.publicKey),
      line.signature.subarray(8),
    );
    return ok ? timestamp : null;
  } catch {
    return null;
  }
}

function assertTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0)
    throw new RangeError('a cosignature timestamp is a positive POSIX time in seconds');
}
