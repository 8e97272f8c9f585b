import Database from 'better-sqlite3';
import type { LogCheckpoint } from '@mesas/event-store';
import { randomUUID } from 'node:crypto';
import {
  CheckpointConflict,
  Doc,
  DocRef,
  DocWrite,
  DocumentStore,
  EncodedCommitSupport,
  EncodedWrite,
  encodeWrite,
  ShadowRebuild,
  ShadowRebuildSupport,
  RangeOptions,
  refKey,
} from '../document-store.port';
import { GenerationWriter } from './generation-writer';

/** A documents table: the shared `rm_docs`, or the table of a rebuilt generation. */
const docsTable = (name: string): string => `
CREATE TABLE IF NOT EXISTS ${name} (
  projection TEXT NOT NULL,
  collection TEXT NOT NULL,
  key        TEXT NOT NULL,
  partition  TEXT,
  doc        TEXT NOT NULL,
  PRIMARY KEY (projection, collection, key)
);`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_checkpoints (
  projection TEXT PRIMARY KEY,
  checkpoint TEXT
);
${docsTable('rm_docs')}
CREATE INDEX IF NOT EXISTS rm_docs_partition_key ON rm_docs (projection, collection, partition, key);
DROP INDEX IF EXISTS rm_docs_partition;
CREATE TABLE IF NOT EXISTS rm_generations (
  name      TEXT PRIMARY KEY,
  doc_table TEXT NOT NULL
);
`;

/** The table of a projection that has none of its own in rm_generations. */
const SHARED_TABLE = 'rm_docs';
const GENERATION_TABLE = /^rm_docs_[0-9a-f]{32}$/;

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
 * Where a projection's documents are: in the shared table `rm_docs` (a projection built by its
 * runner from the start), or in a table of its own, `rm_docs_<id>`, named in `rm_generations`
 * (a projection that was rebuilt). Every read and write looks its table up in the same
 * transaction as it reads or writes the documents, so it sees one generation whole.
 *
 * A rebuild (`prepareRebuild`) fills a new generation in a table of its own, with its
 * checkpoint stored under its own name (`<projection>#rebuild-<id>`), while the live one keeps
 * serving and its runner keeps it current; `activate` swaps it in with one write transaction
 * (point the projection at the new table, move the checkpoint, drop the old table), so readers
 * see the old documents or the new ones, never a mix and never none, and the swap costs the
 * same whatever the size of the projection: nothing is copied or renamed row by row (decision
 * 0022). The live runner's next commit then loses its checkpoint compare-and-set, reloads the
 * rebuilt checkpoint and carries on from there; this works across processes (the CLI
 * rebuilding while the API runs), as SQLite serialises the writers.
 */
