import Database from 'better-sqlite3';
import type { LogCheckpoint } from '@mesas/event-store';
import {
  CheckpointConflict,
  Doc,
  DocRef,
  DocWrite,
  DocumentStore,
  refKey,
} from '../document-store.port';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_checkpoints (
  projection TEXT PRIMARY KEY,
  checkpoint TEXT
);
CREATE TABLE IF NOT EXISTS rm_docs (
  projection TEXT NOT NULL,
  collection TEXT NOT NULL,
  key        TEXT NOT NULL,
  partition  TEXT,
  doc        TEXT NOT NULL,
  PRIMARY KEY (projection, collection, key)
);
CREATE INDEX IF NOT EXISTS rm_docs_partition_key ON rm_docs (projection, collection, partition, key);
DROP INDEX IF EXISTS rm_docs_partition;
`;

/**
 * Read models of the embedded profile, in their own SQLite file beside the events.
 *
 * `synchronous = NORMAL` (the events keep FULL): in WAL mode a commit is still atomic and
 * survives the process being killed; only a power cut or an OS crash may lose the last commits,
 * and then each projection's documents and checkpoint go back together, so it replays those
 * events from the log and reaches the same state (decision 0020). This saves an fsync per
 * projection batch on the command path.
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  async checkpoint(projection: string): Promise<LogCheckpoint | null> {
    const row = this.db
      .prepare<[string], { checkpoint: string | null }>(
        'SELECT checkpoint FROM rm_checkpoints WHERE projection = ?',
      )
      .get(projection);
    return row?.checkpoint ?? null;
  }

  async load(projection: string, refs: readonly DocRef[]): Promise<Map<string, Doc>> {
    const found = new Map<string, Doc>();
    const select = this.db.prepare<[string, string, string], { doc: string }>(
      'SELECT doc FROM rm_docs WHERE projection = ? AND collection = ? AND key = ?',
    );
    for (const ref of refs) {
      const k = refKey(ref);
      if (found.has(k)) continue;
      const row = select.get(projection, ref.collection, ref.key);
      if (row) found.set(k, JSON.parse(row.doc) as Doc);
    }
    return found;
  }

  async commit(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly DocWrite[],
  ): Promise<void> {
    const upsert = this.db.prepare(
      `INSERT INTO rm_docs (projection, collection, key, partition, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (projection, collection, key) DO UPDATE SET partition = excluded.partition, doc = excluded.doc`,
    );
    const current = this.db.prepare<[string], { checkpoint: string | null }>(
      'SELECT checkpoint FROM rm_checkpoints WHERE projection = ?',
    );
    const save = this.db.prepare(
      `INSERT INTO rm_checkpoints (projection, checkpoint) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET checkpoint = excluded.checkpoint`,
    );
    this.db
      .transaction(() => {
        const at = current.get(projection)?.checkpoint ?? null;
        if (at !== from) throw new CheckpointConflict(projection, from);
        for (const w of writes) {
          upsert.run(projection, w.collection, w.key, w.partition, JSON.stringify(w.doc));
        }
        save.run(projection, to);
      })
      .immediate();
  }

  async get(projection: string, collection: string, key: string): Promise<Doc | null> {
    const row = this.db
      .prepare<[string, string, string], { doc: string }>(
        'SELECT doc FROM rm_docs WHERE projection = ? AND collection = ? AND key = ?',
      )
      .get(projection, collection, key);
    return row ? (JSON.parse(row.doc) as Doc) : null;
  }

  async list(projection: string, collection: string, partition?: string): Promise<Doc[]> {
    const rows =
      partition === undefined
        ? this.db
            .prepare<[string, string], { doc: string }>(
              'SELECT doc FROM rm_docs WHERE projection = ? AND collection = ? ORDER BY key',
            )
            .all(projection, collection)
        : this.db
            .prepare<[string, string, string], { doc: string }>(
              'SELECT doc FROM rm_docs WHERE projection = ? AND collection = ? AND partition = ? ORDER BY key',
            )
            .all(projection, collection, partition);
    return rows.map((r) => JSON.parse(r.doc) as Doc);
  }

  async range(
    projection: string,
    collection: string,
    options: { partition?: string; afterKey?: string; limit: number },
  ): Promise<Doc[]> {
    const where = ['projection = ?', 'collection = ?'];
    const args: (string | number)[] = [projection, collection];
    if (options.partition !== undefined) {
      where.push('partition = ?');
      args.push(options.partition);
    }
    if (options.afterKey !== undefined) {
      where.push('key > ?');
      args.push(options.afterKey);
    }
    args.push(options.limit);
    const rows = this.db
      .prepare<(string | number)[], { doc: string }>(
        `SELECT doc FROM rm_docs WHERE ${where.join(' AND ')} ORDER BY key LIMIT ?`,
      )
      .all(...args);
    return rows.map((r) => JSON.parse(r.doc) as Doc);
  }

  async count(projection: string, collection: string, partition?: string): Promise<number> {
    const row =
      partition === undefined
        ? this.db
            .prepare<[string, string], { n: number }>(
              'SELECT COUNT(*) AS n FROM rm_docs WHERE projection = ? AND collection = ?',
            )
            .get(projection, collection)
        : this.db
            .prepare<[string, string, string], { n: number }>(
              'SELECT COUNT(*) AS n FROM rm_docs WHERE projection = ? AND collection = ? AND partition = ?',
            )
            .get(projection, collection, partition);
    return row?.n ?? 0;
  }

  async reset(projection: string): Promise<void> {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM rm_docs WHERE projection = ?').run(projection);
        this.db.prepare('DELETE FROM rm_checkpoints WHERE projection = ?').run(projection);
      })
      .immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
