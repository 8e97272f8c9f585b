import { JwtService } from '@nestjs/jwt';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ok } from './support/http-fixtures';
import { API, startTestApp } from './support/test-app';

/**
 * `npx mesas token …` runs the compiled CLI (bin/mesas.js → dist/). Its tokens must be the ones
 * the API accepts: same claims, same secret — AUTH_SECRET, or the one kept under DATA_DIR.
 */
const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'mesas.js');
const COMPILED = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

type Run = { status: number | null; stdout: string; stderr: string };
function mesas(args: string[], env: Record<string, string>): Run {
  const base = { ...process.env };
  delete base.AUTH_SECRET;
  delete base.EVENT_STORE;
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** an AUTH_SECRET of the length the configuration requires */
const CONFIGURED = 'the-configured-secret-of-at-least-32-chars';

describe('the mesas CLI: tokens', () => {
  let dataDir: string;

  beforeAll(() => {
    if (!existsSync(COMPILED)) {
      // compile once; a type error elsewhere still emits, so judge by the output file
      spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    }
    if (!existsSync(COMPILED)) throw new Error(`npm run build did not produce ${COMPILED}`);
  }, 320_000);
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mesas-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a JWT whose claims are {sub, role, entity}, valid for 30 days by default', () => {
    const run = mesas(['token', '--role', 'public_rep', '--sub', 'x', '--entity', 'SERFOR'], {
      DATA_DIR: dataDir,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const [header, claims] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(claims).toMatchObject({ sub: 'x', role: 'public_rep', entity: 'SERFOR' });
    expect(claims.mesa).toBeUndefined();
    expect(claims.exp - claims.iat).toBe(30 * 24 * 3600);
  });

  it('without AUTH_SECRET it makes DATA_DIR/auth-secret (mode 0600), and the API on that DATA_DIR accepts its tokens', async () => {
    const secretFile = join(dataDir, 'auth-secret');
    expect(existsSync(secretFile)).toBe(false);
    const coordinator = mesas(['token', '--role', 'coordinator', '--sub', 'equipo-cli'], {
      DATA_DIR: dataDir,
    });
    expect(coordinator.status).toBe(0);
    expect(existsSync(secretFile)).toBe(true);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = readFileSync(secretFile, 'utf8');
    const serfor = mesas(
      [
        'token',
        '--role',
        'public_rep',
        '--sub',
        'serfor-cli',
        '--entity',
        'SERFOR',
        '--mesa',
        'cli-mesa',
      ],
      { DATA_DIR: dataDir },
    );
    expect(serfor.status).toBe(0);
    // the second run used the secret the first one made
    expect(readFileSync(secretFile, 'utf8')).toBe(secret);

    const t = await startTestApp({}, { dataDir });
    try {
      const boss = coordinator.stdout.trim();
      const rep = serfor.stdout.trim();
      await ok(
        t,
        '/mesas',
        { mesaId: 'cli-mesa', name: 'Mesa CLI', kind: 'sector', scope: 's', convener: 'PRODUCE' },
        boss,
      );
      await ok(t, '/mesas/cli-mesa/viability', { viable: true, notes: 'n' }, boss);
      await ok(t, '/mesas/cli-mesa/launch', {}, boss);
      await ok(
        t,
        '/mesas/cli-mesa/participants',
        { participantId: 'gremio', name: 'G', organisation: 'ADEX', role: 'private' },
        boss,
      );
      await ok(
        t,
        '/mesas/cli-mesa/problems',
        { problemId: 'cli-problema', title: 'P', barrier: 'other', raisedBy: 'gremio' },
        boss,
      );
      await ok(t, '/problems/cli-problema/solutions', { text: 'una solución' }, rep);
      // the rep's claims are honoured: its entity, its mesa, its role
      const audit = await t.http.get(`${API}/audit/events`).set('authorization', `Bearer ${rep}`);
      expect(audit.status).toBe(403);
      const events = await t.http
        .get(`${API}/audit/events`)
        .set('authorization', `Bearer ${t.token({ role: 'auditor' })}`)
        .query({ limit: 1000 });
      expect(events.body.events.at(-1)).toMatchObject({
        type: 'SolutionProposed',
        actor: 'serfor-cli',
        metadata: { actorRole: 'public_rep', actorEntity: 'SERFOR' },
      });
      expect(events.body.events[0]).toMatchObject({ type: 'MesaProposed', actor: 'equipo-cli' });
    } finally {
      await t.close();
    }
  });

  it('with AUTH_SECRET it signs with that secret and writes no file', () => {
    const run = mesas(['token', '--role', 'auditor', '--sub', 'auditora'], {
      DATA_DIR: dataDir,
      AUTH_SECRET: CONFIGURED,
    });
    expect(run.status).toBe(0);
    expect(existsSync(join(dataDir, 'auth-secret'))).toBe(false);
    const claims = new JwtService({ secret: CONFIGURED }).verify<{
      sub: string;
      role: string;
    }>(run.stdout.trim(), { algorithms: ['HS256'] });
    expect(claims).toMatchObject({ sub: 'auditora', role: 'auditor' });
    expect(() => new JwtService({ secret: 'another' }).verify(run.stdout.trim())).toThrow();
  });

  it('in the server profile without AUTH_SECRET it refuses and makes no secret', () => {
    const run = mesas(['token', '--role', 'auditor', '--sub', 'auditora'], {
      DATA_DIR: dataDir,
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/set AUTH_SECRET/);
    expect(run.stdout).toBe('');
    expect(existsSync(join(dataDir, 'auth-secret'))).toBe(false);
  });

  it('refuses a configuration the server would refuse, naming the variable', () => {
    const run = mesas(['token', '--role', 'auditor', '--sub', 'a'], {
      DATA_DIR: dataDir,
      AUTH_SECRET: 'too-short',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/AUTH_SECRET must be at least 32 characters/);
    expect(run.stderr).not.toContain('too-short');
  });

  it.each([
    ['token'],
    ['projections', 'status'],
    ['projections', 'rebuild'],
    ['audit', 'verify'],
    ['export'],
    ['demo', 'load'],
    ['demo', 'status'],
  ])('mesas %s --help prints its usage and exits 0', (...path) => {
    const run = mesas([...path, '--help'], { DATA_DIR: dataDir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`usage: mesas ${path.join(' ')}`);
  });

  it.each([
    [
      'an unknown role',
      ['token', '--role', 'admin', '--sub', 'x'],
      /--role must be one of coordinator, private_rep, public_rep, high_level, auditor/,
    ],
    ['no role', ['token', '--sub', 'x'], /--role must be one of/],
    ['no subject', ['token', '--role', 'coordinator'], /--sub/],
    ['a public_rep without an entity', ['token', '--role', 'public_rep', '--sub', 'x'], /--entity/],
    [
      'a mesa that is not an id',
      ['token', '--role', 'coordinator', '--sub', 'x', '--mesa', 'Mesa Forestal'],
      /--mesa must be a mesa id/,
    ],
    ['an unknown option', ['token', '--role', 'coordinator', '--sub', 'x', '--admin'], /admin/],
    ['no expiry', ['token', '--role', 'coordinator', '--sub', 'x', '--days', '0'], /--days/],
    ['over a year', ['token', '--role', 'coordinator', '--sub', 'x', '--days', '400'], /--days/],
    ['a subject of two lines', ['token', '--role', 'coordinator', '--sub', 'a\nb'], /--sub/],
    ['an unknown command', ['tokens'], /unknown command/],
  ])('%s → a non-zero exit, a message on stderr, no token', (_what, args, message) => {
    const run = mesas(args, { DATA_DIR: dataDir });
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    expect(run.stderr).toMatch(message);
    expect(run.stdout).not.toMatch(/eyJ/);
  });
});
