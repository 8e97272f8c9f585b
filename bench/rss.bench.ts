/**
 * Memory of the embedded API with a large log (target: API RSS under 300 MB with
 * 1M events stored, and during a rebuild).
 *
 * A data directory holding BENCH_EVENTS events (default 1,000,000; bench/support/realistic-log.ts)
 * and their projections, already applied, is made once and cached under the OS temporary
 * directory. The API (`node bin/api.js`, embedded profile, projections run in-process) is
 * started on it, and its /proc/<pid>/status VmRSS is sampled every 100 ms:
 *
 * 1. idle after start (5 s);
 * 2. while every public read is served once and then again (matrix, mesa list, history pages,
 *    analytics over all mesas, the portal's pages, transparency checkpoint): what stays
 *    resident after real use;
 * 3. during `mesas projections rebuild` (all projections, one pass), run as its own process
 *    on the same data directory while the API keeps serving reads: how a rebuild is started
 *    while the embedded API runs. The CLI's own RSS is sampled too.
 *
 * Reports each phase's peak VmRSS and the API's VmHWM at the end, in MB. The rebuild replaces
 * the projections with identical ones, so the cached directory stays valid.
 *
 *   npm run build && BENCH_EVENTS=1000000 node bin/bench.js rss
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '@mesas/event-store';
import {
  SqliteDocumentStore,
  analyticsProjection,
  historyProjection,
  matrixProjection,
  rebuildProjections,
} from '@mesas/projections';
import { freePort } from './support/processes';
import { realisticLog } from './support/realistic-log';

const log = (line: string) => process.stderr.write(`${line}\n`);
const MB = 1024 * 1024;

/** The cached data directory: the log and its projections, applied. */
async function dataDir(events: number): Promise<string> {
  const logFile = realisticLog(events);
  const dir = join(tmpdir(), 'mesas-bench-logs', `data-${events}-v1`);
  if (existsSync(join(dir, 'read-models.sqlite'))) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  copyFileSync(logFile, join(partial, 'events.sqlite'));
  const store = new SqliteEventStore({ filename: join(partial, 'events.sqlite') });
  const documents = new SqliteDocumentStore(join(partial, 'read-models.sqlite'));
  try {
    const t0 = performance.now();
    const outcomes = await rebuildProjections(
      [matrixProjection, analyticsProjection, historyProjection],
      store,
      documents,
    );
    const failed = outcomes.find((o) => o.error);
    if (failed?.error) throw failed.error;
    log(`projections of ${events} events applied in ${Math.round(performance.now() - t0)} ms`);
  } finally {
    await documents.close();
    await store.close();
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}

function status(pid: number): { rss: number; hwm: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
    return { rss: (kb('VmRSS') * 1024) / MB, hwm: (kb('VmHWM') * 1024) / MB };
  } catch {
    return null;
  }
}

/** Samples VmRSS of `pid` every 100 ms until stopped; returns the peak and the last, in MB. */
function sampler(pid: number): { stop: () => { peakMb: number; lastMb: number; samples: number } } {
  let peak = 0;
  let last = 0;
  let samples = 0;
  const timer = setInterval(() => {
    const s = status(pid);
    if (!s) return;
    samples++;
    last = s.rss;
    peak = Math.max(peak, s.rss);
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      const s = status(pid);
      if (s) {
        last = s.rss;
        peak = Math.max(peak, s.rss);
      }
      return { peakMb: Math.round(peak), lastMb: Math.round(last), samples };
    },
  };
}

function env(dir: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dir,
    DEMO_DATA: 'off',
    AUTH_SECRET: randomUUID() + randomUUID(),
    EVENT_STORE: 'sqlite',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_READS_PER_MINUTE: '1000000',
  };
}

