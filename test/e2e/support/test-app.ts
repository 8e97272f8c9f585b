import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import type { Actor } from '@mesas/domain';
import { loadConfig, authSecretOf, signToken } from '@mesas/runtime';
import { createApp } from '../../../apps/api/src/http/create-app';

export interface TestApp {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  readonly dataDir: string;
  /** the HS256 secret the app verifies tokens with */
  readonly secret: string;
  /** `http://127.0.0.1:PORT/api/v1` when started with `listen: true`, else null */
  readonly baseUrl: string | null;
  token(actor: Partial<Actor> & Pick<Actor, 'role'>): string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Listen on an ephemeral port of 127.0.0.1 (for clients that need a real URL, such as the demo
   * loader). Without it, supertest drives the server without a port.
   */
  readonly listen?: boolean;
  /** use this DATA_DIR (kept on close) instead of a fresh temporary one (removed on close) */
  readonly dataDir?: string;
  /** write the JSON log lines here (at LOG_LEVEL) instead of logging nothing */
  readonly logDestination?: DestinationStream;
  /** false: commands go through Express and Nest only (apps/api/src/http/fast-commands.ts) */
  readonly fastCommands?: false;
}

/** The real application on a fresh embedded store in a temporary DATA_DIR. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mesas-e2e-'));
  const serverProfile = env.EVENT_STORE !== undefined && env.EVENT_STORE !== 'sqlite';
  const config = loadConfig({
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    // a test app is one client sending hundreds of requests a minute, bad tokens included: the
    // rate limits are off unless a test turns them on to test them
    RATE_LIMIT_READS_PER_MINUTE: '0',
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '0',
    // the server profile takes its token secret from AUTH_SECRET only
    ...(serverProfile ? { AUTH_SECRET: randomBytes(32).toString('hex') } : {}),
    ...env,
  });
  const app = await createApp(config, {
    ...(options.logDestination ? { logDestination: options.logDestination } : { logger: false }),
    ...(options.fastCommands === false ? { fastCommands: false as const } : {}),
  });
  let baseUrl: string | null = null;
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}${API}`;
  } else {
    await app.init();
  }
  const secret = authSecretOf(config);
  return {
    app,
    http: request(app.getHttpServer()),
    dataDir,
    secret,
    baseUrl,
    token: (actor) => signToken(secret, { sub: `test-${actor.role}`, ...actor }),
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const API = '/api/v1';

/** A fresh lowercase id, so that every test owns its streams. */
export function freshId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
