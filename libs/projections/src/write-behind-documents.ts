import type { LogCheckpoint } from '@mesas/event-store';
import {
  CheckpointConflict,
  Doc,
  DocRef,
  DocWrite,
  DocumentStore,
  EncodedCommitSupport,
  EncodedWrite,
  encodeWrite,
  RangeOptions,
  refKey,
  supportsEncodedCommit,
} from './document-store.port';

export interface WriteBehindLimits {
  /**
   * documents written since the last flush that make the next commit flush (default 2,000:
   * the write runs beside the fold, so a larger one saves nothing, and each one held is
   * copied to the writer thread: decision 0030)
   */
  readonly maxDirty?: number;
  /** documents kept in memory; beyond this the cache is emptied after a flush (default 10,000) */
  readonly maxCached?: number;
}

/**
 * One projection's documents held in memory across batches, written to `target` in large
 * transactions: what a rebuild runs on, and only a rebuild. It is correct only because the
 * rebuild's generation has exactly one writer, this object (nothing else reads it before the
 * swap either), so what it holds cannot go stale.
 *
 * `commit` checks and moves the checkpoint in memory and keeps the writes; once `maxDirty`
 * documents are waiting, they are written with the checkpoint they reached in one
 * `target.commit` (so the stored generation is always a consistent prefix of the log). `load`
 * answers from memory — the documents loaded before and their later writes (at most
 * `maxCached`, then forgotten after a write to `target`), and those waiting to be written —
 * asking `target` only for the others. Reads other than `load` flush first and go to `target`.
 * `flush` must be called at the end.
 *
 * A target that takes documents as JSON text (`EncodedCommitSupport`) gets them serialized as
 * they are committed: a document written without being loaded first (a history entry, a tree
 * node) is then held until its write as one string, not as a tree of objects that the garbage
 * collector would copy again and again; loading it back parses it.
 *
 * A write to `target` runs while the projection goes on folding (a store that commits off the
 * main thread, or over the network, does the work meanwhile): one at a time, each started only
 * once the one before has succeeded, and what it holds stays readable here until it has. If it
 * fails, its documents wait again (under anything written since) and the next commit says why;
 * the stored generation stays where it was, so the runner retries as after any failed commit.
 *
 * Documents handed out by `load` are the cached objects themselves: projections treat the
 * documents they read as immutable values (they build new ones to `put`), as a fold must.
 */
export class WriteBehindDocuments implements DocumentStore {
  /** documents loaded (null: known to be absent) and their later writes */
  private readonly cache = new Map<string, Doc | null>();
  /** writes waiting for the next write to `target`, by key */
  private readonly dirty = new Map<string, Held>();
  /** the write to `target` under way: its documents, the checkpoint it moves to, its outcome */
  private flushing: {
    readonly writes: ReadonlyMap<string, Held>;
    readonly to: LogCheckpoint | null;
    readonly done: Promise<void>;
  } | null = null;
  private checkpointAt: LogCheckpoint | null = null;
  private flushedAt: LogCheckpoint | null = null;
  private started = false;
  private readonly maxDirty: number;
  private readonly maxCached: number;
  private readonly encoding: EncodedCommitSupport | null;

  constructor(
    private readonly target: DocumentStore,
    private readonly projection: string,
    limits: WriteBehindLimits = {},
  ) {
    this.maxDirty = limits.maxDirty ?? 2_000;
    this.maxCached = limits.maxCached ?? 10_000;
    this.encoding = supportsEncodedCommit(target) ? target : null;
  }

  async checkpoint(projection: string): Promise<LogCheckpoint | null> {
    this.own(projection);
    if (!this.started) {
      this.checkpointAt = this.flushedAt = await this.target.checkpoint(projection);
      this.started = true;
    }
    return this.checkpointAt;
  }

  async load(projection: string, refs: readonly DocRef[]): Promise<Map<string, Doc>> {
    this.own(projection);
    const found = new Map<string, Doc>();
    const missing: DocRef[] = [];
    for (const ref of refs) {
      const k = refKey(ref);
      let doc = this.cache.get(k);
      if (doc === undefined) {
        // newest first: what waits for the next write, then what the write under way holds
        const held = this.dirty.get(k) ?? this.flushing?.writes.get(k);
        if (held === undefined) {
          missing.push(ref);
          continue;
        }
        doc = 'doc' in held ? held.doc : (JSON.parse(held.json) as Doc);
        this.cache.set(k, doc);
      }
      if (doc !== null) found.set(k, doc);
    }
    if (missing.length > 0) {
      const loaded = await this.target.load(projection, missing);
      for (const ref of missing) {
        const k = refKey(ref);
        // a document written meanwhile (by a batch that loaded it too) is newer than the store's
        if (this.cache.has(k)) continue;
        const doc = loaded.get(k) ?? null;
        this.cache.set(k, doc);
        if (doc) found.set(k, doc);
      }
    }
    return found;
  }

