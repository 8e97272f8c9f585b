import {
  KeyObject,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { isHashHex } from './merkle';

/**
 * Signed checkpoints: the log's commitment to (treeSize, rootHash), Ed25519 over the UTF-8
 * bytes of `mesas-transparency-log\n{treeSize}\n{rootHash}\n`. Ed25519 is deterministic, so the
 * same key and tree head always give the same signature. Keys travel as PEM: PKCS#8 for the
 * private key, SPKI for the public one (what GET /transparency/key publishes).
 */

export const CHECKPOINT_ORIGIN = 'mesas-transparency-log';

export interface Checkpoint {
  readonly treeSize: number;
  readonly rootHash: string;
  /** base64 (RFC 4648 §4, padded) of the 64-byte Ed25519 signature. */
  readonly signature: string;
}

export interface KeyPairPem {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

const SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{85}[AQgw]==$/;

export function checkpointMessage(treeSize: number, rootHash: string): Buffer {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    throw new RangeError('treeSize must be a non-negative integer');
  }
  if (!isHashHex(rootHash)) throw new TypeError('rootHash must be 64 lowercase hex characters');
  return Buffer.from(`${CHECKPOINT_ORIGIN}\n${treeSize}\n${rootHash}\n`, 'utf8');
}

export function generateKeyPair(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The SPKI PEM matching a PKCS#8 Ed25519 private key (for a key given only by configuration). */
export function publicKeyPemFromPrivate(privateKeyPem: string): string {
  const publicKey = createPublicKey(ed25519PrivateKey(privateKeyPem));
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

export function signCheckpoint(
  privateKeyPem: string,
  treeSize: number,
  rootHash: string,
): Checkpoint {
  const message = checkpointMessage(treeSize, rootHash);
  const signature = sign(null, message, ed25519PrivateKey(privateKeyPem)).toString('base64');
  return { treeSize, rootHash, signature };
}

/** False, never an exception, for a bad key, a malformed checkpoint or a wrong signature. */
export function verifyCheckpoint(publicKeyPem: string, checkpoint: Checkpoint): boolean {
  try {
    if (typeof checkpoint !== 'object' || checkpoint === null) return false;
    const { treeSize, rootHash, signature } = checkpoint;
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || !isHashHex(rootHash)) return false;
    // Only the canonical encoding of a 64-byte signature, so one checkpoint has one text.
    if (typeof signature !== 'string' || !SIGNATURE_BASE64.test(signature)) return false;
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(
      null,
      checkpointMessage(treeSize, rootHash),
      key,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

function ed25519PrivateKey(privateKeyPem: string): KeyObject {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`expected an Ed25519 private key, got ${key.asymmetricKeyType ?? 'none'}`);
  }
  return key;
}
