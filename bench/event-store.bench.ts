import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventStore, SqliteEventStore } from '@mesas/event-store';
import { appendLoop, median, rawInsertLoop, round1 } from './support/store-load';
import { PeerLoad, emmettSqliteLoop, openEmmettSqlite } from './support/emmett-sqlite-peer';

/**
 * Append throughput of the SQLite adapter (one command = one append with its expected-version
 * check, fsync on commit) against the named peer "raw better-sqlite3 INSERT, one transaction per
 * insert, same durability settings, no concurrency check", measured in the same run with the
 * contenders alternated round by round (the machine is shared: compare the ratios):
 *
 * - one writer: each append awaited before the next (no group can form);
 * - eight concurrent writers: the adapter's group commit shares one transaction and one fsync
 *   among the appends that arrive together; the raw loop still pays one fsync per insert.
 *
 * A second named peer, Emmett's SQLite event store 0.42 (bench/support/emmett-sqlite-peer.ts),
 * runs the same two loads in each round (at most `BENCH_EMMETT_COMMANDS` appends, 400 by default,
 * and 15 s a load: under concurrency most of its appends fail with SQLITE_BUSY, and each failure
 * is slow). Its rate counts successful appends only; its failures are reported beside it.
 *
 * Also the cost of reading a stream back to decide (the command path's read).
 */
export async function main(): Promise<Record<string, unknown>> {
  const commands = Number(process.env.BENCH_COMMANDS ?? 2000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'mesas-bench-es-'));
  const samples = { raw: [] as number[], one: [] as number[], eight: [] as number[] };
  const rawBeforeEight: number[] = [];
  const emmettCommands = Math.min(commands, Number(process.env.BENCH_EMMETT_COMMANDS ?? 400));
  const emmett = { one: [] as PeerLoad[], eight: [] as PeerLoad[] };
  let readMs = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      samples.raw.push(rawInsertLoop(join(dir, `raw-${round}.sqlite`), commands));
      const store = new SqliteEventStore({ filename: join(dir, `events-${round}.sqlite`) });
      samples.one.push(await appendLoop(store, commands, 1));
      // the peer again, so that each contender is compared with a raw rate measured just before it
      rawBeforeEight.push(rawInsertLoop(join(dir, `raw-${round}-b.sqlite`), commands));
      samples.eight.push(await appendLoop(store, commands, 8));
      if (round === 0) readMs = await readLoop(store, 500);
      await store.close();
      const peer = await openEmmettSqlite(join(dir, `emmett-${round}.sqlite`));
      emmett.one.push(await emmettSqliteLoop(peer, emmettCommands, 1));
      emmett.eight.push(await emmettSqliteLoop(peer, emmettCommands, 8));
    }
    const raw = median([...samples.raw, ...rawBeforeEight]);
    const one = median(samples.one);
    const eight = median(samples.eight);
    return {
      commands,
      rounds,
      peer: {
        name: 'raw better-sqlite3 INSERT per transaction (WAL, synchronous=FULL)',
        appendsPerSecond: round1(raw),
      },
      oneWriter: { appendsPerSecond: round1(one), ...ratios(samples.one, samples.raw, raw) },
      eightWriters: {
        appendsPerSecond: round1(eight),
        ...ratios(samples.eight, rawBeforeEight, raw),
      },
      emmettSqlite: {
        name: 'Emmett SQLite event store 0.42.4 (sqlite3 driver, WAL, synchronous=FULL)',
        oneWriter: emmettSummary(emmett.one, one),
        eightWriters: emmettSummary(emmett.eight, eight),
      },
      streamReadMs: round1(readMs, 3),
      samples: { ...samples, rawBeforeEight, emmett },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The ratio of the medians, and each round's own ratio (against the peer measured just before
 * it, so under the same load) with their median: the machine's load moves that one less.
 */
function ratios(ours: number[], peer: number[], peerMedian: number) {
  const perRound = ours.map((x, i) => x / peer[i]);
  return {
    ratioToPeer: round1(median(ours) / peerMedian, 3),
    roundRatios: perRound.map((r) => round1(r, 3)),
    medianRoundRatio: round1(median(perRound), 3),
  };
}

/** Emmett's median rate of successful appends, our ratio to it, and how many of its appends failed. */
function emmettSummary(loads: PeerLoad[], ours: number) {
  const rate = median(loads.map((l) => l.appendsPerSecond));
  return {
    appendsPerSecond: round1(rate),
    oursToEmmett: rate > 0 ? round1(ours / rate, 2) : null,
    failed: loads.reduce((n, l) => n + l.failed, 0),
    attempted: loads.reduce((n, l) => n + l.attempted, 0),
    firstError: loads.find((l) => l.firstError)?.firstError ?? null,
  };
}

async function readLoop(store: EventStore, reads: number): Promise<number> {
  const page = await store.readAll(null, 1);
  const stream = page.events[0].streamId;
  const started = performance.now();
  for (let i = 0; i < reads; i++) await store.readStream(stream);
  return (performance.now() - started) / reads;
}
