import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, IncomingHttpHeaders, request } from 'node:http';
import { Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { signToken } from '@mesas/runtime';
import { cpuMsOf, freePort, postJson, startApiProcess } from './support/processes';
import { median, round1 } from './support/store-load';

/**
 * Public reads over HTTP in the embedded profile against the named peer "a bare node:http server
 * answering the same bytes from memory". The API runs as its own process (`node bin/api.js`)
 * with a mesa of `BENCH_PROBLEMS` problems (each accepted, with a solution and a task); for each
 * route the exact answer (status, headers, body) is fetched once and a bare node:http server,
 * also its own process, is started to answer those bytes to every request. Both are then
 * loaded by the same generator (`BENCH_CONNECTIONS` keep-alive connections, each sending its
 * next request when the previous answer is complete), for `BENCH_SECONDS` per contender and
 * round, the contenders alternated round by round. The same again with `If-None-Match` (the
 * peer answers 304 when the tag matches). The ratio is what to compare.
 *
 * The read limit per client (RATE_LIMIT_READS_PER_MINUTE) is set to its maximum rather than
 * turned off: the load comes from one address, and the limiter's work stays in the measurement.
 * BENCH_CPU_PROF=DIR writes the API's CPU profile there.
 */
export async function main(): Promise<Record<string, unknown>> {
  const problems = Number(process.env.BENCH_PROBLEMS ?? 300);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const seconds = Number(process.env.BENCH_SECONDS ?? 2);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const only = process.env.BENCH_ROUTES?.split(',');
  const dir = mkdtempSync(join(tmpdir(), 'mesas-bench-reads-'));
  const api = await startApi(join(dir, 'api'));
  const results: Record<string, unknown> = {};
  try {
    const { mesaId, position } = await loadMesa(api, problems);
    const routes: Record<string, string> = {
      matrix: `/api/v1/mesas/${mesaId}/matrix`,
      history: `/api/v1/history?limit=100`,
      mesas: `/api/v1/mesas`,
      analytics: `/api/v1/analytics/tasks`,
    };
    // every projection has applied the whole load before the first measured answer
    for (const path of Object.values(routes)) {
      const sep = path.includes('?') ? '&' : '?';
      const waited = await fetchOnce(api.port, `${path}${sep}minPosition=${position}`);
      if (waited.status !== 200) throw new Error(`${path}: ${waited.status}`);
    }
    for (const [name, path] of Object.entries(routes)) {
      if (only && !only.includes(name)) continue;
      const answer = await fetchOnce(api.port, path);
      if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
      const etag = answer.headers.etag;
      const peer = await startPeer(dir, name, answer);
      try {
        const none = async () => ({});
        const full = await alternate(
          { api: api.process, peer: peer.process },
          path,
          { api: none, peer: none },
          { rounds, seconds, connections },
        );
        // the API's tag is fetched again before each of its rounds: answers "as of now" change
        // tag every minute (a round that crosses a minute counts its 200s, see statuses)
        const notModified = etag
          ? await alternate(
              { api: api.process, peer: peer.process },
              path,
              {
                api: async () => ({
                  'if-none-match': String((await fetchOnce(api.port, path)).headers.etag),
                }),
                peer: async () => ({ 'if-none-match': String(etag) }),
              },
              { rounds, seconds, connections },
            )
          : null;
        results[name] = {
          path,
          bodyBytes: answer.body.length,
          ...full,
          ...(notModified ? { notModified } : {}),
        };
      } finally {
        await peer.stop();
      }
      process.stderr.write(`${name}: ${JSON.stringify(results[name])}\n`);
    }
  } finally {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    problems,
    rounds,
    secondsPerRound: seconds,
    connections,
    peer: { name: 'bare node:http server answering the same bytes from memory (own process)' },
    routes: results,
  };
}

interface Contender {
  readonly port: number;
  readonly pid: number;
}

interface Contenders {
  readonly api: Contender;
  readonly peer: Contender;
}

/** Rounds of the API and the peer, alternated (the first to run swaps every round). */
async function alternate(
  ports: Contenders,
  path: string,
  headers: Record<keyof Contenders, () => Promise<Record<string, string>>>,
  options: { rounds: number; seconds: number; connections: number },
): Promise<Record<string, unknown>> {
  const samples = { api: [] as number[], peer: [] as number[] };
  const cpu = { api: [] as number[], peer: [] as number[] };
  const latencies = { api: [] as number[], peer: [] as number[] };
  const statuses = { api: {} as Record<string, number>, peer: {} as Record<string, number> };
  // warm both (JIT, caches) before measuring
  for (const who of ['api', 'peer'] as const) {
    await load(ports[who].port, path, await headers[who](), options.connections, 0.5, {});
  }
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? (['api', 'peer'] as const) : (['peer', 'api'] as const);
    for (const who of order) {
      const sent = await headers[who]();
      const cpuBefore = cpuMsOf(ports[who].pid) ?? Number.NaN;
      const run = await load(
        ports[who].port,
        path,
        sent,
        options.connections,
        options.seconds,
        statuses[who],
      );
      samples[who].push(run.rate);
      cpu[who].push((((cpuMsOf(ports[who].pid) ?? Number.NaN) - cpuBefore) / run.count) * 1e3);
      latencies[who].push(...run.latencies);
    }
  }
  const api = median(samples.api);
  const peer = median(samples.peer);
  return {
    api: {
      requestsPerSecond: round1(api),
      ...percentiles(latencies.api),
      // the server's own CPU per answer: steadier than rates on a shared machine
      cpuMicrosecondsPerRequest: round1(median(cpu.api)),
      statuses: statuses.api,
    },
    peer: {
      requestsPerSecond: round1(peer),
      ...percentiles(latencies.peer),
      cpuMicrosecondsPerRequest: round1(median(cpu.peer)),
      statuses: statuses.peer,
    },
    ratioToPeer: round1(api / peer, 3),
    samples,
  };
}

