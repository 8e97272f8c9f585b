import type { LogCheckpoint } from '@mesas/event-store';
import type { Doc, DocumentStore } from './document-store.port';

type Reader = Pick<DocumentStore, 'list' | 'scan' | 'get' | 'checkpoint'>;

/**
 * Keeps the last few listed collections in memory, valid while their projection's checkpoint
 * has not moved. The checkpoint is read before the documents, so a cached list is never older
 * than the checkpoint it is kept under: answers stay as fresh as an uncached read (and
 * `minPosition` keeps its meaning), while repeated reads of an idle projection skip parsing
 * every document again. Callers must treat the returned documents as read-only.
 *
 * Memory is bounded by documents, not only by lists: at most `maxDocs` documents are kept in
 * all, and a list longer than that is served but not kept (with a large log, the whole of a
 * collection would hold hundreds of megabytes: the API memory target with 1M events in README.md, Benchmarks).
 */
export class CheckpointCachedReader implements Reader {
  private readonly cache = new Map<string, { checkpoint: LogCheckpoint | null; docs: Doc[] }>();
  private held = 0;

  constructor(
    private readonly documents: DocumentStore,
    private readonly maxEntries = 8,
    private readonly maxDocs = 10_000,
  ) {}

  checkpoint(projection: string): Promise<LogCheckpoint | null> {
    return this.documents.checkpoint(projection);
  }

  get(projection: string, collection: string, key: string): Promise<Doc | null> {
    return this.documents.get(projection, collection, key);
  }

  async list(projection: string, collection: string, partition?: string): Promise<Doc[]> {
    const key = JSON.stringify([projection, collection, partition ?? null]);
    const checkpoint = await this.documents.checkpoint(projection);
    const hit = this.cache.get(key);
    if (hit && hit.checkpoint === checkpoint) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used last
      return hit.docs;
    }
    const docs = await this.documents.list(projection, collection, partition);
    this.forget(key);
    if (docs.length <= this.maxDocs) this.keep(key, checkpoint, docs);
    return docs;
  }

  private keep(key: string, checkpoint: LogCheckpoint | null, docs: Doc[]): void {
    this.cache.set(key, { checkpoint, docs });
    this.held += docs.length;
    while (this.cache.size > this.maxEntries || this.held > this.maxDocs) {
      this.forget(this.cache.keys().next().value as string);
    }
  }

  /**
   * Every document of the collection (or partition) to `visit`, in key order, as `list` would
   * return them: from memory when kept at the current checkpoint; otherwise scanned from the
   * store one document at a time, and kept afterwards only if there were at most `maxDocs` of
   * them (a larger collection is never held whole, even for a moment).
   */
  async scan(
    projection: string,
    collection: string,
    partition: string | undefined,
    visit: (doc: Doc) => void,
  ): Promise<void> {
    const key = JSON.stringify([projection, collection, partition ?? null]);
    const checkpoint = await this.documents.checkpoint(projection);
    const hit = this.cache.get(key);
    if (hit && hit.checkpoint === checkpoint) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      for (const doc of hit.docs) visit(doc);
      return;
    }
    let docs: Doc[] | null = [];
    await this.documents.scan(projection, collection, partition, (doc) => {
      if (docs !== null) {
        docs.push(doc);
        if (docs.length > this.maxDocs) docs = null;
      }
      visit(doc);
    });
    this.forget(key);
    if (docs !== null) this.keep(key, checkpoint, docs);
  }

  /** Documents kept now, all lists together. */
  get documentsHeld(): number {
    return this.held;
  }

  private forget(key: string): void {
    const entry = this.cache.get(key);
    if (!entry) return;
    this.held -= entry.docs.length;
    this.cache.delete(key);
  }
}