export class SqliteDocumentStore
  implements DocumentStore, ShadowRebuildSupport, EncodedCommitSupport
{
  private readonly db: Database.Database;
  /** statements by SQL text, prepared once per connection (a table's are dropped with it) */
  private readonly statements: Map<string, Database.Statement>;
  private readonly inTransaction: Database.Transaction<(fn: () => unknown) => unknown>;
  /** the commits of rebuilt generations, off the main thread (a file's store only) */
  private readonly writer: GenerationWriter | null;

  constructor(
    filename: string | Database.Database,
    /** projection → the stored name this instance reads and writes instead (a rebuild's) */
    private readonly pinned: ReadonlyMap<string, string> = new Map(),
    statements?: Map<string, Database.Statement>,
    writer?: GenerationWriter | null,
  ) {
    this.statements = statements ?? new Map();
    this.writer = writer ?? null;
    if (typeof filename !== 'string') {
      this.db = filename;
    } else {
      // a second connection to the same database needs a file: not ":memory:", not ""
      if (writer === undefined && filename !== '' && filename !== ':memory:') {
        this.writer = new GenerationWriter(filename);
      }
      this.db = new Database(filename);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      // 4 MiB of pages rather than better-sqlite3's 16 MiB: reads are lookups by key and scans
      // of whole collections, which a larger cache does not keep anyway (the OS caches the file);
      // the memory counts against the target of README.md (decision 0027)
      this.db.pragma('cache_size = -4096');
      this.db.exec(SCHEMA);
    }
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
  }

  private name(projection: string): string {
    return this.pinned.get(projection) ?? projection;
  }

  private sql<P extends unknown[] = unknown[], R = unknown>(
    text: string,
  ): Database.Statement<P, R> {
    let statement = this.statements.get(text);
    if (!statement) {
      // tables come and go with rebuilds: forget the statements of those long gone
      if (this.statements.size >= 256) this.statements.clear();
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  /** The table holding the documents stored under `name`; call inside a transaction. */
  private tableOf(name: string): string {
    const row = this.sql<[string], { doc_table: string }>(
      'SELECT doc_table FROM rm_generations WHERE name = ?',
    ).get(name);
    if (!row && name.includes(SHADOW_SEPARATOR)) {
      // never let a rebuild that was superseded or discarded write into the shared table
      throw new Error(`the rebuild ${name} was superseded or discarded`);
    }
    const table = row?.doc_table ?? SHARED_TABLE;
    if (table !== SHARED_TABLE && !GENERATION_TABLE.test(table)) {
      throw new Error(`rm_generations names ${table} for ${name}: not a read-model table`);
    }
    return table;
  }

  /** Drops a table of generations no longer named anywhere (the statements on it go too). */
  private dropTable(table: string): void {
    if (table === SHARED_TABLE) return;
    for (const text of [...this.statements.keys()]) {
      if (text.includes(` ${table} `)) this.statements.delete(text);
    }
    this.db.exec(`DROP TABLE IF EXISTS ${table}`);
  }

  /** Forgets everything stored under `name` (its table, or its rows of the shared one). */
  private forget(name: string): void {
    const table = this.tableOf(name);
    if (table === SHARED_TABLE) {
      this.sql('DELETE FROM rm_docs WHERE projection = ?').run(name);
    } else {
      this.dropTable(table);
    }
    this.sql('DELETE FROM rm_generations WHERE name = ?').run(name);
    this.sql('DELETE FROM rm_checkpoints WHERE projection = ?').run(name);
  }

  async prepareRebuild(projection: string): Promise<ShadowRebuild> {
    const id = randomUUID().replaceAll('-', '');
    const shadow = `${projection}${SHADOW_SEPARATOR}${id}`;
    const table = `rm_docs_${id}`;
    // a rebuild that died left its shadow behind; a newer one supersedes it
    this.db
      .transaction(() => {
        // names that start with the prefix, as an index range (shadow ids are hex)
        const prefix = `${projection}${SHADOW_SEPARATOR}`;
        const range = [prefix, `${prefix}\uffff`];
        const dead = this.sql<string[], { name: string }>(
          'SELECT name FROM rm_generations WHERE name >= ? AND name < ?',
        ).all(...range);
        for (const { name } of dead) this.forget(name);
        // shadows of earlier versions of this store kept their rows in the shared table
        const where = 'WHERE projection >= ? AND projection < ?';
        this.sql(`DELETE FROM rm_docs ${where}`).run(...range);
        this.sql(`DELETE FROM rm_checkpoints ${where}`).run(...range);
        // the partition index comes at the swap (activate): built once from the filled table,
        // it costs less than keeping it up to date row by row while the rebuild writes
        this.db.exec(docsTable(table));
        this.sql('INSERT INTO rm_generations (name, doc_table) VALUES (?, ?)').run(shadow, table);
      })
      .immediate();
    const documents = new SqliteDocumentStore(
      this.db,
      new Map([...this.pinned, [projection, shadow]]),
      this.statements,
      this.writer,
    );
    return {
      projection,
      generation: id,
      documents,
      activate: async () => this.activate(projection, shadow),
      discard: async () => {
        this.db.transaction(() => this.forget(shadow)).immediate();
      },
    };
  }

  /** The swap: one write transaction, so a reader sees either projection whole. */
  private activate(projection: string, shadow: string): void {
    this.db
      .transaction(() => {
        const table = this.tableOf(shadow);
        if (table === SHARED_TABLE) return;
        // only documents listed by partition are indexed by it (most history rows have none);
        // "partition = ?" implies the index's condition, so those reads still use it
        this.db.exec(
          `CREATE INDEX IF NOT EXISTS ${table}_partition_key
             ON ${table} (projection, collection, partition, key) WHERE partition IS NOT NULL`,
        );
      })
      .immediate();
    this.db
      .transaction(() => {
        const ready = this.sql<[string], { n: number }>(
          'SELECT COUNT(*) AS n FROM rm_checkpoints WHERE projection = ?',
        ).get(shadow);
        const table = this.tableOf(shadow);
        if (!ready?.n || table === SHARED_TABLE) {
          throw new Error(
            `the rebuild of ${projection} was superseded or discarded: nothing to swap in`,
          );
        }
        this.forget(projection);
        this.sql('DELETE FROM rm_generations WHERE name = ?').run(shadow);
        this.sql('INSERT INTO rm_generations (name, doc_table) VALUES (?, ?)').run(
          projection,
          table,
        );
        this.sql('UPDATE rm_checkpoints SET projection = ? WHERE projection = ?').run(
          projection,
          shadow,
        );
      })
      .immediate();
  }

  async checkpoint(projection: string): Promise<LogCheckpoint | null> {
    const row = this.sql<[string], { checkpoint: string | null }>(
      'SELECT checkpoint FROM rm_checkpoints WHERE projection = ?',
    ).get(this.name(projection));
    return row?.checkpoint ?? null;
  }

  /**
   * Runs `read` with the table of `projection`'s documents, in one read transaction: the table
   * it looked up cannot be swapped out and dropped before it has read.
   */
  private reading<T>(projection: string, read: (table: string) => T): T {
    return this.inTransaction(() => read(this.tableOf(this.name(projection)))) as T;
  }

  async load(projection: string, refs: readonly DocRef[]): Promise<Map<string, Doc>> {
    return this.reading(projection, (table) => {
      const found = new Map<string, Doc>();
      const select = this.sql<[string, string, string], { doc: string }>(
        `SELECT doc FROM ${table} WHERE projection = ? AND collection = ? AND key = ?`,
      );
      for (const ref of refs) {
        const k = refKey(ref);
        if (found.has(k)) continue;
        const row = select.get(projection, ref.collection, ref.key);
        if (row) found.set(k, JSON.parse(row.doc) as Doc);
      }
      return found;
    });
  }

  async commit(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly DocWrite[],
  ): Promise<void> {
    return this.commitEncoded(projection, from, to, writes.map(encodeWrite));
  }

  /**
   * A rebuilt generation's commits are made by the writer thread (decision 0030): the same
   * transaction as `commit`, on its own connection, while the rebuild goes on folding.
   */
  async commitEncoded(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly EncodedWrite[],
  ): Promise<void> {
    const name = this.name(projection);
    if (this.writer !== null && name !== projection) {
      return this.writer.commit(name, projection, from, to, writes);
    }
    this.commitGeneration(name, projection, from, to, writes);
  }

  /**
   * The commit's transaction, under the stored name `name`: on the main connection, or on the
   * writer thread's for a rebuilt generation (what the thread runs).
   */
  commitGeneration(
    name: string,
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly EncodedWrite[],
  ): void {
    this.db
      .transaction(() => {
        const at =
          this.sql<[string], { checkpoint: string | null }>(
            'SELECT checkpoint FROM rm_checkpoints WHERE projection = ?',
          ).get(name)?.checkpoint ?? null;
        if (at !== from) throw new CheckpointConflict(projection, from);
        const table = this.tableOf(name);
        const upsert = this.sql(
          `INSERT INTO ${table} (projection, collection, key, partition, doc) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (projection, collection, key) DO UPDATE SET partition = excluded.partition, doc = excluded.doc`,
        );
        for (const w of writes) upsert.run(projection, w.collection, w.key, w.partition, w.json);
        this.sql(
          `INSERT INTO rm_checkpoints (projection, checkpoint) VALUES (?, ?)
           ON CONFLICT (projection) DO UPDATE SET checkpoint = excluded.checkpoint`,
        ).run(name, to);
      })
      .immediate();
  }

  async get(projection: string, collection: string, key: string): Promise<Doc | null> {
    const row = this.reading(projection, (table) =>
      this.sql<[string, string, string], { doc: string }>(
        `SELECT doc FROM ${table} WHERE projection = ? AND collection = ? AND key = ?`,
      ).get(projection, collection, key),
    );
    return row ? (JSON.parse(row.doc) as Doc) : null;
  }

  async list(projection: string, collection: string, partition?: string): Promise<Doc[]> {
    const rows = this.reading(projection, (table) =>
      partition === undefined
        ? this.sql<[string, string], { doc: string }>(
            `SELECT doc FROM ${table} WHERE projection = ? AND collection = ? ORDER BY key`,
          ).all(projection, collection)
        : this.sql<[string, string, string], { doc: string }>(
            `SELECT doc FROM ${table} WHERE projection = ? AND collection = ? AND partition = ? ORDER BY key`,
          ).all(projection, collection, partition),
    );
    return rows.map((r) => JSON.parse(r.doc) as Doc);
  }

  async scan(
    projection: string,
    collection: string,
    partition: string | undefined,
    visit: (doc: Doc) => void,
  ): Promise<void> {
    // one read transaction; rows are stepped through, each parsed and handed over in turn
    this.reading(projection, (table) => {
      const rows =
        partition === undefined
          ? this.sql<[string, string], { doc: string }>(
              `SELECT doc FROM ${table} WHERE projection = ? AND collection = ? ORDER BY key`,
            ).iterate(projection, collection)
          : this.sql<[string, string, string], { doc: string }>(
              `SELECT doc FROM ${table} WHERE projection = ? AND collection = ? AND partition = ? ORDER BY key`,
            ).iterate(projection, collection, partition);
      for (const row of rows) visit(JSON.parse(row.doc) as Doc);
    });
  }

  async range(projection: string, collection: string, options: RangeOptions): Promise<Doc[]> {
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
    if (options.beforeKey !== undefined) {
      where.push('key < ?');
      args.push(options.beforeKey);
    }
    args.push(options.limit);
    const order = options.descending ? 'DESC' : 'ASC';
    const rows = this.reading(projection, (table) =>
      this.sql<(string | number)[], { doc: string }>(
        `SELECT doc FROM ${table} WHERE ${where.join(' AND ')} ORDER BY key ${order} LIMIT ?`,
      ).all(...args),
    );
    return rows.map((r) => JSON.parse(r.doc) as Doc);
  }

  async count(projection: string, collection: string, partition?: string): Promise<number> {
    const row = this.reading(projection, (table) =>
      partition === undefined
        ? this.sql<[string, string], { n: number }>(
            `SELECT COUNT(*) AS n FROM ${table} WHERE projection = ? AND collection = ?`,
          ).get(projection, collection)
        : this.sql<[string, string, string], { n: number }>(
            `SELECT COUNT(*) AS n FROM ${table} WHERE projection = ? AND collection = ? AND partition = ?`,
          ).get(projection, collection, partition),
    );
    return row?.n ?? 0;
  }

  async reset(projection: string): Promise<void> {
    const name = this.name(projection);
    this.db
      .transaction(() => {
        if (name === projection) return this.forget(name);
        // a rebuild's view starts its generation again, in the table it was given
        this.sql(`DELETE FROM ${this.tableOf(name)} WHERE projection = ?`).run(projection);
        this.sql('DELETE FROM rm_checkpoints WHERE projection = ?').run(name);
      })
      .immediate();
  }

  async close(): Promise<void> {
    // a rebuild's view shares its parent's connection and writer
    if (this.pinned.size > 0) return;
    await this.writer?.close();
    if (this.db.open) this.db.close();
  }
}
