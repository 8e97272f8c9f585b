import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { PostgresEventStore } from '@mesas/event-store';
import {
  appendLoop,
  benchEvent,
  createRawPgTable,
  median,
  rawPgInsertLoop,
  round1,
  withDatabase,
} from './support/store-load';

/**
 * Append throughput of the PostgreSQL adapter with concurrent writers, against two peers measured
 * in the same run on the same server, the contenders alternated round by round (the ratios are
 * what to compare):
 *
 * - "raw": node-postgres BEGIN / INSERT / COMMIT, one event per transaction, on as many
 *   connections as writers (no stream table, no version check);
 * - "emmett": Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql 0.42), the same
 *   appends with an expected stream version, in a database of its own.
 *
 * Needs DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); works in a schema and a
 * database of its own, dropped at the end.
 */
export async function main(): Promise<Record<string, unknown>> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const commands = Number(process.env.BENCH_COMMANDS ?? 4000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const writers = Number(process.env.BENCH_WRITERS ?? 8);
  const schema = `bench_pg_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Pool({ connectionString: url, max: writers });
  const samples = {
    raw: [] as number[],
    emmett: [] as number[],
    ours: [] as number[],
    oursOneWriter: [] as number[],
  };
  const emmettDb = `bench_emmett_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  try {
    await admin.query(`CREATE DATABASE ${emmettDb}`);
    const emmett = await openEmmett(withDatabase(url, emmettDb));
    await admin.query(`CREATE SCHEMA ${schema}`);
    await createRawPgTable(admin, schema);
    const store = await PostgresEventStore.open({
      connectionString: url,
      schema,
      poolSize: writers,
      listen: false,
    });
    for (let round = 0; round < rounds; round++) {
      samples.raw.push(await rawPgInsertLoop(admin, schema, commands, writers));
      samples.ours.push(await appendLoop(store, commands, writers));
      samples.emmett.push(await emmettLoop(emmett, commands, writers));
      samples.oursOneWriter.push(await appendLoop(store, Math.ceil(commands / 4), 1));
    }
    await store.close();
    await emmett.close();
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${emmettDb} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  const raw = median(samples.raw);
  const ours = median(samples.ours);
  return {
    commands,
    rounds,
    writers,
    loadAverage: loadavg().map((n) => round1(n, 2)),
    peer: {
      name: `raw node-postgres BEGIN/INSERT/COMMIT, ${writers} connections`,
      appendsPerSecond: round1(raw),
    },
    emmett: {
      name: 'Emmett PostgreSQL event store 0.42, expected stream version',
      appendsPerSecond: round1(median(samples.emmett)),
    },
    ours: {
      appendsPerSecond: round1(ours),
      ratioToPeer: round1(ours / raw, 3),
      ratioToEmmett: round1(ours / median(samples.emmett), 3),
    },
    oursOneWriter: { appendsPerSecond: round1(median(samples.oursOneWriter)) },
    samples,
  };
}

interface EmmettStore {
  appendToStream(
    stream: string,
    events: { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[],
    options: { expectedStreamVersion: bigint },
  ): Promise<unknown>;
  close(): Promise<void>;
}

/** Emmett ships ES modules and CommonJS; loaded only here, when the benchmark runs. */
async function openEmmett(url: string): Promise<EmmettStore> {
  const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
  const store = getPostgreSQLEventStore(url) as unknown as EmmettStore;
  // the first append migrates Emmett's schema: keep that out of the measured loops
  await store.appendToStream(
    `warmup-${randomUUID()}`,
    [{ type: 'Warmup', data: {}, metadata: {} }],
    {
      expectedStreamVersion: 0n,
    },
  );
  return store;
}

async function emmettLoop(store: EmmettStore, commands: number, writers: number) {
  const perWriter = Math.ceil(commands / writers);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const streams = Array.from({ length: 10 }, () => `problem-bench-${randomUUID()}`);
      const versions = new Map<string, bigint>();
      for (let i = 0; i < perWriter; i++) {
        const stream = streams[i % streams.length];
        const v = versions.get(stream) ?? 0n;
        const e = benchEvent();
        // the same event as ours, metadata included, so both store the same bytes
        const metadata = { ...e.metadata };
        await store.appendToStream(stream, [{ type: e.type, data: e.data, metadata }], {
          expectedStreamVersion: v,
        });
        versions.set(stream, v + 1n);
      }
    }),
  );
  return (perWriter * writers) / ((performance.now() - started) / 1000);
}
