import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * PostgreSQL for the int and e2e suites: the machine's server (TEST_DATABASE_URL, set by
 * test/setup/global-setup.js; postgres://postgres@127.0.0.1:5432/test by default), one fresh
 * schema per test file, dropped after it.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

let reachable: boolean | null = null;
let warned = false;

/**
 * Whether the server answers. Decided synchronously (a short child process), because jest
 * decides `describe` versus `describe.skip` while it collects the tests.
 */
export function postgresReachable(): boolean {
  if (reachable !== null) return reachable;
  const probe = `
    const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(
      () => process.exit(0),
      () => process.exit(1),
    );`;
  const result = spawnSync(process.execPath, ['-e', probe, TEST_DATABASE_URL], {
    cwd: process.cwd(),
    timeout: 10_000,
    stdio: 'ignore',
  });
  reachable = result.status === 0;
  return reachable;
}

/**
 * `describe` when PostgreSQL answers. Otherwise: under CI=true the suite fails (a missing
 * service is never a silent pass); elsewhere it is skipped, and says so once, loudly.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (postgresReachable()) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs PostgreSQL', () => {
        throw new Error(`PostgreSQL is not reachable at ${redact(TEST_DATABASE_URL)} and CI=true`);
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    console.warn(
      `SKIPPED: PostgreSQL is not reachable at ${redact(TEST_DATABASE_URL)}; the PostgreSQL ` +
        'suites did not run. Start it (infra/postgres/ensure-running.sh) or set TEST_DATABASE_URL.',
    );
  }
  describe.skip(name, body);
}

export interface TestSchema {
  /** e.g. mesas_test_3f9a1c0b2d4e */
  readonly schema: string;
  readonly url: string;
  /** drops the schema and everything in it */
  drop(): Promise<void>;
}

/** A fresh, empty schema of its own for one test file. */
export async function createTestSchema(prefix = 'mesas_test'): Promise<TestSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await sql(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    url: TEST_DATABASE_URL,
    drop: async () => {
      await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/** Runs statements on a short-lived connection of its own. */
export async function sql<T = Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query(text, values);
    return result.rows as T[];
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
