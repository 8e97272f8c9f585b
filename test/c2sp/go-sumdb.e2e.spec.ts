import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeEntryBundle,
  ed25519Vkey,
  historyLeafBytes,
  parseNote,
  parseVkey,
  verifyNoteEd25519,
} from '@mesas/transparency';
import { ok, seedLaunchedMesa } from '../e2e/support/http-fixtures';
import { API, startTestApp, type TestApp } from '../e2e/support/test-app';
import { describeWithGo, goEnv } from '../support/go';

/**
 * The log's C2SP formats read by an independent implementation: test/c2sp/go/verify.go, built
 * with Go's own checksum-database packages (golang.org/x/mod/sumdb/note and sumdb/tlog), opens
 * the note with the served vkey, authenticates every tile against the signed root through
 * tlog's tile reader, hashes every entry of every bundle and checks the JSON API's proofs.
 */
const ORIGIN = 'mesas.test/tlog';
const ENTRIES = 300; // a full level-0 tile, a partial one, and a partial level-1 tile

describeWithGo('C2SP checkpoint, vkey, tiles and bundles, as Go’s sumdb packages read them', () => {
  let t: TestApp;
  let root: string;
  let goDir: string;
  let verifier: string;

  beforeAll(async () => {
    goDir = mkdtempSync(join(tmpdir(), 'mesas-go-'));
    verifier = join(goDir, 'verify');
    const build = spawnSync('go', ['build', '-o', verifier, 'verify.go'], {
      cwd: join(__dirname, 'go'),
      env: goEnv(join(goDir, 'cache')),
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (build.status !== 0) throw new Error(`go build failed: ${build.stderr}`);

    t = await startTestApp({ LOG_ORIGIN: ORIGIN }, { listen: true });
    root = t.baseUrl!.replace(/\/api\/v1$/, '');
    const coordinator = t.token({ role: 'coordinator' });
    const mesa = await seedLaunchedMesa(t, coordinator);
    let last = mesa.last;
    for (let i = 0; i < ENTRIES - 6; i++) {
      last = await ok(
        t,
        `/mesas/${mesa.mesaId}/participants`,
        { participantId: `p${i}`, name: `Participante ${i}`, organisation: 'ORG', role: 'private' },
        coordinator,
      );
    }
    // the history has every entry once the projection has reached the last command
    const head = await t.http
      .get(`${API}/transparency/checkpoint`)
      .query({ minPosition: last.position });
    expect(head.body.treeSize).toBe(ENTRIES);
  }, 600_000);

  afterAll(async () => {
    await t?.close();
    rmSync(goDir, { recursive: true, force: true });
  });

  it('go verifies the note, every tile and bundle, and the JSON proofs', async () => {
    // asynchronously: the server runs in this process and must answer the Go program
    const run = await new Promise<{ status: number | null; stdout: string }>((done) => {
      execFile(verifier, ['-url', root, '-old', '100'], { timeout: 120_000 }, (error, stdout) =>
        done({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
      );
    });
    expect(run.stdout).toContain(`ok checkpoint ${ORIGIN} size ${ENTRIES}`);
    expect(run.stdout).toContain('ok tiles authenticate against the signed root');
    expect(run.stdout).toContain(`ok ${ENTRIES} entries hash to their tiles and are included`);
    expect(run.stdout).toContain(`ok consistency 100 -> ${ENTRIES}`);
    expect(run.stdout.trim().split('\n').pop()).toBe('OK');
    expect(run.status).toBe(0);
  });

  it('the note and the vkey are byte for byte what the JSON checkpoint and key say', async () => {
    const json = (await t.http.get(`${API}/transparency/checkpoint`)).body;
    const key = (await t.http.get(`${API}/transparency/key`)).body.publicKeyPem as string;
    const vkeyRes = await t.http.get('/tlog/vkey');
    expect(vkeyRes.status).toBe(200);
    expect(vkeyRes.text).toBe(ed25519Vkey(ORIGIN, key));
    const vkey = parseVkey(vkeyRes.text);
    expect(vkey.name).toBe(ORIGIN);

    const res = await t.http.get('/tlog/checkpoint');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const root64 = Buffer.from(json.rootHash, 'hex').toString('base64');
    const body = `${ORIGIN}\n${json.treeSize}\n${root64}\n`;
    expect(res.text.startsWith(`${body}\n\u2014 ${ORIGIN} `)).toBe(true);
    const note = parseNote(res.text);
    expect(note.text).toBe(body);
    expect(note.signatures).toHaveLength(1); // no witnesses configured
    expect(note.signatures[0].keyId).toEqual(vkey.keyId);
    expect(verifyNoteEd25519(note.text, note.signatures[0], vkey)).toBe(true);
    // the same route is not under /api/v1
    expect((await t.http.get(`${API}/tlog/checkpoint`)).status).toBe(404);
  });

  it('serves immutable full tiles, partial tiles only for checkpointed sizes, no empty tiles', async () => {
    const full = await t.http.get('/tlog/tile/0/000').buffer(true);
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('application/octet-stream');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(full.body.length).toBe(8192);
    expect((await t.http.get(`/tlog/tile/0/001.p/${ENTRIES - 256}`)).status).toBe(200);
    expect((await t.http.get('/tlog/tile/1/000.p/1')).status).toBe(200);
    expect((await t.http.get(`/tlog/tile/0/001.p/${ENTRIES - 255}`)).status).toBe(404);
    expect((await t.http.get('/tlog/tile/0/001')).status).toBe(404);
    expect((await t.http.get('/tlog/tile/2/000.p/1')).status).toBe(404);
    for (const bad of [
      '/tlog/tile/0/1',
      '/tlog/tile/0/x000/001',
      '/tlog/tile/0/000.p/0',
      '/tlog/tile/64/000',
    ])
      expect((await t.http.get(bad)).status).toBe(404);
  });

  it('an entry bundle holds the leaves: the JCS bytes of the served entries', async () => {
    const res = await t.http.get('/tlog/tile/entries/000').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = (await t.http.get(`${API}/history`).query({ limit: 256 })).body
      .entries as object[];
    expect(decodeEntryBundle(res.body)).toEqual(page.map((e) => historyLeafBytes(e)));
  });
});
