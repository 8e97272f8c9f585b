import type { LogCheckpoint } from '@mesas/event-store';
import {
  CheckpointConflict,
  Doc,
  DocRef,
  DocWrite,
  DocumentStore,
  RangeOptions,
  refKey,
} from './document-store.port';

export interface WriteBehindLimits {
  /**
   * documents written since the last flush that make the next commit flush (default 10,000: a
   * rebuild of three projections stays within the memory target of README.md, decision 0027)
   */
  readonly maxDirty?: number;
  /** documents kept in memory; beyond this the cache is emptied after a flush (default 10,000) */
  readonly maxCached?: number;
}

/**
 * One projection's documents held in memory across batches, written to `target` in large
 * transactions: what a rebuild runs on, and only a rebuild. It is correct only because the
 * rebuild's generation has exactly one writer, this object (nothing else reads it before the
 * swap either), so what it caches cannot go stale.
 *
 * `commit` checks and moves the checkpoint in memory and keeps the writes; once `maxDirty`
 * documents are waiting, they are written with the checkpoint they reached in one
 * `target.commit` (so the stored generation is always a consistent prefix of the log), and if
 * more than `maxCached` documents are cached the cache is emptied: memory stays bounded whatever
 * the size of the log, and a document needed again is loaded back from `target`. `load` answers
 * from memory, asking `target` only for documents it has never seen. Reads other than `load`
 * flush first and go to `target`. `flush` must be called at the end.
 *
 * Documents handed out by `load` are the cached objects themselves: projections treat the
 * documents they read as immutable values (they build new ones to `put`), as a fold must.
 */
export class WriteBehindDocuments implements DocumentStore {
  private readonly cache = new Map<string, DocWrite | null>();
  private readonly dirty = new Map<string, DocWrite>();
  private checkpointAt: LogCheckpoint | null = null;
  private flushedAt: LogCheckpoint | null = null;
  private started = false;
  private readonly maxDirty: number;
  private readonly maxCached: number;

  constructor(
    private readonly target: DocumentStore,
    private readonly projection: string,
    limits: WriteBehindLimits = {},
  ) {
    this.maxDirty = limits.maxDirty ?? 10_000;
    this.maxCached = limits.maxCached ?? 10_000;
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
      const hit = this.cache.get(k);
      if (hit) found.set(k, hit.doc);
      else if (hit === undefined) missing.push(ref);
    }
    if (missing.length > 0) {
      const loaded = await this.target.load(projection, missing);
      for (const ref of missing) {
        const k = refKey(ref);
        const doc = loaded.get(k);
        // a document written meanwhile (by a batch that loaded it too) is newer than the store's
        if (this.cache.has(k)) continue;
        this.cache.set(k, doc ? { ...ref, partition: null, doc } : null);
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
    this.own(projection);
    if (!this.started || from !== this.checkpointAt) throw new CheckpointConflict(projection, from);
    if (this.dirty.size + writes.length >= this.maxDirty) {
      const all = new Map(this.dirty);
      for (const w of writes) all.set(refKey(w), w);
      await this.target.commit(this.projection, this.flushedAt, to, inKeyOrder(all));
      this.flushedAt = to;
      this.dirty.clear();
      if (this.cache.size + writes.length > this.maxCached) this.cache.clear();
      for (const w of writes) this.cache.set(refKey(w), w);
    } else {
      for (const w of writes) {
        const k = refKey(w);
        this.cache.set(k, w);
        this.dirty.set(k, w);
      }
    }
    this.checkpointAt = to;
  }

  /** Writes what is waiting, with the checkpoint it reached, in one transaction. */
  async flush(): Promise<void> {
    if (!this.started || (this.dirty.size === 0 && this.flushedAt === this.checkpointAt)) return;
    const to = this.checkpointAt;
    await this.target.commit(this.projection, this.flushedAt, to, inKeyOrder(this.dirty));
    this.flushedAt = to;
    this.dirty.clear();
  }

  /** Documents held in memory now (for tests of the bound). */
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

/** Writes sorted by collection and key: a store's index takes them as appends, not at random. */
function inKeyOrder(writes: ReadonlyMap<string, DocWrite>): DocWrite[] {
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
