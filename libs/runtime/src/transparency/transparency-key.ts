import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { generateKeyPair, publicKeyPemFromPrivate, type KeyPairPem } from '@mesas/transparency';
import type { AppConfig } from '../config/app-config';
import {
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  ensurePrivateDir,
  tightenFile,
} from '../stores/private-files';

export const TRANSPARENCY_KEY_FILE = 'transparency-key.pem';

/** No key can be had in this profile without configuration (the server profile). */
export class TransparencyKeyUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransparencyKeyUnavailable';
  }
}

/**
 * The Ed25519 key pair that signs the history's checkpoints. Every process that serves
 * checkpoints must use the same one, or auditors would see two logs. In order:
 *
 * 1. `TRANSPARENCY_PRIVATE_KEY`: a PKCS#8 PEM (literal `\n` accepted for one-line env files);
 * 2. `TRANSPARENCY_KEY_FILE`: a file holding one, made there (mode 0600) if it does not exist,
 *    for a volume the processes share;
 * 3. embedded profile only: `DATA_DIR/transparency-key.pem`, made once on first use (0600),
 *    where the API and the CLI (`mesas export`) find the same one.
 *
 * The server profile has no default: processes on several machines would each make their own
 * key, so it refuses (TransparencyKeyUnavailable) until one of the first two is set.
 */
export function resolveTransparencyKey(config: AppConfig): KeyPairPem {
  const { pem, file } = config.transparencyKey;
  if (pem)
    return pairOf(pem.includes('\n') ? pem : pem.replace(/\\n/g, '\n'), 'TRANSPARENCY_PRIVATE_KEY');
  if (file) return pairOf(readOrCreate(file), `TRANSPARENCY_KEY_FILE (${file})`);
  if (config.eventStore === 'sqlite') {
    const path = join(config.dataDir, TRANSPARENCY_KEY_FILE);
    ensurePrivateDir(config.dataDir);
    if (existsSync(path)) tightenFile(path);
    return pairOf(readOrCreate(path), path);
  }
  throw new TransparencyKeyUnavailable(
    'the server profile signs checkpoints with one key shared by every process: set ' +
      'TRANSPARENCY_PRIVATE_KEY (an Ed25519 PKCS#8 PEM) or TRANSPARENCY_KEY_FILE',
  );
}

function pairOf(privateKeyPem: string, source: string): KeyPairPem {
  try {
    return { privateKeyPem, publicKeyPem: publicKeyPemFromPrivate(privateKeyPem) };
  } catch (error) {
    throw new Error(
      `${source} does not hold an Ed25519 private key in PKCS#8 PEM: ${(error as Error).message}`,
    );
  }
}

function readOrCreate(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8');
  // a folder made here is private; an existing one is the operator's to set
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  const { privateKeyPem } = generateKeyPair();
  // Written aside, then linked into place: link fails if the name exists, so of two processes
  // starting together one key wins whole, and nobody ever reads a half-written file.
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(aside, privateKeyPem, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    chmodSync(aside, PRIVATE_FILE_MODE);
    linkSync(aside, path);
    return privateKeyPem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8');
    throw error;
  } finally {
    unlinkSync(aside);
  }
}
