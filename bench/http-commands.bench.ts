import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { signToken } from '@mesas/runtime';
import { median, rawInsertLoop, round1 } from './support/store-load';

/**
 * Commands over HTTP in the embedded profile: `clients` keep-alive clients, each revising the
 * solution of a problem of its own as fast as the API answers (every answer a 201: an fsync'd
 * append, then the projections), against the named peer "raw better-sqlite3 INSERT, one
 * transaction per insert, synchronous=FULL, on the same disk", the contenders alternated round
 * by round. The API runs as its own process (`node bin/api.js`, built by `npm run bench`), so
 * the load generator does not share its event loop. The ratio is what to compare.
 */
export async function main(): Promise<Record<string, unknown>> {
  const commands = Number(process.env.BENCH_COMMANDS ?? 2000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const clients = Number(process.env.BENCH_CLIENTS ?? 32);
  const dir = mkdtempSync(join(tmpdir(), 'mesas-bench-http-'));
  const samples = { raw: [] as number[], http: [] as number[] };
  const statuses: Record<string, number> = {};
  try {
    for (let round = 0; round < rounds; round++) {
      samples.raw.push(rawInsertLoop(join(dir, `raw-${round}.sqlite`), commands));
      const api = await startApi(join(dir, `api-${round}`));
      try {
        samples.http.push(await commandLoad(api, commands, clients, statuses));
      } finally {
        await api.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const raw = median(samples.raw);
  const http = median(samples.http);
  return {
    commands,
    rounds,
    clients,
    peer: {
      name: 'raw better-sqlite3 INSERT per transaction (WAL, synchronous=FULL), same disk',
      insertsPerSecond: round1(raw),
    },
    http: { commandsPerSecond: round1(http), ratioToPeer: round1(http / raw, 3), statuses },
    samples,
  };
}

interface RunningApi {
  readonly base: string;
  readonly token: string;
  stop(): Promise<void>;
}

async function startApi(dataDir: string): Promise<RunningApi> {
  const port = await freePort();
  const secret = randomUUID() + randomUUID();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=DIR writes the API's CPU profile there (what bounds the number)
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      resolve(__dirname, '..', '..', 'bin', 'api.js'),
    ],
    {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        DEMO_DATA: 'off',
        AUTH_SECRET: secret,
        EVENT_STORE: 'sqlite',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}/api/v1`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/mesas`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the API did not start within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    token: signToken(secret, { sub: 'bench', role: 'coordinator' }),
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A launched mesa with `clients` accepted problems, then the measured revisions. */
async function commandLoad(
  api: RunningApi,
  commands: number,
  clients: number,
  statuses: Record<string, number>,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const post = (path: string, body: object) => postJson(agent, api, path, body);
  const mesaId = `bench-${randomUUID().slice(0, 8)}`;
  const m = `/mesas/${mesaId}`;
  await post('/mesas', {
    mesaId,
    name: 'Mesa de prueba',
    kind: 'sector',
    scope: 'bench',
    convener: 'PRODUCE',
  });
  await post(`${m}/viability`, { viable: true, notes: 'bench' });
  await post(`${m}/launch`, {});
  await post(`${m}/participants`, {
    participantId: 'gremio',
    name: 'Gremio',
    organisation: 'Gremio',
    role: 'private',
  });
  const problems = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const problemId = `${mesaId}-p${i}`;
      await post(`${m}/problems`, {
        problemId,
        title: `Problema ${i}`,
        barrier: 'red_tape',
        raisedBy: 'gremio',
      });
      await post(`/problems/${problemId}/filter`, { decision: 'accepted' });
      return problemId;
    }),
  );
  const perClient = Math.ceil(commands / clients);
  const started = performance.now();
  await Promise.all(
    problems.map(async (problemId) => {
      for (let i = 0; i < perClient; i++) {
        const status = await post(`/problems/${problemId}/solutions`, {
          text: `Revisión ${i} de la solución`,
          rationale: 'lo aprendido en la ejecución',
        });
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const rate = (perClient * clients) / ((performance.now() - started) / 1000);
  agent.destroy();
  return rate;
}

function postJson(agent: Agent, api: RunningApi, path: string, body: object): Promise<number> {
  const payload = JSON.stringify(body);
  const url = new URL(`${api.base}${path}`);
  return new Promise((done, fail) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${api.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}
