import type { Pool, PoolClient } from 'pg';
import {
  ConsumerLease,
  LeaseProvider,
  LogCheckpoint,
  PostgresAdvisoryLeases,
  PostgresConnectionOptions,
  UNIQUE_VIOLATION,
  ensureSchema,
  inTransaction,
  openPool,
  quoteIdent,
  schemaNameOf,
  sqlState,
} from '@mesas/event-store';
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

/** Documents read per query while scanning a collection. */
const SCAN_PAGE = 1000;

export interface PostgresDocumentStoreOptions extends PostgresConnectionOptions {
  /** connections in the pool (default 5) */
  readonly poolSize?: number;
}

function ddl(s: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${s}.rm_projections (
  projection text PRIMARY KEY,
  generation bigint NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS ${s}.rm_generation;
CREATE TABLE IF NOT EXISTS ${s}.rm_checkpoints (
  projection text NOT NULL,
  generation bigint NOT NULL,
  checkpoint text,
  PRIMARY KEY (projection, generation)
);
CREATE TABLE IF NOT EXISTS ${s}.rm_docs (
  projection text NOT NULL,
  generation bigint NOT NULL,
  collection text NOT NULL,
  key        text COLLATE "C" NOT NULL,
  partition  text,
  doc        json NOT NULL,
  PRIMARY KEY (projection, generation, collection, key)
);
CREATE INDEX IF NOT EXISTS rm_docs_partition
  ON ${s}.rm_docs (projection, generation, collection, partition, key);
`;
}

interface Tables {
  readonly projections: string;
  readonly checkpoints: string;
  readonly docs: string;
  readonly generationSeq: string;
}

/**
 * Read models of the server profile, in PostgreSQL beside the events (same schema).
 *
 * Each projection's documents and checkpoint belong to a *generation*; `rm_projections` points
 * at the live one (none yet: generation 0). `commit` is one transaction: it locks that pointer
 * (FOR SHARE, so a swap waits for it), moves the checkpoint with a compare-and-set —
 * `UPDATE ... WHERE checkpoint = $from`, or insert-if-absent when `from` is null — and upserts
 * the documents; a lost compare-and-set writes nothing (CheckpointConflict). A rebuild fills a
 * new generation while the live one keeps serving, then moves the pointer in one transaction:
 * readers see the old documents or the new ones, never a mix within one query and never none.
 *
 * Runners get a lease per projection (`leaseFor`: a session advisory lock), so one runner per
 * projection is active across processes; the compare-and-set keeps a batch exactly-once even
 * when a lease holder has lost its connection and does not know yet.
 */
export class PostgresDocumentStore
  implements DocumentStore, LeaseProvider, ShadowRebuildSupport, EncodedCommitSupport
{
  private leases: PostgresAdvisoryLeases | null = null;

  private constructor(
    private readonly pool: Pool,
    readonly schema: string,
    private readonly options: PostgresDocumentStoreOptions,
    private readonly t: Tables,
    /** projection → generation this instance reads and writes instead of the live one */
    private readonly pinned: ReadonlyMap<string, string>,
    private readonly ownsPool: boolean,
  ) {}

  static async open(options: PostgresDocumentStoreOptions): Promise<PostgresDocumentStore> {
    const schema = schemaNameOf(options);
    const s = quoteIdent(schema);
    const pool = openPool(options, options.poolSize ?? 5);
    try {
      await ensureSchema(pool, schema, ddl(s), [
        'rm_projections',
        'rm_generation',
        'rm_checkpoints',
        'rm_docs',
      ]);
    } catch (error) {
      await pool.end();
      throw error;
    }
    const tables: Tables = {
      projections: `${s}.rm_projections`,
      checkpoints: `${s}.rm_checkpoints`,
      docs: `${s}.rm_docs`,
      generationSeq: `${s}.rm_generation`,
    };
    return new PostgresDocumentStore(pool, schema, options, tables, new Map(), true);
  }

  /**
   * SQL for "the generation of projection $1 this instance uses"; `$2` is the pinned generation
   * or null (then the live one, 0 before the first rebuild).
   */
  private generationSql(): string {
    return `COALESCE($2::bigint, (SELECT generation FROM ${this.t.projections} WHERE projection = $1), 0)`;
  }

  private pin(projection: string): string | null {
    return this.pinned.get(projection) ?? null;
  }

  async checkpoint(projection: string): Promise<LogCheckpoint | null> {
    const { rows } = await this.pool.query<{ checkpoint: string | null }>(
      `SELECT checkpoint FROM ${this.t.checkpoints}
       WHERE projection = $1 AND generation = ${this.generationSql()}`,
      [projection, this.pin(projection)],
    );
    return rows[0]?.checkpoint ?? null;
  }

  async load(projection: string, refs: readonly DocRef[]): Promise<Map<string, Doc>> {
    const found = new Map<string, Doc>();
    if (refs.length === 0) return found;
    const unique = [...new Map(refs.map((r) => [refKey(r), r])).values()];
    const { rows } = await this.pool.query<{ collection: string; key: string; doc: Doc }>(
      // one primary-key lookup per ref (LATERAL), whatever the table's statistics say: a join
      // planned on a freshly loaded, not yet analysed table scanned the whole projection
      `SELECT r.collection, r.key, d.doc
       FROM unnest($3::text[], $4::text[]) AS r(collection, key)
       CROSS JOIN LATERAL (
         SELECT doc FROM ${this.t.docs}
         WHERE projection = $1 AND generation = ${this.generationSql()}
           AND collection = r.collection AND key = r.key
       ) d`,
      [projection, this.pin(projection), unique.map((r) => r.collection), unique.map((r) => r.key)],
    );
    for (const row of rows) found.set(refKey(row), row.doc);
    return found;
  }

  async commit(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly DocWrite[],
  ): Promise<void> {
    return this.commitEncoded(projection, from, to, writes.map(encodeWrite));
  }

  /** `commit` of documents already serialized (a rebuild's, decision 0030). */
  async commitEncoded(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly EncodedWrite[],
  ): Promise<void> {
    // the last write of a key wins, as it would applied one by one
    const latest = [...new Map(writes.map((w) => [refKey(w), w])).values()];
    if (from !== null) return this.commitAfter(projection, from, to, latest);
    try {
      await inTransaction(this.pool, async (client) => {
        const generation =
          this.pin(projection) ?? (await this.lockLiveGeneration(client, projection));
        // the generation's first commit: its checkpoint row may not exist yet
        const moved = await client.query(
          `INSERT INTO ${this.t.checkpoints} AS c (projection, generation, checkpoint)
           VALUES ($1, $2, $3)
           ON CONFLICT (projection, generation) DO UPDATE SET checkpoint = EXCLUDED.checkpoint
           WHERE c.checkpoint IS NULL`,
          [projection, generation, to],
        );
        if (moved.rowCount !== 1) throw new CheckpointConflict(projection, from);
        if (latest.length === 0) return;
        await client.query(this.upsertDocs('$2', '', 3), [
          projection,
          generation,
          ...docColumns(latest),
        ]);
      });
    } catch (error) {
      // two first commits racing on the insert: the loser lost the compare-and-set
      if (sqlState(error) === UNIQUE_VIOLATION) throw new CheckpointConflict(projection, from);
      throw error;
    }
  }

  /**
   * A commit after an earlier one (the common case: every batch but a generation's first) in one
   * statement, so one round trip instead of five: the live generation locked FOR SHARE (or the
   * pinned one), the checkpoint moved by compare-and-set, and the documents written only if it
   * moved, all in the statement's own transaction. Nothing moved (another writer's checkpoint, or
   * a generation swapped in since): a `CheckpointConflict`, and nothing is written.
   */
  private async commitAfter(
    projection: string,
    from: LogCheckpoint,
    to: LogCheckpoint | null,
    latest: readonly EncodedWrite[],
  ): Promise<void> {
    const pin = this.pin(projection);
    const live =
      pin === null
        ? `SELECT generation FROM ${this.t.projections} WHERE projection = $1 FOR SHARE`
        : 'SELECT $8::bigint AS generation';
    const { rows } = await this.pool.query<{ moved: number }>(
      `WITH live AS (${live}),
       moved AS (
         UPDATE ${this.t.checkpoints} c SET checkpoint = $3
         FROM live
         WHERE c.projection = $1 AND c.generation = live.generation
           AND c.checkpoint IS NOT DISTINCT FROM $2
         RETURNING c.generation
       ),
       written AS (${this.upsertDocs('moved.generation', 'moved, ', 4)} RETURNING 1)
       SELECT (SELECT count(*) FROM moved)::int AS moved`,
      [projection, from, to, ...docColumns(latest), ...(pin === null ? [] : [pin])],
    );
    if (rows[0]?.moved !== 1) throw new CheckpointConflict(projection, from);
  }

  /**
   * The upsert of a batch's documents (`$1` the projection): into the generation `generation`
   * (an SQL expression), from the rows of `from` (a FROM item and a comma, or nothing) and the
   * four arrays of `docColumns` at `$first`…`$first + 3`.
   */
  private upsertDocs(generation: string, from: string, first: number): string {
    const [collection, key, partition, doc] = [0, 1, 2, 3].map((i) => `$${first + i}`);
    return `INSERT INTO ${this.t.docs} (projection, generation, collection, key, partition, doc)
      SELECT $1, ${generation}, w.collection, w.key, w.partition, w.doc
      FROM ${from}unnest(${collection}::text[], ${key}::text[], ${partition}::text[], ${doc}::json[])
        AS w(collection, key, partition, doc)
      ON CONFLICT (projection, generation, collection, key)
      DO UPDATE SET partition = EXCLUDED.partition, doc = EXCLUDED.doc`;
  }

  /**
   * The live generation, locked FOR SHARE until the transaction ends so that a swap waits for
   * commits in flight (and commits after it see the new generation): no write lands in a
   * generation that a swap has just dropped.
   */
  private async lockLiveGeneration(
    client: PoolClient,
    projection: string,
    mode: 'SHARE' | 'UPDATE' = 'SHARE',
  ): Promise<string> {
    const select = `SELECT generation::text AS generation FROM ${this.t.projections}
                    WHERE projection = $1 FOR ${mode}`;
    let { rows } = await client.query<{ generation: string }>(select, [projection]);
    if (rows.length === 0) {
      await client.query(
        `INSERT INTO ${this.t.projections} (projection, generation) VALUES ($1, 0)
         ON CONFLICT (projection) DO NOTHING`,
        [projection],
      );
      ({ rows } = await client.query<{ generation: string }>(select, [projection]));
    }
    return rows[0].generation;
  }

  async get(projection: string, collection: string, key: string): Promise<Doc | null> {
    const { rows } = await this.pool.query<{ doc: Doc }>(
      `SELECT doc FROM ${this.t.docs}
       WHERE projection = $1 AND generation = ${this.generationSql()} AND collection = $3 AND key = $4`,
      [projection, this.pin(projection), collection, key],
    );
    return rows[0]?.doc ?? null;
  }

  async list(projection: string, collection: string, partition?: string): Promise<Doc[]> {
    return this.range(projection, collection, { partition, limit: null });
  }

  async range(
    projection: string,
    collection: string,
    options: Omit<RangeOptions, 'limit'> & { limit: number | null },
  ): Promise<Doc[]> {
    const rows = await this.rangeRows(this.pool, projection, collection, options);
    return rows.map((r) => r.doc);
  }

  /**
   * Pages of `SCAN_PAGE` documents by key, all read in one REPEATABLE READ transaction (one
   * snapshot), so memory holds a page at a time and the fold sees one state of the projection.
   */
  async scan(
    projection: string,
    collection: string,
    partition: string | undefined,
    visit: (doc: Doc) => void,
  ): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      let afterKey: string | undefined;
      for (;;) {
        const page = await this.rangeRows(client, projection, collection, {
          partition,
          afterKey,
          limit: SCAN_PAGE,
        });
        for (const row of page) visit(row.doc);
        if (page.length < SCAN_PAGE) return;
        afterKey = page[page.length - 1].key;
      }
    });
  }

  private async rangeRows(
    on: Pool | PoolClient,
    projection: string,
    collection: string,
    options: Omit<RangeOptions, 'limit'> & { limit: number | null },
  ): Promise<{ key: string; doc: Doc }[]> {
    const args: unknown[] = [projection, this.pin(projection), collection];
    const where = [`projection = $1`, `generation = ${this.generationSql()}`, `collection = $3`];
    if (options.partition !== undefined) {
      args.push(options.partition);
      where.push(`partition = $${args.length}`);
    }
    if (options.afterKey !== undefined) {
      args.push(options.afterKey);
      where.push(`key > $${args.length}`);
    }
    if (options.beforeKey !== undefined) {
      args.push(options.beforeKey);
      where.push(`key < $${args.length}`);
    }
    let limit = '';
    if (options.limit !== null) {
      args.push(options.limit);
      limit = `LIMIT $${args.length}`;
    }
    const { rows } = await on.query<{ key: string; doc: Doc }>(
      `SELECT key, doc FROM ${this.t.docs} WHERE ${where.join(' AND ')} ORDER BY key ${options.descending ? 'DESC' : 'ASC'} ${limit}`,
      args,
    );
    return rows;
  }

  async count(projection: string, collection: string, partition?: string): Promise<number> {
    const args: unknown[] = [projection, this.pin(projection), collection];
    let byPartition = '';
    if (partition !== undefined) {
      args.push(partition);
      byPartition = 'AND partition = $4';
    }
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.t.docs}
       WHERE projection = $1 AND generation = ${this.generationSql()} AND collection = $3 ${byPartition}`,
      args,
    );
    return Number(rows[0].n);
  }

  async reset(projection: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const generation =
        this.pin(projection) ?? (await this.lockLiveGeneration(client, projection));
      await this.dropGeneration(client, projection, generation);
    });
  }

  /** One runner per projection across processes: a session advisory lock in this schema. */
  leaseFor(projection: string): ConsumerLease | null {
    // a pinned generation is a rebuild's own, written by that rebuild alone
    if (this.pinned.has(projection)) return null;
    this.leases ??= new PostgresAdvisoryLeases(this.options);
    return this.leases.lease(`projection/${projection}`);
  }

  async prepareRebuild(projection: string): Promise<ShadowRebuild> {
    const { rows } = await this.pool.query<{ generation: string }>(
      `SELECT nextval('${this.t.generationSeq}')::text AS generation`,
    );
    const generation = rows[0].generation;
    const documents = new PostgresDocumentStore(
      this.pool,
      this.schema,
      this.options,
      this.t,
      new Map([...this.pinned, [projection, generation]]),
      false,
    );
    return {
      projection,
      generation,
      documents,
      activate: () => this.activate(projection, generation),
      discard: () =>
        inTransaction(this.pool, (client) => this.dropGeneration(client, projection, generation)),
    };
  }

  /**
   * The swap: moves the pointer to `generation` and drops the one it replaces, in one
   * transaction. Readers never wait on it (MVCC) and see either generation whole.
   */
  private async activate(projection: string, generation: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const live = await this.lockLiveGeneration(client, projection, 'UPDATE');
      if (live === generation) return;
      await client.query(`UPDATE ${this.t.projections} SET generation = $2 WHERE projection = $1`, [
        projection,
        generation,
      ]);
      await this.dropGeneration(client, projection, live);
    });
  }

  private async dropGeneration(
    client: PoolClient,
    projection: string,
    generation: string,
  ): Promise<void> {
    await client.query(`DELETE FROM ${this.t.docs} WHERE projection = $1 AND generation = $2`, [
      projection,
      generation,
    ]);
    await client.query(
      `DELETE FROM ${this.t.checkpoints} WHERE projection = $1 AND generation = $2`,
      [projection, generation],
    );
  }

  async close(): Promise<void> {
    if (!this.ownsPool) return;
    await this.leases?.close();
    await this.pool.end();
  }
}

/** The four arrays `upsertDocs` reads a batch's documents from. */
function docColumns(writes: readonly EncodedWrite[]): unknown[] {
  return [
    writes.map((w) => w.collection),
    writes.map((w) => w.key),
    writes.map((w) => w.partition),
    writes.map((w) => w.json),
  ];
}
