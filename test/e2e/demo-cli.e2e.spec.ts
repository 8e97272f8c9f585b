import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readDemoScript } from '@mesas/demo';
import { logLength } from './support/http-fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * `npx mesas demo load|status` from the compiled CLI (bin/mesas.js → dist/, which finds the data
 * files in libs/demo/data), against an API and its store on one DATA_DIR.
 */
const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'mesas.js');
const COMPILED = join(ROOT, 'dist', 'apps', 'cli', 'src', 'commands', 'demo.command.js');

type Run = { status: number | null; stdout: string; stderr: string };
// asynchronous: the API under test runs in this process and must answer the CLI meanwhile
function mesas(args: string[], env: Record<string, string>): Promise<Run> {
  const base = { ...process.env };
  delete base.AUTH_SECRET;
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...base, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

describe('the mesas CLI: demo load and status', () => {
  const total = readDemoScript().length;
  let t: TestApp;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(COMPILED)) throw new Error(`build first (npm run build): no ${COMPILED}`);
    dataDir = mkdtempSync(join(tmpdir(), 'mesas-demo-cli-'));
    t = await startTestApp({}, { listen: true, dataDir });
    env = { DATA_DIR: dataDir, DEMO_DATA: 'off' };
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('--help prints the usage of each command, whatever the environment', async () => {
    for (const command of ['load', 'status']) {
      const run = await mesas(['demo', command, '--help'], { EVENT_STORE: 'nonsense' });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`usage: mesas demo ${command}`);
    }
    const list = await mesas(['--help'], env);
    expect(list.stdout).toContain('mesas demo load [--url URL]');
    expect(list.stdout).toContain('mesas demo status');
  });

  it('refuses bad arguments with exit 2', async () => {
    const run = await mesas(['demo', 'load', '--max-steps', 'many'], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--max-steps must be a whole number');
  });

  it('loads part of the demo, reports it per mesa, then completes it', async () => {
    const url = t.baseUrl as string; // with /api/v1, which --url also accepts
    const empty = await mesas(['demo', 'status', '--json'], env);
    expect(empty.status).toBe(0);
    expect(JSON.parse(empty.stdout)).toMatchObject({ verdict: 'load', done: 0, total });

    const part = await mesas(['demo', 'load', '--url', url, '--max-steps', '40'], env);
    expect(part.stderr).not.toContain('Error');
    expect(part.status).toBe(0);
    expect(JSON.parse(part.stdout)).toMatchObject({
      verdict: 'load',
      sent: 40,
      remaining: total - 40,
    });

    const status = await mesas(['demo', 'status'], env);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(`demo data: 40 of ${total} steps recorded; interrupted`);
    expect(status.stdout).toMatch(/^ {2}forestal +\d+\/284$/m);
    expect(status.stdout).toMatch(/^ {2}acuicola +0\/41$/m);

    const rest = await mesas(['demo', 'load', '--url', url.replace(/\/api\/v1$/, '')], env);
    expect(rest.status).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({
      verdict: 'resume',
      sent: total - 40,
      skipped: 40,
      remaining: 0,
    });
    const done = await mesas(['demo', 'status', '--json'], env);
    expect(JSON.parse(done.stdout)).toMatchObject({ verdict: 'complete', done: total, next: null });
    expect(await logLength(t)).toBeGreaterThanOrEqual(total);
  }, 240_000);

  it('on a store holding other events, load exits 1 and sends nothing', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'mesas-demo-cli-other-'));
    const other = await startTestApp({}, { listen: true, dataDir: otherDir });
    try {
      const res = await other.http
        .post('/api/v1/mesas')
        .set('authorization', `Bearer ${other.token({ role: 'coordinator' })}`)
        .send({
          mesaId: 'real',
          name: 'Mesa real',
          kind: 'sector',
          scope: 'Una mesa que no es de la demo',
          level: 'national',
          convener: 'PRODUCE',
          cadenceDays: 7,
        });
      expect(res.status).toBe(201);
      const before = await logLength(other);
      const otherEnv = { DATA_DIR: otherDir, DEMO_DATA: 'off' };
      const status = await mesas(['demo', 'status'], otherEnv);
      expect(status.stdout).toContain('none of the demo');
      const run = await mesas(['demo', 'load', '--url', other.baseUrl as string], otherEnv);
      expect(run.status).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'refuse', sent: 0 });
      expect(await logLength(other)).toBe(before);
    } finally {
      await other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
