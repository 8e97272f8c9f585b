import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventStore, ExpectedVersion, NewEvent, SqliteEventStore } from '@mesas/event-store';

/**
 * Append throughput of the SQLite adapter (one command = one transaction, optimistic
 * concurrency, fsync on commit) against the named peer "raw better-sqlite3 insert with the
 * same durability settings and no concurrency check", measured in the same run; and the cost of
 * reading a stream back to decide (the command path's read).
 */
export async function main(): Promise<Record<string, unknown>> {
  const commands = Number(process.env.BENCH_COMMANDS ?? 3000);
  const dir = mkdtempSync(join(tmpdir(), 'mesas-bench-es-'));
  try {
    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const ours = await appendLoop(store, commands);
    const readMs = await readLoop(store, 500);
    await store.close();

    const raw = rawInsertLoop(join(dir, 'raw.sqlite'), commands);
    return {
      commands,
      sqliteAdapter: { appendsPerSecond: round(ours), streamReadMs: round(readMs, 3) },
      peer: {
        name: 'raw better-sqlite3 INSERT per transaction (WAL, synchronous=FULL)',
        appendsPerSecond: round(raw),
      },
      ratioToPeer: round(ours / raw, 3),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function event(): NewEvent {
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

async function appendLoop(store: EventStore, commands: number): Promise<number> {
  const streams = Array.from(
    { length: 100 },
    (_, i) => `problem-bench-${i}-${randomUUID().slice(0, 6)}`,
  );
  const versions = new Map<string, number>();
  const started = performance.now();
  for (let i = 0; i < commands; i++) {
    const stream = streams[i % streams.length];
    const v = versions.get(stream) ?? 0;
    await store.append(stream, [event()], ExpectedVersion.exact(v));
    versions.set(stream, v + 1);
  }
  return commands / ((performance.now() - started) / 1000);
}

async function readLoop(store: EventStore, reads: number): Promise<number> {
  const page = await store.readAll(null, 1);
  const stream = page.events[0].streamId;
  const started = performance.now();
  for (let i = 0; i < reads; i++) await store.readStream(stream);
  return (performance.now() - started) / reads;
}

function rawInsertLoop(file: string, commands: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE e (id INTEGER PRIMARY KEY, event_id TEXT, stream TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO e (event_id, stream, data) VALUES (?, ?, ?)');
  const tx = db.transaction((e: NewEvent) =>
    insert.run(e.eventId, 'problem-x', JSON.stringify(e.data)),
  );
  const started = performance.now();
  for (let i = 0; i < commands; i++) tx.immediate(event());
  const rate = commands / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
