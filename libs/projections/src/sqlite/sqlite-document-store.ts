import Database from 'better-sqlite3';
import type { LogCheckpoint } from '@mesas/event-store';
import { randomUUID } from 'node:crypto';
import {
  CheckpointConflict,
  Doc,
  DocRef,
  DocWrite,
  DocumentStore,
  ShadowRebuild,
  ShadowRebuildSupport,
  RangeOptions,
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

/** The rows of a rebuild of `projection` live under this name until the swap. */
const SHADOW_SEPARATOR = '#rebuild-';

/**
 * Read models of the embedded profile, in their own SQLite file beside the events.
 *
 * `synchronous = NORMAL` (the events keep FULL): in WAL mode a commit is still atomic and
 * survives the process being killed; only a power cut or an OS crash may lose the last commits,
 * and then each projection's documents and checkpoint go back together, so it replays those
 * events from the log and reaches the same state (decision 0020). This saves an fsync per
 * projection batch on the command path.
 *
 * A rebuild (`prepareRebuild`) fills a shadow copy of the projection, stored under its own
 * name (`<projection>#rebuild-<id>`), while the live one keeps serving and its runner keeps
 * it current; `activate` swaps the shadow in with one write transaction (delete the live rows,
 * rename the shadow's), so readers see the old documents or the new ones, never a mix and
 * never none. The live runner's next commit then loses its checkpoint compare-and-set, reloads
 * the rebuilt checkpoint and carries on from there; this works across processes (the CLI
 * rebuilding while the API runs), as SQLite serialises the writers.
 */
export class SqliteDocumentStore implements DocumentStore, ShadowRebuildSupport {
  private readonly db: Database.Database;

  constructor(
    filename: string | Database.Database,
    /** projection → the stored name this instance reads and writes instead (a rebuild's) */
    private readonly pinned: ReadonlyMap<string, string> = new Map(),
  ) {
    if (typeof filename !== 'string') {
      this.db = filename;
      return;
    }
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  private name(projection: string): string {
    return this.pinned.get(projection) ?? projection;
  }

  async prepareRebuild(projection: string): Promise<ShadowRebuild> {
    const shadow = `${projection}${SHADOW_SEPARATOR}${randomUUID()}`;
    // a rebuild that died left its shadow behind; a newer one supersedes it
    this.db
      .transaction(() => {
        const prefix = `${projection}${SHADOW_SEPARATOR}`;
        const where = 'WHERE substr(projection, 1, ?) = ?';
        this.db.prepare(`DELETE FROM rm_docs ${where}`).run(prefix.length, prefix);
        this.db.prepare(`DELETE FROM rm_checkpoints ${where}`).run(prefix.length, prefix);
      })
      .immediate();
    const documents = new SqliteDocumentStore(
      this.db,
      new Map([...this.pinned, [projection, shadow]]),
    );
    return {
      projection,
      generation: shadow.slice(projection.length + SHADOW_SEPARATOR.length),
      documents,
      activate: async () => this.activate(projection, shadow),
      discard: async () => {
        this.db
          .transaction(() => {
            this.db.prepare('DELETE FROM rm_docs WHERE projection = ?').run(shadow);
            this.db.prepare('DELETE FROM rm_checkpoints WHERE projection = ?').run(shadow);
          })
          .immediate();
      },
    };
  }

  /** The swap: one write transaction, so a reader sees either projection whole. */
  private activate(projection: string, shadow: string): void {
    this.db
      .transaction(() => {
        const ready = this.db
          .prepare<[string], { n: number }>(
            'SELECT COUNT(*) AS n FROM rm_checkpoints WHERE projection = ?',
          )
          .get(shadow);
        if (!ready?.n) {
          throw new Error(
            `the rebuild of ${projection} was superseded or discarded: nothing to swap in`,
          );
        }
        this.db.prepare('DELETE FROM rm_docs WHERE projection = ?').run(projection);
        this.db.prepare('DELETE FROM rm_checkpoints WHERE projection = ?').run(projection);
        this.db
          .prepare('UPDATE rm_docs SET projection = ? WHERE projection = ?')
          .run(projection, shadow);
        this.db
          .prepare('UPDATE rm_checkpoints SET projection = ? WHERE projection = ?')
          .run(projection, shadow);
      })
      .immediate();
  }

  /** prepared once: every cached read checks a checkpoint (apps/api response cache) */
  private checkpointQuery?: Database.Statement<[string], { checkpoint: string | null }>;

  async checkpoint(projection: string): Promise<LogCheckpoint | null> {
    this.checkpointQuery ??= this.db.prepare<[string], { checkpoint: string | null }>(
      'SELECT checkpoint FROM rm_checkpoints WHERE projection = ?',
    );
    const row = this.checkpointQuery.get(this.name(projection));
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
      const row = select.get(this.name(projection), ref.collection, ref.key);
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
        const at = current.get(this.name(projection))?.checkpoint ?? null;
        if (at !== from) throw new CheckpointConflict(projection, from);
        for (const w of writes) {
          upsert.run(
            this.name(projection),
            w.collection,
            w.key,
            w.partition,
            JSON.stringify(w.doc),
          );
        }
        save.run(this.name(projection), to);
      })
      .immediate();
  }

  async get(projection: string, collection: string, key: string): Promise<Doc | null> {
    const row = this.db
      .prepare<[string, string, string], { doc: string }>(
        'SELECT doc FROM rm_docs WHERE projection = ? AND collection = ? AND key = ?',
      )
      .get(this.name(projection), collection, key);
    return row ? (JSON.parse(row.doc) as Doc) : null;
  }

  async list(projection: string, collection: string, partition?: string): Promise<Doc[]> {
    const rows =
      partition === undefined
        ? this.db
            .prepare<[string, string], { doc: string }>(
              'SELECT doc FROM rm_docs WHERE projection = ? AND collection = ? ORDER BY key',
            )
            .all(this.name(projection), collection)
        : this.db
            .prepare<[string, string, string], { doc: string }>(
              'SELECT doc FROM rm_docs WHERE projection = ? AND collection = ? AND partition = ? ORDER BY key',
            )
            .all(this.name(projection), collection, partition);
    return rows.map((r) => JSON.parse(r.doc) as Doc);
  }

  async range(projection: string, collection: string, options: RangeOptions): Promise<Doc[]> {
    const where = ['projection = ?', 'collection = ?'];
    const args: (string | number)[] = [this.name(projection), collection];
    if (options.partition !== undefined) {
      where.push('partition = ?');
      args.push(options.partition);
    }
    if (options.afterKey !== undefined) {
      where.push('key > ?');
      args.push(options.afterKey);
    }
    if (options.beforeKey !== undefined) {
      where.push('key < ?');
      args.push(options.beforeKey);
    }
    args.push(options.limit);
    const order = options.descending ? 'DESC' : 'ASC';
    const rows = this.db
      .prepare<(string | number)[], { doc: string }>(
        `SELECT doc FROM rm_docs WHERE ${where.join(' AND ')} ORDER BY key ${order} LIMIT ?`,
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
            .get(this.name(projection), collection)
        : this.db
            .prepare<[string, string, string], { n: number }>(
              'SELECT COUNT(*) AS n FROM rm_docs WHERE projection = ? AND collection = ? AND partition = ?',
            )
            .get(this.name(projection), collection, partition);
    return row?.n ?? 0;
  }

  async reset(projection: string): Promise<void> {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM rm_docs WHERE projection = ?').run(this.name(projection));
        this.db
          .prepare('DELETE FROM rm_checkpoints WHERE projection = ?')
          .run(this.name(projection));
      })
      .immediate();
  }

  async close(): Promise<void> {
    // a rebuild's view shares its parent's connection
    if (this.pinned.size > 0) return;
    if (this.db.open) this.db.close();
  }
}
