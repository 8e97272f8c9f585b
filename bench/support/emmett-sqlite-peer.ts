import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { benchEvent } from './store-load';

/**
 * The named peer "Emmett SQLite event store 0.42" (@event-driven-io/emmett-sqlite, a bench
 * dev-dependency; see docs/decisions/0026-emmett-sqlite-peer.md for why it runs on Emmett 0.42.0).
 * It writes through the `sqlite3` driver in WAL mode with SQLite's default synchronous=FULL, the
 * same durability as ours, and opens a connection per operation for a file database.
 */
export interface EmmettSqliteStore {
  appendToStream(
    stream: string,
    events: { type: string; data: Record<string, unknown> }[],
    options: { expectedStreamVersion: bigint },
  ): Promise<unknown>;
}

export interface PeerLoad {
  /** appends tried before the deadline */
  readonly attempted: number;
  /** appends that succeeded, per second of the whole loop */
  readonly appendsPerSecond: number;
  /** appends the peer refused or failed (for Emmett SQLite: SQLITE_BUSY under concurrency) */
  readonly failed: number;
  /** the first failure's message, to say why */
  readonly firstError: string | null;
}

/** Emmett ships ES modules and CommonJS; loaded only here, when the benchmark runs. */
export async function openEmmettSqlite(file: string): Promise<EmmettSqliteStore> {
  const { getSQLiteEventStore } = await import('@event-driven-io/emmett-sqlite');
  const store = getSQLiteEventStore({
    fileName: file,
    schema: { autoMigration: 'CreateOrUpdate' },
  }) as unknown as EmmettSqliteStore;
  // the first append creates Emmett's schema: keep that out of the measured loops
  await store.appendToStream(`warmup-${randomUUID()}`, [{ type: 'Warmup', data: {} }], {
    expectedStreamVersion: 0n,
  });
  return store;
}

/**
 * The same load as `appendLoop`: `writers` concurrent clients, each appending one event at a
 * time to its own streams with the expected version. A failed append is counted, not retried,
 * and its stream's version is not advanced.
 */
export async function emmettSqliteLoop(
  store: EmmettSqliteStore,
  commands: number,
  writers: number,
  /** writers start no new append after this long (its failures can take seconds each) */
  deadlineMs = 15_000,
): Promise<PeerLoad> {
  const perWriter = Math.ceil(commands / writers);
  let failed = 0;
  let firstError: string | null = null;
  const consoleError = console.error;
  console.error = () => undefined;
  const started = performance.now();
  let attempted = 0;
  try {
    await Promise.all(
      Array.from({ length: writers }, async () => {
        const streams = Array.from({ length: 10 }, () => `problem-bench-${randomUUID()}`);
        const versions = new Map<string, bigint>();
        for (let i = 0; i < perWriter; i++) {
          if (performance.now() - started > deadlineMs) break;
          attempted++;
          const stream = streams[i % streams.length];
          const v = versions.get(stream) ?? 0n;
          const e = benchEvent();
          try {
            await store.appendToStream(stream, [{ type: e.type, data: e.data }], {
              expectedStreamVersion: v,
            });
            versions.set(stream, v + 1n);
          } catch (error) {
            failed++;
            firstError ??= error instanceof Error ? error.message : String(error);
          }
        }
      }),
    );
  } finally {
    console.error = consoleError;
  }
  const seconds = (performance.now() - started) / 1000;
  return { appendsPerSecond: (attempted - failed) / seconds, attempted, failed, firstError };
}
