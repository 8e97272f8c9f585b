import { Client, Pool, PoolClient } from 'pg';

/** Where a PostgreSQL-backed store lives: a server and, inside its database, one schema. */
export interface PostgresConnectionOptions {
  /** postgres://user@host:port/database */
  readonly connectionString: string;
  /** the schema that holds the tables, created when missing; `public` when not given */
  readonly schema?: string;
  /** shown in pg_stat_activity (PGAPPNAME when not given) */
  readonly applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name we accept: lowercase SQL identifier, so quoting never changes its meaning. */
export function schemaNameOf(options: PostgresConnectionOptions): string {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`not a schema name (lowercase letters, digits and _ only): ${schema}`);
  }
  return schema;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function openPool(options: PostgresConnectionOptions, max: number): Pool {
  const pool = new Pool({
    connectionString: options.connectionString,
    max,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  // An idle client whose connection dies is dropped by the pool; the next checkout reconnects.
  // Without a listener the error would be thrown at the process.
  pool.on('error', () => undefined);
  return pool;
}

/** A connection of its own (LISTEN, session-level advisory locks): never shared with a pool. */
export function openClient(options: PostgresConnectionOptions, queryTimeoutMs?: number): Client {
  return new Client({
    connectionString: options.connectionString,
    keepAlive: true,
    ...(queryTimeoutMs !== undefined ? { query_timeout: queryTimeoutMs } : {}),
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
}

/**
 * Creates the schema and runs idempotent DDL (CREATE ... IF NOT EXISTS, CREATE OR REPLACE)
 * under a transaction advisory lock, so that processes starting at the same time do not race on
 * the catalog. When every table in `tables` and every function in `functions` already exists
 * nothing is run, so a role without CREATE rights (objects made beforehand by an administrator,
 * with the same DDL) can open the store.
 */
export async function ensureSchema(
  pool: Pool,
  schema: string,
  ddl: string,
  tables: readonly string[],
  functions: readonly string[] = [],
): Promise<void> {
  const { rows } = await pool.query<{ missing: number }>(
    `SELECT (SELECT count(*) FROM unnest($1::text[]) AS t(name)
               WHERE to_regclass(quote_ident($3) || '.' || quote_ident(t.name)) IS NULL)
          + (SELECT count(*) FROM unnest($2::text[]) AS f(name)
               WHERE to_regproc(quote_ident($3) || '.' || quote_ident(f.name)) IS NULL)
          AS missing`,
    [tables, functions, schema],
  );
  if (Number(rows[0].missing) === 0) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `mesas-ddl/${schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(ddl);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw error;
  }
}

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK
 * when it throws (the error is rethrown as it was). A connection that failed is not reused.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The SQLSTATE of a server error (e.g. 23505 unique_violation), or null. */
export function sqlState(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

export function constraintOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('constraint' in error)) return null;
  const name = (error as { constraint: unknown }).constraint;
  return typeof name === 'string' ? name : null;
}

export const UNIQUE_VIOLATION = '23505';
