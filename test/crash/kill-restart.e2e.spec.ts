import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore, StoredEvent } from '@mesas/event-store';
import {
  ANALYTICS,
  MATRIX,
  MESAS,
  ROWS,
  SqliteDocumentStore,
  analyticsProjection,
  foldInMemory,
  matrixProjection,
} from '@mesas/projections';
import { signToken } from '@mesas/runtime';
import { auditVerify } from '../../apps/cli/src/commands/audit-verify.command';

/**
 * Durability under kill -9, as deployed in the embedded profile: the compiled API as a child
 * process, concurrent clients sending commands (each with an Idempotency-Key, resent after a
 * failure as a real client would), SIGKILL at random moments three times, a restart each time.
 * Then: every command answered 201 is in the log exactly once, the projections equal a rebuild
 * from the log, and `mesas audit verify` (with an auditor token) passes.
 */
const ROOT = resolve(__dirname, '..', '..');
const COMPILED = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const CLIENTS = 6;
const KILLS = 3;

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sent {
  readonly key: string;
  readonly path: string;
  readonly body: object;
  /** what a 201 answered */
  result?: { streamId: string; version: number };
}

describe('kill -9 while commands are in flight (embedded profile, compiled API)', () => {
  let dataDir: string;
  let port: number;
  let api: ChildProcess | null = null;
  const secret = randomBytes(32).toString('hex');
  const coordinator = signToken(secret, { sub: 'crash-test', role: 'coordinator' });
  const auditor = signToken(secret, { sub: 'crash-auditor', role: 'auditor' });
  const base = () => `http://127.0.0.1:${port}/api/v1`;

  beforeAll(() => {
    if (!existsSync(COMPILED)) {
      spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 300_000,
      });
    }
    if (!existsSync(COMPILED)) throw new Error(`the build did not produce ${COMPILED}`);
    dataDir = mkdtempSync(join(tmpdir(), 'mesas-crash-'));
  }, 320_000);
  afterAll(() => {
    api?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<void> {
    port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'api.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        DEMO_DATA: 'off',
        AUTH_SECRET: secret,
        EVENT_STORE: 'sqlite',
        KAFKA_BROKERS: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    api = child;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited: ${stderr.slice(-2000)}`);
      try {
        const res = await fetch(`${base()}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the API did not start: ${stderr.slice(-2000)}`);
      await pause(100);
    }
  }

  async function kill(): Promise<void> {
    const child = api!;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    api = null;
  }

  /** Sends until the server answers (a dead server is waited for), with the same key. */
  async function send(command: Sent): Promise<number> {
    for (;;) {
      try {
        const res = await fetch(`${base()}${command.path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${coordinator}`,
            'content-type': 'application/json',
            'idempotency-key': command.key,
          },
          body: JSON.stringify(command.body),
        });
        const body = (await res.json()) as { streamId: string; version: number };
        if (res.status === 201) command.result = { streamId: body.streamId, version: body.version };
        if (res.status === 201 || res.status < 500) return res.status;
      } catch {
        // connection refused or reset: the server is down or was killed mid-request
      }
      await pause(50);
    }
  }

  it('loses and duplicates nothing acknowledged across three SIGKILLs', async () => {
    await start();
    const sent: Sent[] = [];
    const statuses: number[] = [];
    const command = (path: string, body: object): Sent => {
      const c: Sent = { key: randomUUID(), path, body };
      sent.push(c);
      return c;
    };

    // each client: its own mesa, launched, then participants joining it (appends at an exact
    // version of a busy stream) and new mesas (new streams), until told to stop
    let stopping = false;
    const client = async (n: number): Promise<void> => {
      const mesaId = `crash-${n}-${randomUUID().slice(0, 6)}`;
      const m = `/mesas/${mesaId}`;
      for (const [path, body] of [
        ['/mesas', { mesaId, name: `Mesa ${n}`, kind: 'sector', scope: 'x', convener: 'PRODUCE' }],
        [`${m}/viability`, { viable: true, notes: 'ok' }],
        [`${m}/launch`, {}],
      ] as const) {
        statuses.push(await send(command(path, body)));
      }
      for (let i = 0; !stopping; i++) {
        const c =
          i % 3 === 2
            ? command('/mesas', {
                mesaId: `crash-${n}-${i}-${randomUUID().slice(0, 6)}`,
                name: `Mesa ${n}.${i}`,
                kind: 'factor',
                scope: 'y',
                convener: 'PRODUCE',
              })
            : command(`${m}/participants`, {
                participantId: `p-${i}`,
                name: `Participante ${i}`,
                organisation: 'ADEX',
                role: 'private',
              });
        statuses.push(await send(c));
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));

    for (let k = 0; k < KILLS; k++) {
      await pause(1500 + Math.random() * 2500);
      await kill();
      await start();
    }
    await pause(1000);
    stopping = true;
    await Promise.all(clients);

    // every command got its answer; each 201 once (retries answered from the idempotency record)
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(sent.length).toBeGreaterThan(50);

    // wait for the projections to reach the log's head
    const store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
    const documents = new SqliteDocumentStore(join(dataDir, 'read-models.sqlite'));
    try {
      const events: readonly StoredEvent[] = (await store.readAll(null, 1_000_000)).events;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const health = (await (await fetch(`${base()}/health`)).json()) as {
          projections: { name: string; state: string; lag: number }[];
        };
        if (health.projections.every((p) => p.lag === 0 && p.state === 'running')) break;
        if (Date.now() > deadline) throw new Error(`projections behind: ${JSON.stringify(health)}`);
        await pause(100);
      }

      // every 201 is in the log, exactly once
      const byStreamVersion = new Map<string, StoredEvent[]>();
      for (const e of events) {
        const k = `${e.streamId}@${e.streamVersion}`;
        byStreamVersion.set(k, [...(byStreamVersion.get(k) ?? []), e]);
      }
      for (const c of sent) {
        const found = byStreamVersion.get(`${c.result!.streamId}@${c.result!.version}`) ?? [];
        expect(found).toHaveLength(1);
      }
      const commandIds = new Map<string, number>();
      for (const e of events)
        commandIds.set(e.metadata.commandId, (commandIds.get(e.metadata.commandId) ?? 0) + 1);
      expect(commandIds.size).toBe(sent.length);
      expect([...commandIds.values()].every((n) => n === 1)).toBe(true);
      const joins = events.filter((e) => e.type === 'ParticipantJoined');
      const joinKeys = joins.map((e) => `${e.streamId}/${String(e.data.participantId)}`);
      expect(new Set(joinKeys).size).toBe(joinKeys.length);

      // the projections equal a rebuild from the log
      const matrix = foldInMemory(matrixProjection, events);
      expect(await documents.list(MATRIX, MESAS)).toEqual(matrix.all(MESAS));
      expect(await documents.list(MATRIX, ROWS)).toEqual(matrix.all(ROWS));
      const analytics = foldInMemory(analyticsProjection, events);
      expect(await documents.list(ANALYTICS, 'mesa')).toEqual(analytics.all('mesa'));

      // and the public history verifies, both ways, against the audit log
      const report = await auditVerify({ url: base(), token: auditor, catchUpMs: 10_000 });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.treeSize).toBe(events.length);
      console.info(
        `crash test: ${sent.length} commands acknowledged, ${events.length} events, ${KILLS} SIGKILLs, ` +
          `all in the log once, projections = rebuild, audit verify OK`,
      );
    } finally {
      await documents.close();
      await store.close();
    }
  }, 150_000);
});
