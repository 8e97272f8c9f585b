import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Actor } from '@mesas/domain';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import { resolveAuthSecret } from '../../../apps/api/src/auth/auth-secret';
import { signToken } from '../../../apps/api/src/auth/tokens';
import { createApp } from '../../../apps/api/src/http/create-app';

export interface TestApp {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  readonly dataDir: string;
  token(actor: Partial<Actor> & Pick<Actor, 'role'>): string;
  close(): Promise<void>;
}

/** The real application on a fresh embedded store in a temporary DATA_DIR. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mesas-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off', ...env });
  const app = await createApp(config, { logger: false });
  await app.init();
  const secret = resolveAuthSecret(config.authSecret, config.dataDir);
  return {
    app,
    http: request(app.getHttpServer()),
    dataDir,
    token: (actor) => signToken(secret, { sub: `test-${actor.role}`, ...actor }),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const API = '/api/v1';

/** A fresh lowercase id, so that every test owns its streams. */
export function freshId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
