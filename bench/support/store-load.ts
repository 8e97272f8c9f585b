import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { EventStore, ExpectedVersion, NewEvent } from '@mesas/event-store';

/** What the store benchmarks share: the event appended, the load, the raw peer, the statistics. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function benchEvent(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'TaskProgressReported',
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    data: { mesaId: 'forestal', problemId: 'p', taskId: 't', note: 'Avance reportado en sesión' },
    metadata: {
      actor: 'bench',
      correlationId: randomUUID(),
      causationId: null,
      commandId: randomUUID(),
    },
  };
}

/** `writers` concurrent clients, each appending to its own streams one command at a time. */
export async function appendLoop(
  store: EventStore,
  commands: number,
  writers: number,
): Promise<number> {
  const perWriter = Math.ceil(commands / writers);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const streams = Array.from({ length: 10 }, () => `problem-bench-${randomUUID()}`);
      const versions = new Map<string, number>();
      for (let i = 0; i < perWriter; i++) {
        const stream = streams[i % streams.length];
        const v = versions.get(stream) ?? 0;
        await store.append(stream, [benchEvent()], ExpectedVersion.exact(v));
        versions.set(stream, v + 1);
      }
    }),
  );
  return (perWriter * writers) / ((performance.now() - started) / 1000);
}

export function rawInsertLoop(file: string, commands: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE e (id INTEGER PRIMARY KEY, event_id TEXT, stream TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO e (event_id, stream, data) VALUES (?, ?, ?)');
  const tx = db.transaction((e: NewEvent) =>
    insert.run(e.eventId, 'problem-x', JSON.stringify(e.data)),
  );
  const started = performance.now();
  for (let i = 0; i < commands; i++) tx.immediate(benchEvent());
  const rate = commands / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

/** The raw PostgreSQL peer's table, in `schema`. */
export async function createRawPgTable(pool: Pool, schema: string): Promise<void> {
  await pool.query(
    `CREATE TABLE ${schema}.raw_events (id bigserial PRIMARY KEY, event_id text UNIQUE,
       stream_id text, data json)`,
  );
}

/**
 * The raw PostgreSQL peer: `connections` clients, each BEGIN / INSERT one event / COMMIT, one
 * after the other, into the table `createRawPgTable` made; inserts per second.
 */
export async function rawPgInsertLoop(
  pool: Pool,
  schema: string,
  commands: number,
  connections: number,
): Promise<number> {
  const perConnection = Math.ceil(commands / connections);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        for (let i = 0; i < perConnection; i++) {
          const e = benchEvent();
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO ${schema}.raw_events (event_id, stream_id, data) VALUES ($1, $2, $3)`,
            [e.eventId, 'problem-raw', JSON.stringify(e.data)],
          );
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    }),
  );
  return (perConnection * connections) / ((performance.now() - started) / 1000);
}

export const round1 = (n: number, digits = 1): number => Number(n.toFixed(digits));

/** The same PostgreSQL URL naming another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
