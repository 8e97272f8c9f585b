import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openEventStore, signToken } from '@mesas/runtime';
import { TestSchema, createTestSchema, postgresReachable } from '../support/postgres';
import { Child, ROOT, ensureBuilt, freePort } from './support/processes';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One POST on a keep-alive agent; rejects when the connection fails. */
function post(agent: Agent, port: number, path: string, body: object, token: string) {
  return new Promise<Answer>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * SIGTERM on a real API process (bin/api.js, the compiled build) while clients keep sending
 * commands on keep-alive connections: the process must exit 0, every command it answered 201
 * must be in the log, and the connections must be closed by the server (Connection: close,
 * then nothing more accepted), in both profiles.
 */
describe.each([
  ['embedded (SQLite)', false],
  ['server (PostgreSQL)', true],
])('graceful shutdown, %s profile', (_name, server) => {
  const run = !server || postgresReachable() ? it : it.skip;
  let schema: TestSchema | null = null;
  let dataDir: string;
  const secret = randomBytes(32).toString('hex');

  beforeAll(async () => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'mesas-shutdown-'));
    if (server && postgresReachable()) schema = await createTestSchema('mesas_shutdown');
  });
  afterAll(async () => {
    await schema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  run(
    'drains keep-alive clients, loses no 201, and exits 0',
    async () => {
      const env: Record<string, string> = {
        DATA_DIR: dataDir,
        DEMO_DATA: 'off',
        AUTH_SECRET: secret,
        SHUTDOWN_GRACE_MS: '5000',
        KAFKA_BROKERS: '',
        RATE_LIMIT_READS_PER_MINUTE: '0',
        ...(schema
          ? {
              EVENT_STORE: 'postgres',
              DATABASE_URL: schema.url,
              DATABASE_SCHEMA: schema.schema,
            }
          : { EVENT_STORE: 'sqlite' }),
      };
      const port = await freePort();
      const api = Child.start('api', 'bin/api.js', { ...env, PORT: String(port) });
      try {
        await api.waitForOutput(/API on/, 60_000);
        const token = signToken(secret, { sub: 'shutdown-test', role: 'coordinator' });

        const accepted: string[] = [];
        const afterSignal: Answer[] = [];
        let signalled = false;
        let connectionErrors = 0;
        const clients = Array.from({ length: 6 }, async (_, c) => {
          const agent = new Agent({ keepAlive: true, maxSockets: 1 });
          try {
            for (let i = 0; ; i++) {
              const mesaId = `cierre-${c}-${i}`;
              let answer: Answer;
              try {
                answer = await post(
                  agent,
                  port,
                  '/api/v1/mesas',
                  {
                    mesaId,
                    name: `Mesa ${mesaId}`,
                    kind: 'sector',
                    scope: 'pesca',
                    convener: 'PRODUCE',
                  },
                  token,
                );
              } catch {
                connectionErrors++;
                return; // the server closed: nothing more is accepted
              }
              if (signalled) afterSignal.push(answer);
              if (answer.status === 201) accepted.push(mesaId);
              else if (answer.status !== 503) {
                throw new Error(`unexpected ${answer.status}: ${answer.body}`);
              }
            }
          } finally {
            agent.destroy();
          }
        });

        // one process is a whole deployment: its own projections answer read-your-writes
        const first = await post(
          new Agent(),
          port,
          '/api/v1/mesas',
          {
            mesaId: 'primera',
            name: 'Mesa primera',
            kind: 'sector',
            scope: 'pesca',
            convener: 'PRODUCE',
          },
          token,
        );
        expect(first.status).toBe(201);
        accepted.push('primera');
        const position = (JSON.parse(first.body) as { position: string }).position;
        const read = await fetch(
          `http://127.0.0.1:${port}/api/v1/mesas/primera?minPosition=${position}`,
        );
        expect(read.status).toBe(200);

        // let the clients get going on their keep-alive connections, then SIGTERM mid-stream
        while (accepted.length < 60) await new Promise((r) => setTimeout(r, 20));
        signalled = true;
        api.kill('SIGTERM');
        const code = await api.exited;
        await Promise.all(clients);

        console.info(
          `${_name}: ${accepted.length} commands answered 201, ${afterSignal.length} answers after SIGTERM ` +
            `(${afterSignal.filter((a) => a.status === 503).length} of them 503); ` +
            `${/stopped after \d+ ms/.exec(api.log)?.[0] ?? 'no stop line'}`,
        );
        expect(code).toBe(0);
        expect(api.log).toMatch(/SIGTERM: draining/);
        expect(api.log).toMatch(/stopped after/);
        // every client ended because the server closed its connection
        expect(connectionErrors).toBe(6);
        // what was answered during the drain said the connection closes
        for (const answer of afterSignal.filter((a) => a.status === 503)) {
          expect(answer.headers.connection).toBe('close');
        }

        // every 201 is in the log
        const store = await openEventStore(loadConfig(env));
        try {
          const streams = new Set<string>();
          let checkpoint = null;
          for (;;) {
            const page = await store.readAll(checkpoint, 1000);
            if (page.events.length === 0) break;
            for (const e of page.events) streams.add(e.streamId);
            checkpoint = page.checkpoint;
          }
          const lost = accepted.filter((id) => !streams.has(`mesa-${id}`));
          expect(lost).toEqual([]);
        } finally {
          await store.close();
        }
      } finally {
        await api.stop();
      }
    },
    120_000,
  );
});

/** The pids of `pid`'s descendants, from ps. */
function descendants(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  const children = out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  beforeAll(() => ensureBuilt());

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'passes %s on to the API and leaves nothing running',
    async (signal) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'mesas-npm-start-'));
      const port = await freePort();
      // --ignore-scripts skips prestart (the build, done above), never the start script itself
      const npm = spawn('npm', ['start', '--ignore-scripts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DEMO_DATA: 'off',
          PORT: String(port),
          EVENT_STORE: 'sqlite',
          KAFKA_BROKERS: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      npm.stdout.on('data', (c: Buffer) => (output += c.toString()));
      npm.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((r) => npm.once('exit', (code) => r(code)));
      try {
        while (!/API on/.test(output)) {
          if (npm.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        const tree = descendants(npm.pid!);
        expect(tree.length).toBeGreaterThan(0);
        npm.kill(signal);
        await exited;
        // the API may still be finishing its shutdown when npm returns: wait for it to end
        while (tree.some(alive)) await new Promise((r) => setTimeout(r, 50));
        expect(output).toMatch(new RegExp(`${signal}: draining`));
        expect(output).toMatch(/stopped after/);
      } finally {
        if (npm.exitCode === null) npm.kill('SIGKILL');
        for (const pid of descendants(npm.pid!)) if (alive(pid)) process.kill(pid, 'SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