function percentiles(values: number[]): { p50Ms: number; p99Ms: number } {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50Ms: round1(at(0.5), 3), p99Ms: round1(at(0.99), 3) };
}

/**
 * The load: `connections` keep-alive sockets, each with one request in flight, for `seconds`.
 * A minimal HTTP/1.1 client (status line, Content-Length, body bytes counted), so that the
 * generator costs far less per request than either server.
 */
async function load(
  port: number,
  path: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
  statuses: Record<string, number>,
): Promise<{ rate: number; count: number; latencies: number[] }> {
  const head =
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n` +
    Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') +
    '\r\n';
  const requestBytes = Buffer.from(head, 'latin1');
  const latencies: number[] = [];
  let done = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise<void>((finish, fail) => {
          const socket: Socket = connect(port, '127.0.0.1');
          socket.setNoDelay(true);
          // the head of the answer being read (until its blank line), then the body bytes left
          let head: Buffer | null = null;
          let remaining = -1;
          let sentAt = 0;
          const send = () => {
            sentAt = performance.now();
            socket.write(requestBytes);
          };
          socket.on('connect', send);
          socket.on('error', fail);
          socket.on('data', (data: Buffer) => {
            let chunk = data;
            while (chunk.length > 0) {
              if (remaining < 0) {
                head = head === null ? chunk : Buffer.concat([head, chunk]);
                const end = head.indexOf('\r\n\r\n');
                if (end < 0) return;
                const text = head.toString('latin1', 0, end);
                const status = text.slice(9, 12);
                statuses[status] = (statuses[status] ?? 0) + 1;
                const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
                if (!length && /\r\ntransfer-encoding:/i.test(text)) {
                  fail(new Error(`chunked answer from ${path}: not supported by the generator`));
                  return;
                }
                remaining = length ? Number(length[1]) : 0;
                chunk = head.subarray(end + 4);
                head = null;
              }
              const taken = Math.min(remaining, chunk.length);
              remaining -= taken;
              chunk = chunk.subarray(taken);
              if (remaining > 0) return;
              remaining = -1;
              const now = performance.now();
              latencies.push(now - sentAt);
              done++;
              if (now >= until) {
                socket.end();
                finish();
                return;
              }
              send();
            }
          });
        }),
    ),
  );
  return { rate: done / ((performance.now() - started) / 1000), count: done, latencies };
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: string[];
  readonly body: Buffer;
}

function fetchOnce(port: number, path: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

/**
 * The peer, in its own process like the API: answers every request with the status, headers and
 * body the API gave (Date and the connection headers are node's own), or 304 with the ETag when
 * If-None-Match names it.
 */
async function startPeer(
  dir: string,
  name: string,
  answer: Answer,
): Promise<{ process: Contender; stop(): Promise<void> }> {
  const file = join(dir, `peer-${name}.json`);
  const headers: [string, string][] = [];
  for (let i = 0; i < answer.rawHeaders.length; i += 2) {
    const key = answer.rawHeaders[i];
    if (/^(date|connection|keep-alive|transfer-encoding)$/i.test(key)) continue;
    headers.push([key, answer.rawHeaders[i + 1]]);
  }
  writeFileSync(
    file,
    JSON.stringify({ status: answer.status, headers, body: answer.body.toString('base64') }),
  );
  const port = await freePort();
  const script = `
    const http = require('node:http');
    const a = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'));
    const body = Buffer.from(a.body, 'base64');
    const etag = (a.headers.find(([k]) => k.toLowerCase() === 'etag') || [])[1];
    const notModified = a.headers.filter(([k]) => !/^(content-length|content-type)$/i.test(k));
    http.createServer((req, res) => {
      if (etag && req.headers['if-none-match'] === etag) {
        res.writeHead(304, notModified.flat());
        res.end();
        return;
      }
      res.writeHead(a.status, a.headers.flat());
      res.end(body);
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready, fail) => {
    child.once('exit', (code) => fail(new Error(`the peer exited with ${code}`)));
    child.stdout?.once('data', () => ready());
  });
  child.removeAllListeners('exit');
  return {
    process: { port, pid: child.pid ?? 0 },
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

interface RunningApi {
  readonly port: number;
  readonly process: Contender;
  readonly base: string;
  readonly token: string;
  stop(): Promise<void>;
}

async function startApi(dataDir: string): Promise<RunningApi> {
  const secret = randomUUID() + randomUUID();
  const api = await startApiProcess({
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    AUTH_SECRET: secret,
    EVENT_STORE: 'sqlite',
    RATE_LIMIT_READS_PER_MINUTE: '1000000',
  });
  return {
    port: api.port,
    process: { port: api.port, pid: api.pid },
    base: `http://127.0.0.1:${api.port}/api/v1`,
    token: signToken(secret, { sub: 'bench', role: 'coordinator' }),
    stop: () => api.stop(),
  };
}

/**
 * A launched mesa with `problems` problems raised, accepted, each with a solution and a task:
 * sent through the HTTP API, 16 at a time. Returns the last position written.
 */
async function loadMesa(
  api: RunningApi,
  problems: number,
): Promise<{ mesaId: string; position: string }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  let position = 0n;
  const post = async (path: string, body: object) => {
    const res = await postJson(agent, api, path, body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.body}`);
    const at = BigInt((JSON.parse(res.body) as { position: string }).position);
    if (at > position) position = at;
  };
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
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < problems) {
        const i = next++;
        const problemId = `${mesaId}-p${i}`;
        await post(`${m}/problems`, {
          problemId,
          title: `Problema ${i} del sector`,
          description: 'Un trámite que demora la exportación de productos del sector',
          barrier: 'red_tape',
          raisedBy: 'gremio',
        });
        await post(`/problems/${problemId}/filter`, { decision: 'accepted' });
        await post(`/problems/${problemId}/solutions`, {
          text: `Simplificar el trámite ${i}`,
          rationale: 'propuesta del gremio',
        });
        await post(`/problems/${problemId}/tasks`, {
          taskId: `t${i}`,
          title: `Publicar el nuevo procedimiento ${i}`,
          responsibleEntity: i % 2 ? 'SERFOR' : 'PRODUCE',
          dueOn: '2027-06-30',
        });
      }
    }),
  );
  agent.destroy();
  return { mesaId, position: position.toString() };
}
