import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { signToken } from '@mesas/runtime';
import {
  EMPTY_TREE_ROOT,
  ed25519Vkey,
  formatAddCheckpoint,
  formatNote,
  isSignatureOf,
  parseNote,
  parseVkey,
  signCheckpointNote,
  verifyCosignature,
} from '@mesas/transparency';

/**
 * The log and a C2SP witness as deployed: `node bin/api.js` and `mesas witness serve` as real
 * processes, talking tlog-witness over HTTP. The witness cosigns the log's checkpoints; while it
 * is down the log keeps answering and serves the checkpoint without its cosignature, and catches
 * up when it is back; a fork of the log (same key and origin, another history) is refused by the
 * witness and caught by `mesas audit verify`.
 */
const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'mesas.js');
const API_BIN = join(ROOT, 'bin', 'api.js');
const COMPILED = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const ORIGIN = 'mesas.test/witnessed';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Under CI=true the browser is required (CI installs it); elsewhere its absence skips one test. */
const browserIt = existsSync(CHROMIUM) || process.env.CI === 'true' ? it : it.skip;
const AUTH_SECRET = randomBytes(32).toString('hex');
const LOG_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const LOG_VKEY = ed25519Vkey(ORIGIN, LOG_KEY);

interface Running {
  readonly child: ChildProcess;
  output: string;
}

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Running> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running: Running = { child, output: '' };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`not ready: ${running.output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      running.output += chunk.toString();
      if (ready.test(running.output)) {
        clearTimeout(timer);
        done(running);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited with ${code}: ${running.output}`));
    });
  });
}

