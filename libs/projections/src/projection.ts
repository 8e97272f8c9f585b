import {
  CatchUpSubscription,
  ConsumerLease,
  ConsumerStall,
  ConsumerStatus,
  RetryPolicy,
  EventStore,
  LogCheckpoint,
  StoredEvent,
  ThreadLogSpec,
  leaseOf,
} from '@mesas/event-store';
import type { WriteBehindDocuments } from './write-behind-documents';
import {
  CheckpointConflict,
  Doc,
  DocRef,
  DocWrite,
  DocumentStore,
  refKey,
} from './document-store.port';

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
 * What a runner drives: a name (its checkpoint's key) and how to apply one batch. It must write
 * its effect and move its checkpoint from `from` to `to` in one `DocumentStore.commit`.
 */
export interface BatchProjection {
  readonly name: string;
  applyBatch(
    events: readonly StoredEvent[],
    documents: DocumentStore,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
  ): Promise<void>;
  /**
   * Optional, for rebuilds only: fills a fresh generation from the start of the log with part
   * of the fold on another thread, which reads the log by itself. A rebuild uses it when the
   * store can be read from another thread (`EventStore.threadLog`) and the generation keeps
   * documents as JSON text; what it writes must be exactly what `applyBatch` writes over the
   * same events.
   */
  readonly rebuildOnThread?: (run: ThreadRebuild) => Promise<void>;
}

/** `rebuildOnThread` stopped on an event it cannot apply. */
export class RebuildStalled extends Error {
  constructor(readonly stall: ConsumerStall) {
    super(stall.error);
    this.name = 'RebuildStalled';
  }
}

/** A rebuild handed to `BatchProjection.rebuildOnThread`. */
export interface ThreadRebuild {
  readonly log: ThreadLogSpec;
  /** the fresh generation, as a rebuild holds it (`commitEncoded` available) */
  readonly documents: WriteBehindDocuments;
  /** events to apply: the log's length when the rebuild started */
  readonly total: number;
  readonly pageSize: number;
  /** reports the events applied so far */
  onApplied(events: number): void;
}

/** A pure document projection as a batch projection: load the refs, fold, commit. */
export function batchOf(projection: Projection): BatchProjection {
  return {
    name: projection.name,
    async applyBatch(events, documents, from, to) {
      const refs = events.flatMap((e) => projection.refsOf(e));
      const docs = await documents.load(projection.name, refs);
      const view = new MemoryDocView(docs);
      for (const event of events) projection.apply(view, event);
      await documents.commit(projection.name, from, to, view.pendingWrites());
    },
  };
}

/** Where a projection's own status (its stall) is kept, beside its documents. */
export const PROJECTION_STATUS_COLLECTION = '$status';
const STALL_KEY = 'stall';

/**
 * The stall a runner recorded for `projection`, read from the document store: what a process
 * that does not run the projection (the CLI, an API beside a worker) can know. Null when it
 * runs, or never stalled.
 */
export async function recordedStallOf(
  documents: DocumentStore,
  projection: string,
): Promise<ConsumerStall | null> {
  const doc = await documents.get(projection, PROJECTION_STATUS_COLLECTION, STALL_KEY);
  const stall = doc?.stall;
  return stall && typeof stall === 'object' && !Array.isArray(stall)
    ? (stall as unknown as ConsumerStall)
    : null;
}

export interface ProjectionRunnerOptions {
  batchSize?: number;
  pollMs?: number;
  onError?: (error: unknown) => void;
  /** default: the document store's lease for this projection, if it offers one */
  lease?: ConsumerLease | null;
  leaseRetryMs?: number;
  retry?: RetryPolicy;
  /** told when the projection stalls on an event, and with null when it gets past it */
  onStall?: (stall: ConsumerStall | null) => void;
}

/**
 * Runs a projection as a checkpointed consumer of the global log: each batch is loaded, folded
 * and committed with its checkpoint in one transaction. When the document store hands out
 * leases (PostgreSQL: an advisory lock per projection), only the runner holding the lease
 * consumes; the others across processes stay idle and take over when it dies.
 *
 * An event the projection cannot apply stops it there (never skipped, never retried in a hot
 * loop, see `CatchUpSubscription`): `status()` names it, and the stall is also written beside
 * the projection's documents (`recordedStallOf`), so other processes can show it.
 */
export class ProjectionRunner {
  private readonly subscription: CatchUpSubscription;
  readonly projection: BatchProjection;

  constructor(
    projection: Projection | BatchProjection,
    private readonly store: EventStore,
    private readonly documents: DocumentStore,
    options: ProjectionRunnerOptions = {},
  ) {
    this.projection = 'applyBatch' in projection ? projection : batchOf(projection);
    const lease = options.lease !== undefined ? options.lease : leaseOf(documents, projection.name);
    this.subscription = new CatchUpSubscription(
      store,
      {
        loadCheckpoint: () => documents.checkpoint(projection.name),
        handle: (events, from, to) => this.projection.applyBatch(events, documents, from, to),
      },
      {
        name: projection.name,
        ...options,
        lease,
        isConflict: (error) => error instanceof CheckpointConflict,
        onStall: async (stall) => {
          options.onStall?.(stall);
          await this.recordStall(stall);
        },
      },
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

  /** Running and holding the projection's lease (always, when there is none). */
  get active(): boolean {
    return this.subscription.active;
  }

  /** Where it stands: running, stalled at an event (which, why, since when), or standing by. */
  status(): ConsumerStatus {
    return this.subscription.status();
  }

  lag(): Promise<number> {
    return this.store.lagOf(this.subscription.position);
  }

  /**
   * Writes the stall (or its end) beside the documents, at the checkpoint the runner stands on
   * (a compare-and-set that moves nothing): it is lost only if another runner moved on, which
   * makes it stale anyway.
   */
  private async recordStall(stall: ConsumerStall | null): Promise<void> {
    const at = this.subscription.position;
    await this.documents.commit(this.projection.name, at, at, [
      {
        collection: PROJECTION_STATUS_COLLECTION,
        key: STALL_KEY,
        partition: null,
        doc: { stall: stall ? (stall as unknown as Doc) : null },
      },
    ]);
  }
}
