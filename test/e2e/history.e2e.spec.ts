import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  historyLeafHash,
  rootFromLeafHashes,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '@mesas/transparency';
import { auditVerify } from '../../apps/cli/src/commands/audit-verify.command';
import { exportHistory } from '../../apps/cli/src/commands/export.command';
import { CommandResultBody, ok } from './support/http-fixtures';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

type Entry = {
  index: number;
  eventId: string;
  type: string;
  mesaId: string;
  problemId?: string;
  sessionId?: string;
  occurredAt: string;
  recordedAt: string;
  summary: string;
  data: Record<string, unknown>;
  leafHash: string;
};

/**
 * The public history over HTTP (docs/API.md "Public history and its proofs"): one entry per stored
 * event in global order, its summaries and paging, the internal-fields catalogue, the signed
 * checkpoint and its proofs, open data, the auditor's CLI against the live server, and the
 * matrix diff with decision provenance.
 */
describe('the public history and its proofs over HTTP', () => {
  let t: TestApp;
  let coordinator: string;
  let auditor: string;
  let m: string;
  let other: string;
  let p: string;
  let last: CommandResultBody;
  const work = mkdtempSync(join(tmpdir(), 'mesas-history-'));

  const post = (path: string, body: object, token = coordinator) => ok(t, path, body, token);

  async function allEntries(
    query: Record<string, string> = {},
    path = '/history',
  ): Promise<Entry[]> {
    const entries: Entry[] = [];
    let after: number | null = null;
    for (;;) {
      const res = await t.http.get(`${API}${path}`).query({
        limit: '7',
        minPosition: last.position,
        ...query,
        ...(after !== null ? { after: String(after) } : {}),
      });
      expect(res.status).toBe(200);
      entries.push(...(res.body.entries as Entry[]));
      after = res.body.nextAfter as number | null;
      if (after === null) return entries;
    }
  }

  async function auditEvents(): Promise<
    { eventId: string; type: string; data: Record<string, unknown> }[]
  > {
    const res = await t.http
      .get(`${API}/audit/events`)
      .set('authorization', `Bearer ${auditor}`)
      .query({ limit: 1000 });
    expect(res.status).toBe(200);
    expect(res.body.nextAfter).toBeNull();
    return res.body.events;
  }

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    coordinator = t.token({ role: 'coordinator' });
    auditor = t.token({ role: 'auditor' });
    const minister = t.token({ role: 'high_level' });
    m = freshId('forestal');
    other = freshId('acuicola');
    p = freshId('registro');
    await post('/mesas', {
      mesaId: m,
      name: 'Mesa Forestal',
      kind: 'sector',
      scope: 'forestal',
      convener: 'PRODUCE',
      occurredAt: '2015-01-05T14:00:00Z',
    });
    await post('/mesas', {
      mesaId: other,
      name: 'Mesa Acuícola',
      kind: 'sector',
      scope: 'acuicultura',
      convener: 'PRODUCE',
      occurredAt: '2015-01-06T14:00:00Z',
    });
    await post(`/mesas/${m}/viability`, {
      viable: true,
      notes: 'viable',
      occurredAt: '2015-01-20T14:00:00Z',
    });
    await post(`/mesas/${m}/launch`, { occurredAt: '2015-02-01T14:00:00Z' });
    await post(`/mesas/${m}/participants`, {
      participantId: 'gremio',
      name: 'Gremio maderero',
      organisation: 'ADEX',
      role: 'private',
      occurredAt: '2015-02-01T15:00:00Z',
    });
    await post(`/mesas/${m}/participants`, {
      participantId: 'serfor',
      name: 'SERFOR',
      organisation: 'SERFOR',
      role: 'public',
      occurredAt: '2015-02-01T15:00:00Z',
    });
    await post(`/mesas/${m}/problems`, {
      problemId: p,
      title: 'Registro lento',
      barrier: 'red_tape',
      raisedBy: 'gremio',
      occurredAt: '2015-02-10T15:00:00Z',
    });
    await post(`/mesas/${m}/sessions`, {
      sessionId: 's1',
      type: 'regular',
      heldOn: '2015-02-10',
      attendees: ['gremio', 'serfor'],
      problemIds: [p],
      summary: 'Acta pública de la sesión',
      occurredAt: '2015-02-10T18:00:00Z',
    });
    await post(`/mesas/${m}/sessions`, {
      sessionId: 'reunion-1',
      type: 'inter_session',
      heldOn: '2015-02-12',
      attendees: ['serfor'],
      summary: 'NOTA-INTERNA-SERFOR',
      occurredAt: '2015-02-12T18:00:00Z',
    });
    await post(`/problems/${p}/filter`, {
      decision: 'accepted',
      sessionId: 's1',
      occurredAt: '2015-02-10T18:20:00Z',
    });
    await post(`/problems/${p}/solutions`, {
      text: 'Registro en línea',
      sessionId: 's1',
      occurredAt: '2015-02-10T18:30:00Z',
    });
    await post(`/problems/${p}/tasks`, {
      taskId: 't1',
      title: 'Lineamientos',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-05-15',
      occurredAt: '2015-03-05T15:00:00Z',
    });
    await post(`/problems/${p}/solutions`, {
      text: 'Registro en 3 días',
      rationale: 'no bastaba',
      occurredAt: '2015-04-01T15:00:00Z',
    });
    await post(`/problems/${p}/escalate`, { reason: 'budget', occurredAt: '2015-05-01T10:00:00Z' });
    await post(
      `/problems/${p}/escalation/decision`,
      { decision: 'MEF financia', decidedBy: 'PCM', occurredAt: '2015-05-20T10:00:00Z' },
      minister,
    );
    await post(`/problems/${p}/tasks/t1/deadline`, {
      dueOn: '2015-06-30',
      reason: 'consulta',
      occurredAt: '2015-05-21T10:00:00Z',
    });
    await post(`/problems/${p}/tasks/t1/complete`, { occurredAt: '2015-06-10T10:00:00Z' });
    last = await post(`/problems/${p}/resolve`, {
      outcome: 'tres días',
      sessionId: 's1',
      occurredAt: '2015-09-30T15:00:00Z',
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('has exactly one entry per stored event, in global order, indexed from 0, each hashing to its leafHash', async () => {
    const [entries, events] = [await allEntries(), await auditEvents()];
    expect(entries.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(entries.map((e) => e.index)).toEqual(entries.map((_, i) => i));
    for (const e of entries) expect(historyLeafHash(e)).toBe(e.leafHash);

    const raised = entries.find((e) => e.type === 'ProblemRaised' && e.problemId === p)!;
    expect(raised).toEqual({
      index: expect.any(Number),
      eventId: expect.any(String),
      type: 'ProblemRaised',
      mesaId: m,
      problemId: p,
      occurredAt: '2015-02-10T15:00:00.000Z',
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      summary: `Se planteó el problema «Registro lento» (barrera: trámites) en la mesa «Mesa Forestal»`,
      data: {
        mesaId: m,
        problemId: p,
        title: 'Registro lento',
        description: null,
        barrier: 'red_tape',
        raisedBy: 'gremio',
      },
      leafHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // mesa events have no problemId member at all (not null, not undefined)
    expect(entries.find((e) => e.type === 'MesaProposed' && e.mesaId === m)).not.toHaveProperty(
      'problemId',
    );
  });

  it('says in which session a decision was taken, in the entry (hashed) and in its summary', async () => {
    const entries = await allEntries({}, `/mesas/${m}/history`);
    const filtered = entries.find((e) => e.type === 'ProblemFiltered')!;
    expect(filtered.sessionId).toBe('s1');
    expect(filtered.summary).toBe(
      'Se aceptó el problema «Registro lento» (decidido en la sesión s1 del 2015-02-10)',
    );
    expect(entries.find((e) => e.type === 'TaskAssigned')).not.toHaveProperty('sessionId');
    const en = await allEntries({ lang: 'en' }, `/mesas/${m}/history`);
    expect(en.find((e) => e.type === 'ProblemFiltered')!.summary).toBe(
      'Problem «Registro lento» accepted (decided in session s1 of 2015-02-10)',
    );
    // the summary is outside the leaf: both languages hash the same
    expect(en.map((e) => e.leafHash)).toEqual(entries.map((e) => e.leafHash));
  });

  it('keeps the notes of inter-session meetings out of the public history, but not out of the audit log', async () => {
    const entries = await allEntries({}, `/mesas/${m}/history`);
    const meeting = entries.find(
      (e) => e.type === 'SessionHeld' && e.data.sessionId === 'reunion-1',
    )!;
    expect(meeting.data).toEqual({
      mesaId: m,
      sessionId: 'reunion-1',
      type: 'inter_session',
      heldOn: '2015-02-12',
      attendees: ['serfor'],
      problemIds: [],
    });
    const regular = entries.find((e) => e.type === 'SessionHeld' && e.data.sessionId === 's1')!;
    expect(regular.data.summary).toBe('Acta pública de la sesión');
    for (const lang of ['es', 'en']) {
      const res = await t.http.get(`${API}/history`).set('accept', 'text/csv').query({ lang });
      expect(res.text).not.toContain('NOTA-INTERNA');
    }
    expect(JSON.stringify(await allEntries())).not.toContain('NOTA-INTERNA');
    const audited = (await auditEvents()).find(
      (e) => e.type === 'SessionHeld' && e.data.sessionId === 'reunion-1',
    )!;
    expect(audited.data.summary).toBe('NOTA-INTERNA-SERFOR');
  });

  it('pages by index: after is exclusive, limit bounds the page, nextAfter is null on the last page', async () => {
    const all = await allEntries();
    const page = await t.http.get(`${API}/history`).query({ after: '2', limit: '3' });
    expect(page.status).toBe(200);
    expect(page.body.entries.map((e: Entry) => e.index)).toEqual([3, 4, 5]);
    expect(page.body.nextAfter).toBe(5);
    const tail = await t.http
      .get(`${API}/history`)
      .query({ after: String(all.length - 3), limit: '2' });
    expect(tail.body).toMatchObject({ nextAfter: null });
    expect(tail.body.entries.map((e: Entry) => e.index)).toEqual([all.length - 2, all.length - 1]);
    const first = await t.http.get(`${API}/history`);
    expect(first.body.entries).toHaveLength(Math.min(100, all.length));

    const mesa = await allEntries({}, `/mesas/${other}/history`);
    expect(mesa.map((e) => e.type)).toEqual(['MesaProposed']);
    expect(mesa[0].index).toBe(all.find((e) => e.mesaId === other)!.index);

    for (const query of [
      { limit: '1001' },
      { limit: '0' },
      { after: '-1' },
      { after: 'x' },
      { lang: 'fr' },
      { minPosition: 'z' },
    ]) {
      expect((await t.http.get(`${API}/history`).query(query)).status).toBe(400);
    }
    expect((await t.http.get(`${API}/mesas/${freshId('nadie')}/history`)).status).toBe(404);
  });

  it('publishes a signed checkpoint over all entries, with a key kept under DATA_DIR', async () => {
    const res = await t.http
      .get(`${API}/transparency/checkpoint`)
      .query({ minPosition: last.position });
    expect(res.status).toBe(200);
    const entries = await allEntries();
    expect(res.body.treeSize).toBe(entries.length);
    expect(res.body.rootHash).toBe(rootFromLeafHashes(entries.map((e) => e.leafHash)));
    const key = await t.http.get(`${API}/transparency/key`);
    expect(key.body).toEqual({
      algorithm: 'Ed25519',
      publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY'),
    });
    expect(verifyCheckpoint(key.body.publicKeyPem, res.body)).toBe(true);
    expect(
      verifyCheckpoint(key.body.publicKeyPem, { ...res.body, treeSize: res.body.treeSize - 1 }),
    ).toBe(false);
    const file = join(t.dataDir, 'transparency-key.pem');
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('serves inclusion and consistency proofs that verify, and refuses sizes the tree has not reached', async () => {
    const entries = await allEntries();
    const n = entries.length;
    const roots = (size: number) =>
      rootFromLeafHashes(entries.slice(0, size).map((e) => e.leafHash));
    for (const size of [1, 5, n]) {
      for (let index = 0; index < size; index++) {
        const res = await t.http
          .get(`${API}/transparency/proof/inclusion`)
          .query({ index, treeSize: size });
        expect(res.status).toBe(200);
        expect(res.body.leafHash).toBe(entries[index].leafHash);
        expect(verifyInclusion(res.body, roots(size))).toBe(true);
      }
    }
    for (const first of [0, 1, 3, 8, n]) {
      const res = await t.http
        .get(`${API}/transparency/proof/consistency`)
        .query({ first, second: n });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ first, second: n });
      expect(verifyConsistency(res.body, roots(first), roots(n))).toBe(true);
    }
    const bad = [
      ['inclusion', { index: n, treeSize: n }],
      ['inclusion', { index: 0, treeSize: n + 1 }],
      ['inclusion', { treeSize: n }],
      ['inclusion', { index: '-1' }],
      ['consistency', { first: 3, second: 2 }],
      ['consistency', { first: 1, second: n + 1 }],
      ['consistency', { first: '1.5' }],
    ] as const;
    for (const [kind, query] of bad) {
      expect((await t.http.get(`${API}/transparency/proof/${kind}`).query(query)).status).toBe(400);
    }
  });

  it('serves the history as NDJSON and CSV open data', async () => {
    const entries = await allEntries();
    const nd = await t.http.get(`${API}/history`).set('accept', 'application/x-ndjson');
    expect(nd.status).toBe(200);
    expect(nd.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = nd.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Entry);
    expect(lines).toEqual(entries);

    const csv = await t.http
      .get(`${API}/mesas/${m}/history`)
      .set('accept', 'text/csv')
      .query({ lang: 'en' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="history-${m}-\\d+\\.csv"$`),
    );
    // a byte-order mark first, so that a spreadsheet reads «» and accents as UTF-8
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const rows = csv.text.slice(1).split('\r\n').filter(Boolean);
    expect(rows[0]).toBe(
      'index,eventId,type,mesaId,problemId,occurredAt,recordedAt,summary,leafHash,data,sessionId',
    );
    expect(rows).toHaveLength(1 + entries.filter((e) => e.mesaId === m).length);
    const proposed = entries.find((e) => e.type === 'MesaProposed' && e.mesaId === m)!;
    expect(rows[1]).toBe(
      `${proposed.index},${proposed.eventId},MesaProposed,${m},,${proposed.occurredAt},${proposed.recordedAt},` +
        `"Mesa «Mesa Forestal» proposed (sector forestal), convened by PRODUCE",${proposed.leafHash},` +
        `"${JSON.stringify(proposed.data).replace(/"/g, '""')}",`,
    );
  });

  it('audit verify checks the live server (and the audit log with a token), and an export offline', async () => {
    const saved = join(work, 'checkpoint.json');
    const online = await auditVerify({ url: t.baseUrl!, token: auditor, saveCheckpoint: saved });
    expect(online.problems).toEqual([]);
    expect(online.ok).toBe(true);
    expect(online.passed.join('\n')).toMatch(/records its audit event/);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({
      treeSize: online.treeSize,
      publicKeyPem: expect.any(String),
    });

    last = await post(`/problems/${p}/reopen`, {
      reason: 'volvió a demorar',
      occurredAt: '2016-01-01T00:00:00Z',
    });
    await t.http.get(`${API}/history`).query({ minPosition: last.position, limit: '1' });
    const later = await auditVerify({ url: t.baseUrl!, sinceCheckpoint: saved });
    expect(later.problems).toEqual([]);
    expect(later.treeSize).toBe(online.treeSize + 1);
    expect(later.passed.join('\n')).toMatch(/consistency proof from \d+ to \d+ verifies/);

    const dir = join(work, 'export');
    const exported = await exportHistory({ url: t.baseUrl!, out: dir });
    expect(exported).toMatchObject({ treeSize: later.treeSize, entries: later.treeSize });
    const offline = await auditVerify({ file: dir, sinceCheckpoint: saved });
    expect(offline.problems).toEqual([]);
    expect(offline.ok).toBe(true);
  });

  it('diffs the matrix between two instants, naming the session where each decision was taken', async () => {
    const res = await t.http.get(`${API}/mesas/${m}/matrix/diff`).query({
      from: '2015-02-01T00:00:00Z',
      to: '2015-05-10T00:00:00Z',
      minPosition: last.position,
    });
    expect(res.status).toBe(200);
    const diff = res.body;
    expect(diff.problemsAdded).toEqual([
      expect.objectContaining({
        problemId: p,
        title: 'Registro lento',
        status: 'escalated',
        sessionId: null,
      }),
    ]);
    expect(
      diff.solutionRevisions.map((r: { revision: number; sessionId: string | null }) => [
        r.revision,
        r.sessionId,
      ]),
    ).toEqual([
      [1, 's1'],
      [2, null],
    ]);
    expect(diff.tasks).toEqual([
      expect.objectContaining({ taskId: 't1', change: 'assigned', dueOn: '2015-05-15' }),
    ]);
    expect(diff.escalations).toEqual([
      expect.objectContaining({ change: 'escalated', reason: 'budget' }),
    ]);
    expect(diff.decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'ProblemFiltered',
          sessionId: 's1',
          details: { decision: 'accepted', reason: null },
        }),
      ]),
    );
    const s1 = diff.sessions.find((s: { sessionId: string }) => s.sessionId === 's1');
    expect(s1).toMatchObject({ heldOn: '2015-02-10', type: 'regular', heldInWindow: true });
    expect(s1.decisions.map((d: { type: string }) => d.type)).toEqual([
      'ProblemFiltered',
      'SolutionProposed',
    ]);
    expect(JSON.stringify(diff)).not.toContain('NOTA-INTERNA');

    const later = await t.http
      .get(`${API}/mesas/${m}/matrix/diff`)
      .query({ from: '2015-05-10T00:00:00Z', to: '2015-12-31T00:00:00Z' });
    expect(later.body.statusChanges).toEqual([
      { problemId: p, title: 'Registro lento', before: 'escalated', after: 'resolved' },
    ]);
    expect(later.body.tasks.map((x: { change: string }) => x.change)).toEqual([
      'deadline_moved',
      'completed',
    ]);
    expect(later.body.escalations).toEqual([
      expect.objectContaining({ change: 'resolved', decision: 'MEF financia', decidedBy: 'PCM' }),
    ]);

    expect(
      (
        await t.http
          .get(`${API}/mesas/${m}/matrix/diff`)
          .query({ from: '2016-01-01', to: '2015-01-01' })
      ).status,
    ).toBe(400);
    expect(
      (await t.http.get(`${API}/mesas/${m}/matrix/diff`).query({ to: '2015-01-01' })).status,
    ).toBe(400);
    expect(
      (
        await t.http
          .get(`${API}/mesas/${freshId('nadie')}/matrix/diff`)
          .query({ from: '2015-01-01' })
      ).status,
    ).toBe(404);
  });
});