async function stop(running: Running | null): Promise<void> {
  if (!running || running.child.exitCode !== null) return;
  const exited = new Promise((done) => running.child.once('exit', done));
  running.child.kill('SIGTERM');
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function mesas(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) =>
        done({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Polls until `check` returns a value (never a fixed sleep), or fails after `ms`. */
async function until<T>(what: string, check: () => Promise<T | null>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

class Log {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'mesas-tlog-'));
  process: Running | null = null;
  url = '';
  private readonly coordinator = signToken(AUTH_SECRET, { sub: 'c2sp-test', role: 'coordinator' });

  async start(witnesses: string): Promise<void> {
    this.process = await start(
      [API_BIN],
      {
        PORT: '0',
        DATA_DIR: this.dataDir,
        DEMO_DATA: 'off',
        AUTH_SECRET,
        TRANSPARENCY_PRIVATE_KEY: LOG_KEY,
        LOG_ORIGIN: ORIGIN,
        WITNESSES: witnesses,
      },
      /API on http:\/\/127\.0\.0\.1:\d+\/api\/v1/,
    );
    this.url = /API on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(this.process.output)![1];
  }

  /** `count` commands (a mesa proposed, then participants joining); all must be 201. */
  async append(mesaId: string, count: number): Promise<void> {
    const post = async (path: string, body: object) => {
      const res = await fetch(`${this.url}/api/v1${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.coordinator}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    };
    const exists = await fetch(`${this.url}/api/v1/mesas/${mesaId}`);
    let done = 0;
    if (exists.status === 404) {
      await post('/mesas', {
        mesaId,
        name: `Mesa ${mesaId}`,
        kind: 'sector',
        scope: 'forestal',
        convener: 'PRODUCE',
      });
      done++;
    }
    for (; done < count; done++) {
      await post(`/mesas/${mesaId}/participants`, {
        participantId: `p-${randomBytes(4).toString('hex')}`,
        name: 'Participante',
        organisation: 'ORG',
        role: 'private',
      });
    }
  }

  async checkpoint(): Promise<{ text: string; size: number; lines: number }> {
    const res = await fetch(`${this.url}/tlog/checkpoint`);
    const text = await res.text();
    const note = parseNote(text);
    return { text, size: Number(note.text.split('\n')[1]), lines: note.signatures.length };
  }

  async close(): Promise<void> {
    await stop(this.process);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

describe('a log and a C2SP witness as separate processes', () => {
  const witnessDir = mkdtempSync(join(tmpdir(), 'mesas-witness-'));
  let witnessPort: number;
  let witnessVkey: string;
  let witness: Running | null = null;
  const log = new Log();
  const fork = new Log();
  const saved = join(witnessDir, '..', `mesas-saved-${randomBytes(4).toString('hex')}.json`);

  const startWitness = async () => {
    witness = await start(
      [
        CLI,
        'witness',
        'serve',
        '--data',
        witnessDir,
        '--port',
        String(witnessPort),
        '--log',
        LOG_VKEY,
      ],
      {},
      /witnessing /,
    );
  };
  const witnessState = () =>
    JSON.parse(readFileSync(join(witnessDir, 'state.json'), 'utf8')).logs[ORIGIN] as {
      treeSize: number;
      rootHash: string;
    };
  /** The log's checkpoint once it carries a valid cosignature of the witness for `size`. */
  const cosignedAt = (target: Log, size: number) =>
    until(`a cosignature of size ${size}`, async () => {
      const { text, size: current } = await target.checkpoint();
      if (current !== size) return null;
      const note = parseNote(text);
      const key = parseVkey(witnessVkey);
      const line = note.signatures.find((s) => isSignatureOf(s, key));
      return line ? verifyCosignature(note.text, line, key) : null;
    });

  beforeAll(async () => {
    if (!existsSync(COMPILED))
      spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    if (!existsSync(COMPILED)) throw new Error(`npm run build did not produce ${COMPILED}`);
    const key = await mesas(['witness', 'key', '--data', witnessDir, '--name', 'witness.test/w1']);
    expect(key.status).toBe(0);
    witnessVkey = key.stdout.trim();
    expect(parseVkey(witnessVkey).type).toBe(0x04);
    witnessPort = await freePort();
    await startWitness();
    await log.start(`${witnessVkey}@http://127.0.0.1:${witnessPort}`);
  }, 400_000);

  afterAll(async () => {
    await stop(witness);
    await log.close();
    await fork.close();
    rmSync(witnessDir, { recursive: true, force: true });
    rmSync(saved, { force: true });
  });

  it('the witness cosigns each new checkpoint and audit verify counts its cosignature', async () => {
    await log.append('mesa-uno', 6);
    const time = await cosignedAt(log, 6);
    expect(Math.abs(time - Date.now() / 1000)).toBeLessThan(600);
    expect(witnessState().treeSize).toBe(6);

    const verified = await mesas([
      'audit',
      'verify',
      '--url',
      log.url,
      '--witness',
      witnessVkey,
      '--quorum',
      '1',
      '--save-checkpoint',
      saved,
      '--quiet',
    ]);
    expect(verified.stdout).toContain('1 of 1 witnesses cosigned (quorum 1): witness.test/w1');
    expect(verified.status).toBe(0);
    const status = await (await fetch(`${log.url}/api/v1/transparency/witnesses`)).json();
    expect(status).toEqual([
      expect.objectContaining({ name: 'witness.test/w1', cosignedSize: 6, lastError: null }),
    ]);
  }, 200_000);

  it('a witness that is down delays only its own cosignature', async () => {
    await stop(witness);
    await log.append('mesa-uno', 2); // commands are answered while the witness is down
    const unwitnessed = await log.checkpoint();
    expect(unwitnessed).toMatchObject({ size: 8, lines: 1 });
    const refused = await mesas([
      'audit',
      'verify',
      '--url',
      log.url,
      '--witness',
      witnessVkey,
      '--quiet',
    ]);
    expect(refused.stdout).toContain('only 0 of the 1 witness cosignatures required');
    expect(refused.status).toBe(1);

    await startWitness(); // same port, same state: it continues from size 6 with a proof
    await cosignedAt(log, 8);
    expect(witnessState().treeSize).toBe(8);
  }, 200_000);

  // The portal's verification page, in a real browser: the witness, its size and time.
  browserIt(
    'the portal lists the witnesses and when they cosigned',
    async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage();
        await page.goto(`${log.url}/verify`);
        await page.waitForSelector('#witnesses tbody tr');
        const row = await page.textContent('#witnesses tbody tr');
        expect(row).toContain('witness.test/w1');
        expect(row).toContain('8');
        expect(row).toContain('cofirma el checkpoint actual'); // the portal speaks Spanish by default
        const note = await page.textContent('#note');
        expect(note).toContain(`${ORIGIN}\n8\n`);
        expect(note).toContain('— witness.test/w1 ');
      } finally {
        await browser.close();
      }
    },
    120_000,
  );

  it('refuses to cosign two roots for one size, and a fork is caught by audit verify', async () => {
    const recorded = witnessState();
    // the log's own key signing another root for the size the witness holds
    const other = signCheckpointNote(
      {
        origin: ORIGIN,
        treeSize: recorded.treeSize,
        rootHash: EMPTY_TREE_ROOT.replace(/^e3/, 'e4'),
      },
      createPrivateKey(LOG_KEY),
    );
    const res = await fetch(`http://127.0.0.1:${witnessPort}/add-checkpoint`, {
      method: 'POST',
      body: formatAddCheckpoint({ oldSize: recorded.treeSize, proof: [], note: formatNote(other) }),
    });
    expect(res.status).toBe(422);
    const stale = await fetch(`http://127.0.0.1:${witnessPort}/add-checkpoint`, {
      method: 'POST',
      body: formatAddCheckpoint({ oldSize: 0, proof: [], note: formatNote(other) }),
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toBe('text/x.tlog.size');
    expect(await stale.text()).toBe(`${recorded.treeSize}\n`);
    expect(witnessState()).toEqual(expect.objectContaining(recorded));

    // a forked log: same key, same origin, another history, asking the same witness
    await fork.start(`${witnessVkey}@http://127.0.0.1:${witnessPort}`);
    await fork.append('mesa-otra', 12);
    const why = await until('the witness to refuse the fork', async () => {
      const [w] = (await (await fetch(`${fork.url}/api/v1/transparency/witnesses`)).json()) as {
        lastError: string | null;
      }[];
      return /^422/.test(w.lastError ?? '') ? w.lastError : null;
    });
    // The fork asks while it grows: at the witness's own size its root differs ("cosigned with
    // another root"); past it, no consistency proof from the witness's root holds. Either is the
    // witness refusing the fork; which one comes first depends on timing.
    expect(why).toMatch(
      /consistency proof does not verify|size \d+ was cosigned with another root/,
    );
    expect((await fork.checkpoint()).lines).toBe(1);
    expect(witnessState()).toEqual(expect.objectContaining(recorded));

    const quorum = await mesas([
      'audit',
      'verify',
      '--url',
      fork.url,
      '--witness',
      witnessVkey,
      '--quiet',
    ]);
    expect(quorum.stdout).toContain('only 0 of the 1 witness cosignatures required');
    expect(quorum.status).toBe(1);
    const since = await mesas([
      'audit',
      'verify',
      '--url',
      fork.url,
      '--since-checkpoint',
      saved,
      '--quiet',
    ]);
    expect(since.stdout).toContain('FAILED');
    expect(since.status).toBe(1);
  }, 200_000);
});