  /**
   * All or nothing, like any commit: either the batch is taken (kept in memory, or written with
   * everything waiting when that makes `maxDirty`) and the checkpoint moves, or it throws and
   * nothing changed, so the runner may retry the batch.
   */
  async commit(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly DocWrite[],
  ): Promise<void> {
    await this.take(projection, from, to, writes.length, () => {
      for (const w of writes) {
        const k = refKey(w);
        if (this.encoding === null) {
          this.dirty.set(k, w);
          this.cache.set(k, w.doc);
        } else {
          this.dirty.set(k, encodeWrite(w));
          if (this.cache.has(k)) this.cache.set(k, w.doc);
        }
      }
    });
    // the cache was emptied after a write: what was just written is what the next batch most
    // likely loads (kept as objects only where documents are not kept as text)
    if (this.encoding === null && this.cache.size === 0)
      for (const w of writes) this.cache.set(refKey(w), w.doc);
  }

  /**
   * `commit` of documents already serialized, for a target that takes JSON text (throws
   * otherwise): what a projection folding on another thread hands over. A document cached
   * as an object is forgotten, so the next `load` parses what was written.
   */
  async commitEncoded(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly EncodedWrite[],
  ): Promise<void> {
    if (this.encoding === null) {
      throw new Error(`the documents of ${projection} are not kept as JSON text`);
    }
    await this.take(projection, from, to, writes.length, () => {
      for (const w of writes) {
        const k = refKey(w);
        this.dirty.set(k, w);
        this.cache.delete(k);
      }
    });
  }

  /** Whether `commitEncoded` may be called. */
  get takesEncoded(): boolean {
    return this.encoding !== null;
  }

  private async take(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    count: number,
    hold: () => void,
  ): Promise<void> {
    this.own(projection);
    if (!this.started || from !== this.checkpointAt) throw new CheckpointConflict(projection, from);
    const full = this.dirty.size + count >= this.maxDirty;
    // the write under way must have succeeded before this one starts (it throws if not)
    if (full) await this.settled();
    hold();
    this.checkpointAt = to;
    if (full) {
      this.startFlush(new Map(this.dirty), to);
      this.dirty.clear();
      if (this.cache.size > this.maxCached) this.cache.clear();
    }
  }

  /** Writes what is waiting, with the checkpoint it reached, in one transaction. */
  async flush(): Promise<void> {
    await this.settled();
    if (!this.started || (this.dirty.size === 0 && this.flushedAt === this.checkpointAt)) return;
    this.startFlush(new Map(this.dirty), this.checkpointAt);
    this.dirty.clear();
    await this.settled();
  }

  private startFlush(writes: ReadonlyMap<string, Held>, to: LogCheckpoint | null): void {
    const sorted = inKeyOrder(writes);
    const done =
      this.encoding === null
        ? this.target.commit(this.projection, this.flushedAt, to, sorted as DocWrite[])
        : this.encoding.commitEncoded(
            this.projection,
            this.flushedAt,
            to,
            sorted as EncodedWrite[],
          );
    // observed now, so a failure is not an unhandled rejection; `settled` reports it
    done.catch(() => undefined);
    this.flushing = { writes, to, done };
  }

  /** Waits for the write under way; if it failed, its documents wait again and it throws. */
  private async settled(): Promise<void> {
    const flushing = this.flushing;
    if (flushing === null) return;
    try {
      await flushing.done;
    } catch (error) {
      for (const [k, w] of flushing.writes) if (!this.dirty.has(k)) this.dirty.set(k, w);
      throw error;
    } finally {
      this.flushing = null;
    }
    this.flushedAt = flushing.to;
  }

  /** Documents cached as objects now (for tests of the bound). */
  get cached(): number {
    return this.cache.size;
  }

  async get(projection: string, collection: string, key: string): Promise<Doc | null> {
    await this.flush();
    return this.target.get(projection, collection, key);
  }

  async list(projection: string, collection: string, partition?: string): Promise<Doc[]> {
    await this.flush();
    return this.target.list(projection, collection, partition);
  }

  async scan(
    projection: string,
    collection: string,
    partition: string | undefined,
    visit: (doc: Doc) => void,
  ): Promise<void> {
    await this.flush();
    return this.target.scan(projection, collection, partition, visit);
  }

  async range(projection: string, collection: string, options: RangeOptions): Promise<Doc[]> {
    await this.flush();
    return this.target.range(projection, collection, options);
  }

  async count(projection: string, collection: string, partition?: string): Promise<number> {
    await this.flush();
    return this.target.count(projection, collection, partition);
  }

  async reset(projection: string): Promise<void> {
    this.own(projection);
    await this.settled().catch(() => undefined);
    this.cache.clear();
    this.dirty.clear();
    this.started = false;
    await this.target.reset(projection);
  }

  async close(): Promise<void> {
    // the target belongs to whoever made this view
  }

  private own(projection: string): void {
    if (projection !== this.projection) {
      throw new Error(`documents of ${this.projection} asked for those of ${projection}`);
    }
  }
}

/** A write held until the next write to the target: as made, or serialized (EncodedWrite). */
type Held = DocWrite | EncodedWrite;

/** Writes sorted by collection and key: a store's index takes them as appends, not at random. */
function inKeyOrder(writes: ReadonlyMap<string, Held>): Held[] {
  return [...writes.values()].sort((a, b) =>
    a.collection === b.collection
      ? a.key < b.key
        ? -1
        : a.key > b.key
          ? 1
          : 0
      : a.collection < b.collection
        ? -1
        : 1,
  );
}
