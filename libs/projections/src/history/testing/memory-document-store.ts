import type { LogCheckpoint } from '@mesas/event-store';
import {
  CheckpointConflict,
  Doc,
  DocRef,
  DocWrite,
  DocumentStore,
  RangeOptions,
  refKey,
} from '../../document-store.port';

/**
 * A DocumentStore in memory with the port's promises (compare-and-set commit, key-ordered
 * range), for specs of batch projections. Documents are copied through JSON on the way in and
 * out, as a database would, so a projection cannot lean on shared references. Counts calls.
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly checkpoints = new Map<string, LogCheckpoint | null>();
  private readonly docs = new Map<string, { partition: string | null; doc: string }>();
  readonly calls = { load: 0, commit: 0, refsLoaded: 0 };

  private id(projection: string, collection: string, key: string): string {
    return `${projection}\u0000${collection}\u0000${key}`;
  }

  async checkpoint(projection: string): Promise<LogCheckpoint | null> {
    return this.checkpoints.get(projection) ?? null;
  }

  async load(projection: string, refs: readonly DocRef[]): Promise<Map<string, Doc>> {
    this.calls.load++;
    this.calls.refsLoaded += refs.length;
    const found = new Map<string, Doc>();
    for (const ref of refs) {
      const stored = this.docs.get(this.id(projection, ref.collection, ref.key));
      if (stored) found.set(refKey(ref), JSON.parse(stored.doc) as Doc);
    }
    return found;
  }

  async commit(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly DocWrite[],
  ): Promise<void> {
    this.calls.commit++;
    if ((this.checkpoints.get(projection) ?? null) !== from)
      throw new CheckpointConflict(projection, from);
    for (const w of writes) {
      this.docs.set(this.id(projection, w.collection, w.key), {
        partition: w.partition,
        doc: JSON.stringify(w.doc),
      });
    }
    this.checkpoints.set(projection, to);
  }

  async get(projection: string, collection: string, key: string): Promise<Doc | null> {
    const stored = this.docs.get(this.id(projection, collection, key));
    return stored ? (JSON.parse(stored.doc) as Doc) : null;
  }

  async list(projection: string, collection: string, partition?: string): Promise<Doc[]> {
    return this.range(projection, collection, { partition, limit: Number.MAX_SAFE_INTEGER });
  }

  async scan(
    projection: string,
    collection: string,
    partition: string | undefined,
    visit: (doc: Doc) => void,
  ): Promise<void> {
    for (const doc of await this.list(projection, collection, partition)) visit(doc);
  }

  async range(projection: string, collection: string, options: RangeOptions): Promise<Doc[]> {
    const prefix = `${projection}\u0000${collection}\u0000`;
    return [...this.docs.entries()]
      .filter(
        ([id, d]) =>
          id.startsWith(prefix) &&
          (options.partition === undefined || d.partition === options.partition),
      )
      .map(([id, d]) => ({ key: id.slice(prefix.length), doc: d.doc }))
      .filter((d) => options.afterKey === undefined || d.key > options.afterKey)
      .filter((d) => options.beforeKey === undefined || d.key < options.beforeKey)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * (options.descending ? -1 : 1))
      .slice(0, options.limit)
      .map((d) => JSON.parse(d.doc) as Doc);
  }

  async count(projection: string, collection: string, partition?: string): Promise<number> {
    return (await this.list(projection, collection, partition)).length;
  }

  async reset(projection: string): Promise<void> {
    for (const id of [...this.docs.keys()])
      if (id.startsWith(`${projection}\u0000`)) this.docs.delete(id);
    this.checkpoints.delete(projection);
  }

  async close(): Promise<void> {}
}