async function startApi(dir: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      resolve(__dirname, '..', '..', 'bin', 'api.js'),
    ],
    { env: env(dir, port), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/v1/mesas`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the API did not start within 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, base };
}

const READS = [
  '/api/v1/mesas',
  '/api/v1/mesas/mesa-0',
  '/api/v1/mesas/mesa-0/matrix',
  '/api/v1/mesas/mesa-7/matrix',
  '/api/v1/problems/mesa-0-p3',
  '/api/v1/history?limit=100',
  '/api/v1/mesas/mesa-3/history?limit=100',
  '/api/v1/analytics/time-to-resolution',
  '/api/v1/analytics/cadence?mesaId=mesa-0&from=2015-01-01&to=2016-12-31',
  '/api/v1/analytics/tasks',
  '/api/v1/analytics/escalations',
  '/api/v1/analytics/whose-move',
  '/api/v1/analytics/screening',
  '/api/v1/transparency/checkpoint',
  '/',
  '/mesas/mesa-0',
  '/history',
  '/analytics',
];

/** Every read once; returns the status codes seen (a 5xx is a finding, not a crash). */
async function readAll(base: string): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  for (const path of READS) {
    const res = await fetch(`${base}${path}`);
    await res.arrayBuffer();
    statuses[path] = res.status;
  }
  return statuses;
}

export async function main(argv: readonly string[] = process.argv.slice(2)) {
  const events = Number(argv[0] === '--events' ? argv[1] : (process.env.BENCH_EVENTS ?? 1_000_000));
  const loadAtStart = loadavg()[0];
  const dir = await dataDir(events);
  log(`data directory of ${events} events: ${dir}`);
  const api = await startApi(dir);
  const pid = api.child.pid!;
  try {
    let s = sampler(pid);
    await new Promise((r) => setTimeout(r, 5000));
    const idle = s.stop();
    log(`idle: ${JSON.stringify(idle)}`);

    s = sampler(pid);
    const t0 = performance.now();
    const statuses = await readAll(api.base);
    await readAll(api.base);
    const reads = { ...s.stop(), ms: Math.round(performance.now() - t0), statuses };
    log(`reads: ${JSON.stringify(reads)}`);

    s = sampler(pid);
    const cli = spawn(
      process.execPath,
      [
        // BENCH_CPU_PROF=DIR profiles the API and the rebuild (what bounds the rebuild's rate)
        ...(process.env.BENCH_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
          : []),
        resolve(__dirname, '..', '..', 'bin', 'mesas.js'),
        'projections',
        'rebuild',
      ],
      { env: env(dir, 0), stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const cliSampler = sampler(cli.pid!);
    const t1 = performance.now();
    let serving = true;
    // the API keeps serving reads while the rebuild runs
    const reader = (async () => {
      let rounds = 0;
      while (serving) {
        await readAll(api.base);
        rounds++;
        await new Promise((r) => setTimeout(r, 250));
      }
      return rounds;
    })();
    const code = await new Promise<number | null>((done) => cli.once('exit', done));
    const cliMemory = cliSampler.stop();
    serving = false;
    const readRounds = await reader;
    const duringRebuild = {
      ...s.stop(),
      ms: Math.round(performance.now() - t1),
      cliExitCode: code,
      readRoundsMeanwhile: readRounds,
      cli: cliMemory,
    };
    log(`during rebuild: ${JSON.stringify(duringRebuild)}`);
    const after = await readAll(api.base);
    const hwm = status(pid)?.hwm ?? 0;
    return {
      benchmark: 'rss',
      environment: {
        node: process.version,
        cpus: cpus().length,
        loadAverage: { start: loadAtStart, end: loadavg()[0] },
      },
      events,
      limitMb: 300,
      api: {
        idle,
        reads,
        duringRebuild,
        vmHwmMb: Math.round(hwm),
        statusesAfterRebuild: after,
      },
    };
  } finally {
    await new Promise<void>((done) => {
      api.child.once('exit', () => done());
      api.child.kill('SIGTERM');
    });
  }
}

if (require.main === module) {
  main().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
