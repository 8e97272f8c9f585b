import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDocumentStore, SqliteDocumentStore } from '@mesas/projections';
import { generateKeyPair, historyLeafHash } from '@mesas/transparency';
import { auditVerify, auditVerifyCommand } from '../../apps/cli/src/commands/audit-verify.command';
import { exportHistory } from '../../apps/cli/src/commands/export.command';
import { TestSchema, createTestSchema, describeWithPostgres, sql } from '../support/postgres';
import { CommandResultBody, ok } from './support/http-fixtures';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

type EntryDoc = Record<string, unknown> & {
  index: number;
  leafHash: string;
  data: Record<string, unknown>;
};

/** Direct access to a profile's database files or tables, as an attacker (or a bug) would have. */
interface Tamper {
  /** rewrites the stored event's data (the es_events row) */
  rewriteEventData(
    eventId: string,
    change: (data: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<void>;
  readEntry(index: number): Promise<EntryDoc>;
  writeEntry(index: number, doc: EntryDoc): Promise<void>;
  deleteEntry(index: number): Promise<void>;
  /** what `mesas projections rebuild history` does first */
  resetHistory(): Promise<void>;
}

interface Profile {
  readonly name: string;
  env(): Record<string, string>;
  tamper(dataDir: string): Tamper;
}

const key = (index: number) => String(index).padStart(12, '0');

const sqliteProfile: Profile = {
  name: 'the embedded SQLite store',
  env: () => ({}),
  tamper(dataDir) {
    const events = join(dataDir, 'events.sqlite');
    const models = join(dataDir, 'read-models.sqlite');
    const withDb = <T>(file: string, fn: (db: Database.Database) => T): T => {
      const db = new Database(file);
      db.pragma('busy_timeout = 5000');
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    const entryWhere = `projection = 'history' AND collection = 'entry' AND key = ?`;
    return {
      async rewriteEventData(eventId, change) {
        withDb(events, (db) => {
          const row = db.prepare('SELECT data FROM es_events WHERE event_id = ?').get(eventId) as {
            data: string;
          };
          db.prepare('UPDATE es_events SET data = ? WHERE event_id = ?').run(
            JSON.stringify(change(JSON.parse(row.data))),
            eventId,
          );
        });
      },
      async readEntry(index) {
        return withDb(models, (db) => {
          const row = db.prepare(`SELECT doc FROM rm_docs WHERE ${entryWhere}`).get(key(index)) as {
            doc: string;
          };
          return JSON.parse(row.doc) as EntryDoc;
        });
      },
      async writeEntry(index, doc) {
        withDb(models, (db) =>
          db
            .prepare(`UPDATE rm_docs SET doc = ? WHERE ${entryWhere}`)
            .run(JSON.stringify(doc), key(index)),
        );
      },
      async deleteEntry(index) {
        withDb(models, (db) =>
          db.prepare(`DELETE FROM rm_docs WHERE ${entryWhere}`).run(key(index)),
        );
      },
      async resetHistory() {
        const documents = new SqliteDocumentStore(models);
        await documents.reset('history');
        await documents.close();
      },
    };
  },
};

function postgresProfile(schema: () => TestSchema, privateKeyPem: string): Profile {
  return {
    name: 'PostgreSQL',
    env: () => ({
      EVENT_STORE: 'postgres',
      DATABASE_URL: schema().url,
      DATABASE_SCHEMA: schema().schema,
      PROJECTIONS: 'in-process',
      TRANSPARENCY_PRIVATE_KEY: privateKeyPem,
    }),
    tamper() {
      const s = schema().schema;
      const entryWhere = `projection = 'history' AND collection = 'entry' AND key = $1`;
      return {
        async rewriteEventData(eventId, change) {
          const [row] = await sql<{ data: Record<string, unknown> }>(
            `SELECT data FROM ${s}.es_events WHERE event_id = $1`,
            [eventId],
          );
          await sql(`UPDATE ${s}.es_events SET data = $2::json WHERE event_id = $1`, [
            eventId,
            JSON.stringify(change(row.data)),
          ]);
        },
        async readEntry(index) {
          const [row] = await sql<{ doc: EntryDoc }>(
            `SELECT doc FROM ${s}.rm_docs WHERE ${entryWhere}`,
            [key(index)],
          );
          return row.doc;
        },
        async writeEntry(index, doc) {
          await sql(`UPDATE ${s}.rm_docs SET doc = $2::json WHERE ${entryWhere}`, [
            key(index),
            JSON.stringify(doc),
          ]);
        },
        async deleteEntry(index) {
          await sql(`DELETE FROM ${s}.rm_docs WHERE ${entryWhere}`, [key(index)]);
        },
        async resetHistory() {
          const documents = await PostgresDocumentStore.open({
            connectionString: schema().url,
            schema: s,
          });
          await documents.reset('history');
          await documents.close();
        },
      };
    },
  };
}

/**
 * Tampering directly in the database — a stored event, a history row changed, dropped or
 * swapped — and `mesas audit verify` catching each, with the reason it gives.
 */
function tamperSuite(profile: Profile): void {
  let dataDir: string;
  let t: TestApp;
  let last: CommandResultBody;
  let saved: string;
  let problemId: string;
  let raisedIndex: number;
  let raisedEventId: string;

  /** A small log, verified, its checkpoint saved, as an auditor would have done last week. */
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mesas-tamper-'));
    t = await startTestApp(profile.env(), { listen: true, dataDir });
    const coordinator = t.token({ role: 'coordinator' });
    const post = (path: string, body: object) => ok(t, path, body, coordinator);
    const m = freshId('forestal');
    problemId = freshId('registro');
    await post('/mesas', {
      mesaId: m,
      name: 'Mesa Forestal',
      kind: 'sector',
      scope: 'forestal',
      convener: 'PRODUCE',
    });
    await post(`/mesas/${m}/viability`, { viable: true, notes: 'viable' });
    await post(`/mesas/${m}/launch`, {});
    await post(`/mesas/${m}/participants`, {
      participantId: 'gremio',
      name: 'Gremio',
      organisation: 'ADEX',
      role: 'private',
    });
    await post(`/mesas/${m}/problems`, {
      problemId,
      title: 'Registro lento',
      barrier: 'red_tape',
      raisedBy: 'gremio',
    });
    await post(`/problems/${problemId}/filter`, { decision: 'accepted' });
    last = await post(`/problems/${problemId}/solutions`, { text: 'Registro en línea' });
    const page = await t.http
      .get(`${API}/history`)
      .query({ minPosition: last.position, limit: '1000' });
    const raised = (page.body.entries as EntryDoc[]).find(
      (e) => e.type === 'ProblemRaised' && e.problemId === problemId,
    )!;
    raisedIndex = raised.index;
    raisedEventId = raised.eventId as string;
    saved = join(dataDir, 'saved-checkpoint.json');
    const baseline = await auditVerify({ url: t.baseUrl!, saveCheckpoint: saved });
    expect(baseline.problems).toEqual([]);
  });
  afterEach(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function restart(): Promise<void> {
    await t.close();
    t = await startTestApp(profile.env(), { listen: true, dataDir });
    const res = await t.http
      .get(`${API}/history`)
      .query({ minPosition: last.position, limit: '1' });
    expect(res.status).toBe(200);
  }

  it('a stored event changed and the history rebuilt: the root no longer extends the saved checkpoint', async () => {
    await t.close();
    const db = profile.tamper(dataDir);
    await db.rewriteEventData(raisedEventId, (data) => ({ ...data, title: 'Registro rápido' }));
    await db.resetHistory();
    t = await startTestApp(profile.env(), { listen: true, dataDir });
    const rebuilt = await t.http
      .get(`${API}/history`)
      .query({ minPosition: last.position, after: String(raisedIndex - 1), limit: '1' });
    expect(rebuilt.body.entries[0].data.title).toBe('Registro rápido');

    // the rewritten log is self-consistent, which is why auditors keep checkpoints
    expect((await auditVerify({ url: t.baseUrl! })).ok).toBe(true);
    const report = await auditVerify({ url: t.baseUrl!, sinceCheckpoint: saved });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /not consistent with the saved checkpoint: its first \d+ entries hash to .* the history was rewritten/,
        ),
        expect.stringMatching(/consistency proof from \d+ to \d+ does not verify/),
      ]),
    );
  });

  it('a stored event changed without a rebuild: the auditor token shows the entry no longer records it', async () => {
    await profile
      .tamper(dataDir)
      .rewriteEventData(raisedEventId, (data) => ({ ...data, title: 'Registro rápido' }));
    const report = await auditVerify({ url: t.baseUrl!, token: t.token({ role: 'auditor' }) });
    expect(report.problems).toEqual([
      expect.stringMatching(
        new RegExp(`entry ${raisedIndex} does not record audit event ${raisedEventId} faithfully`),
      ),
    ]);
  });

  it('a history row changed: its leaf hash no longer matches; recomputing the hash moves the root instead', async () => {
    const db = profile.tamper(dataDir);
    const doc = await db.readEntry(raisedIndex);
    const forged = { ...doc, data: { ...doc.data, title: 'Registro rápido' } };
    await db.writeEntry(raisedIndex, forged);
    const report = await auditVerify({ url: t.baseUrl! });
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.stringMatching(
        new RegExp(`entry ${raisedIndex}: its leafHash does not match its contents`),
      ),
    );

    const { summaries: _summaries, leafHash: _old, ...leaf } = forged as EntryDoc;
    await db.writeEntry(raisedIndex, { ...forged, leafHash: historyLeafHash(leaf) });
    const rehashed = await auditVerify({ url: t.baseUrl!, sinceCheckpoint: saved });
    expect(rehashed.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /the root recomputed over the \d+ entries is [0-9a-f]{64}, the signed checkpoint says/,
        ),
        expect.stringMatching(/not consistent with the saved checkpoint/),
      ]),
    );
    expect(rehashed.problems.join('\n')).not.toMatch(/leafHash does not match/);
  });

  it('a history row dropped: the gap is named', async () => {
    await profile.tamper(dataDir).deleteEntry(3);
    const report = await auditVerify({ url: t.baseUrl! });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        'index 3 is missing: a gap in the history before entry 4',
        expect.stringMatching(
          /the history holds \d+ entries below index \d+, the checkpoint covers/,
        ),
      ]),
    );
  });

  it('two history rows swapped: the reordering is named, and the CLI exits 1 with a FAILED verdict', async () => {
    const db = profile.tamper(dataDir);
    const [a, b] = [await db.readEntry(2), await db.readEntry(3)];
    await db.writeEntry(2, b);
    await db.writeEntry(3, a);
    const report = await auditVerify({ url: t.baseUrl! });
    expect(report.problems).toContainEqual(
      'entry 2 comes after entry 3: entries are out of order or repeated',
    );
    expect(report.problems).toContainEqual(expect.stringMatching(/the root recomputed over/));

    const printed: string[] = [];
    const log = jest
      .spyOn(console, 'log')
      .mockImplementation((line: string) => void printed.push(line));
    try {
      expect(await auditVerifyCommand.run(['--url', t.baseUrl!, '--quiet'])).toBe(1);
    } finally {
      log.mockRestore();
    }
    expect(printed.join('\n')).toMatch(/^FAILED: the public history at .* does not verify/);
    expect(printed.join('\n')).toContain('✗ entry 2 comes after entry 3');
  });

  it('an export edited offline fails the offline check', async () => {
    const dir = join(dataDir, 'export');
    await exportHistory({ url: t.baseUrl!, out: dir });
    expect((await auditVerify({ file: dir, sinceCheckpoint: saved })).ok).toBe(true);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const file = join(dir, 'history.ndjson');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Registro lento', 'Registro rápido'));
    const report = await auditVerify({ file: dir });
    expect(report.problems).toContainEqual(
      expect.stringMatching(/its leafHash does not match its contents/),
    );
  });

  it('survives a restart with the same key (same DATA_DIR or configured key)', async () => {
    const before = (await t.http.get(`${API}/transparency/key`)).body.publicKeyPem;
    await restart();
    expect((await t.http.get(`${API}/transparency/key`)).body.publicKeyPem).toBe(before);
    expect((await auditVerify({ url: t.baseUrl!, sinceCheckpoint: saved })).ok).toBe(true);
  });
}

describe(`tampering with ${sqliteProfile.name}`, () => tamperSuite(sqliteProfile));

describeWithPostgres('tampering with PostgreSQL', () => {
  let schema: TestSchema;
  const { privateKeyPem } = generateKeyPair();
  beforeEach(async () => {
    schema = await createTestSchema('mesas_tamper');
  });
  afterEach(() => schema.drop());

  // nested, so each test's app closes before its schema is dropped
  describe('each tamper', () => tamperSuite(postgresProfile(() => schema, privateKeyPem)));

  it('refuses to sign without a configured key in the server profile (503), and says which setting', async () => {
    const t = await startTestApp({
      EVENT_STORE: 'postgres',
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      PROJECTIONS: 'in-process',
    });
    try {
      const res = await t.http.get(`${API}/transparency/checkpoint`);
      expect(res.status).toBe(503);
      expect(res.body.message).toMatch(/TRANSPARENCY_PRIVATE_KEY .* or TRANSPARENCY_KEY_FILE/);
      expect((await t.http.get(`${API}/history`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
