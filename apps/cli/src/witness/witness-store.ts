import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  cosignatureVkey,
  ed25519PrivateKeyObject,
  isHashHex,
  isValidKeyName,
  type WitnessRecord,
} from '@mesas/transparency';

/**
 * A witness's data directory: its Ed25519 key (`witness-key.pem`, PKCS#8, mode 0600), its name
 * (`witness.json`) and, per log origin, the last checkpoint it cosigned (`state.json`). Every
 * file is written whole to a temporary name, fsynced, renamed into place and the directory
 * fsynced, so a crash leaves the old version or the new one, never a mix — and a cosignature is
 * only returned after the state that forbids contradicting it is on disk.
 */

export const WITNESS_FILES = {
  key: 'witness-key.pem',
  identity: 'witness.json',
  state: 'state.json',
} as const;

export interface WitnessIdentityOnDisk {
  readonly name: string;
  readonly privateKey: KeyObject;
  /** the cosignature/v1 verifier key (type 0x04) */
  readonly vkey: string;
}

export interface WitnessStateFile {
  readonly logs: { readonly [origin: string]: WitnessRecord & { readonly cosignedAt: string } };
}

export class WitnessDataError extends Error {}

/**
 * The witness's identity, made on first use. A directory keeps one name: a cosigner's key must
 * not sign under two names (tlog-cosignature), so another --name is refused.
 */
export function loadOrCreateIdentity(dir: string, name?: string): WitnessIdentityOnDisk {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyPath = join(dir, WITNESS_FILES.key);
  const identityPath = join(dir, WITNESS_FILES.identity);
  let stored: string | null = null;
  if (existsSync(identityPath)) {
    const parsed = JSON.parse(readFileSync(identityPath, 'utf8')) as { name?: unknown };
    if (typeof parsed.name !== 'string') throw new WitnessDataError(`${identityPath} has no name`);
    stored = parsed.name;
  }
  if (name !== undefined && stored !== null && name !== stored)
    throw new WitnessDataError(
      `${dir} is the witness ${stored}; a witness key serves one name (use another --data)`,
    );
  const chosen = name ?? stored;
  if (chosen === null) throw new WitnessDataError(`${dir} holds no witness yet: give --name`);
  if (!isValidKeyName(chosen))
    throw new WitnessDataError(`--name must be non-empty, without spaces or "+": ${chosen}`);
  if (!existsSync(keyPath)) {
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    writeAtomically(keyPath, pem, 0o600);
  }
  if (stored === null)
    writeAtomically(identityPath, `${JSON.stringify({ name: chosen }, null, 2)}\n`, 0o600);
  const privateKey = ed25519PrivateKeyObject(readFileSync(keyPath, 'utf8'));
  return { name: chosen, privateKey, vkey: cosignatureVkey(chosen, privateKey) };
}

export function readState(dir: string): WitnessStateFile {
  const path = join(dir, WITNESS_FILES.state);
  if (!existsSync(path)) return { logs: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as WitnessStateFile;
  for (const [origin, record] of Object.entries(parsed.logs ?? {})) {
    if (!Number.isSafeInteger(record.treeSize) || !isHashHex(record.rootHash))
      throw new WitnessDataError(`${path}: the record of ${origin} is malformed`);
  }
  return { logs: parsed.logs ?? {} };
}

export function writeState(dir: string, state: WitnessStateFile): void {
  writeAtomically(join(dir, WITNESS_FILES.state), `${JSON.stringify(state, null, 2)}\n`, 0o600);
}

/** Temp file, fsync, rename, fsync of the directory. */
export function writeAtomically(path: string, content: string, mode: number): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  const dirFd = openSync(join(path, '..'), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
