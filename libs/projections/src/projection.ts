import {
  CatchUpSubscription,
  EventStore,
  LogCheckpoint,
  StoredEvent,
} from '@mesas/event-store';
import { Doc, DocRef, DocWrite, DocumentStore, refKey } from './document-store.port';

/** The documents a batch reads and writes, held in memory until the batch commits. */
export interface DocView {
  get<T extends Doc>(collection: string, key: string): T | null;
  put(collection: string, key: string, doc: Doc, partition?: string | null): void;
}

/**
 * A projection is a pure fold: `refsOf` names the documents an event touches, `apply` folds the
 * event into them through the view. No I/O, no clock: the runner loads and commits.
 */
export interface Projection {
  readonly name: string;
  refsOf(event: StoredEvent): readonly DocRef[];
  apply(view: DocView, event: StoredEvent): void;
}

export class MemoryDocView implements DocView {
  private readonly writes = new Map<string, DocWrite>();

  constructor(private readonly docs: Map<string, Doc> = new Map()) {}

  get<T extends Doc>(collection: string, key: string): T | null {
    return (this.docs.get(refKey({ collection, key })) as T | undefined) ?? null;
  }

  put(collection: string, key: string, doc: Doc, partition: string | null = null): void {
    const k = refKey({ collection, key });
    this.docs.set(k, doc);
    this.writes.set(k, { collection, key, partition, doc });
  }

  pendingWrites(): DocWrite[] {
    return [...this.writes.values()];
  }

  all(collection: string): Doc[] {
    return [...this.writes.values()]
      .filter((w) => w.collection === collection)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((w) => w.doc);
  }
}

/** Folds events into a fresh in-memory view: time travel, tests, rebuild checks. */
export function foldInMemory(projection: Projection, events: Iterable<StoredEvent>): MemoryDocView {
  const view = new MemoryDocView();
  for (const event of events) projection.apply(view, event);
  return view;
}

/**
 * Runs a projection as a checkpointed consumer of the global log: each batch is loaded, folded
 * and committed with its checkpoint in one transaction.
 */
export class ProjectionRunner {
  private readonly subscription: CatchUpSubscription;

  constructor(
    readonly projection: Projection,
    private readonly store: EventStore,
    private readonly documents: DocumentStore,
    options: { batchSize?: number; pollMs?: number; onError?: (error: unknown) => void } = {},
  ) {
    this.subscription = new CatchUpSubscription(
      store,
      {
        loadCheckpoint: () => documents.checkpoint(projection.name),
        handle: (events, from, to) => this.handle(events, from, to),
      },
      { name: projection.name, ...options },
    );
  }

  start(): void {
    this.subscription.start();
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.subscription.waitFor(position, timeoutMs);
  }

  get checkpoint(): LogCheckpoint | null {
    return this.subscription.position;
  }

  lag(): Promise<number> {
    return this.store.lagOf(this.subscription.position);
  }

  private async handle(
    events: readonly StoredEvent[],
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
  ): Promise<void> {
    const refs = events.flatMap((e) => this.projection.refsOf(e));
    const docs = await this.documents.load(this.projection.name, refs);
    const view = new MemoryDocView(docs);
    for (const event of events) this.projection.apply(view, event);
    await this.documents.commit(this.projection.name, from, to, view.pendingWrites());
  }
}
