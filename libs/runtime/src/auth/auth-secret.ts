import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, ensurePrivateDir, tightenFile } from '../stores/private-files';
import type { AppConfig } from '../config/app-config';

export const SECRET_FILE = 'auth-secret';

/**
 * The HS256 secret: AUTH_SECRET when set; otherwise the embedded profile makes one on first use
 * and keeps it under DATA_DIR (mode 0600, the folder 0700), where the CLI finds the same one.
 */
export function resolveAuthSecret(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    tightenFile(file);
    return readFileSync(file, 'utf8').trim();
  }
  ensurePrivateDir(dataDir);
  const secret = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, `${secret}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    // another process made it first: use theirs
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return readFileSync(file, 'utf8').trim();
    throw error;
  }
  chmodSync(file, PRIVATE_FILE_MODE);
  return secret;
}

/**
 * The secret this deployment verifies tokens with. In the server profile every process must
 * share one, so only AUTH_SECRET will do: a secret generated under one process's DATA_DIR would
 * be a secret no other process knows (and `mesas token` would sign tokens nobody accepts).
 */
export function authSecretOf(
  config: Pick<AppConfig, 'authSecret' | 'dataDir' | 'eventStore'>,
): string {
  if (config.authSecret) return config.authSecret;
  if (config.eventStore !== 'sqlite') {
    throw new Error(
      `EVENT_STORE=${config.eventStore}: every process must verify tokens with the same secret; set AUTH_SECRET (e.g. openssl rand -hex 32)`,
    );
  }
  return resolveAuthSecret(null, config.dataDir);
}
