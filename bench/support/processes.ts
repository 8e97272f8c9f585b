import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * What the HTTP benchmarks share: a free port, a JSON POST with a token, a process's CPU time,
 * and starting the compiled API and worker.
 */

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

/** utime + stime of a process, from /proc (Linux), in ms; null where there is no /proc. */
export function cpuMsOf(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 of proc(5), in clock ticks (USER_HZ, 100 on Linux)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** POSTs `body` as JSON to `base + path` with a bearer token; the status and the body's text. */
export function postJson(
  agent: Agent,
  api: { readonly base: string; readonly token: string },
  path: string,
  body: object,
): Promise<{ status: number; body: string }> {
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
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

/** A compiled process of this repository (`bin/api.js`, `bin/worker.js`), started by a bench. */
export interface BenchProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** SIGTERM, then resolves once it has exited */
  stop(): Promise<void>;
}

/**
 * Starts `bin/<script>` with the bench's environment plus `env`, its stdout dropped and its
 * stderr shown. `BENCH_CPU_PROF=DIR` writes its CPU profile there (what bounds a number).
 */
export function startCompiled(script: string, env: Record<string, string>): BenchProcess {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      resolve(__dirname, '..', '..', '..', 'bin', script),
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return {
    child,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** An API process listening, with its port. */
export interface BenchApi extends BenchProcess {
  readonly port: number;
}

/**
 * Starts the API (`bin/api.js`) on a free port with `env`, and waits until it answers its mesa
 * list (at most `readyWithinMs`).
 */
export async function startApiProcess(
  env: Record<string, string>,
  readyWithinMs = 60_000,
): Promise<BenchApi> {
  const port = await freePort();
  const api = startCompiled('api.js', { ...env, PORT: String(port) });
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/mesas`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (api.child.exitCode !== null) throw new Error(`the API exited with ${api.child.exitCode}`);
    if (Date.now() > deadline) {
      await api.stop();
      throw new Error(`the API did not start within ${readyWithinMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { ...api, port };
}
