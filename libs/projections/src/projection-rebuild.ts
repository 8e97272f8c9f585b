import { ConsumerStall, EventStore, errorMessage } from '@mesas/event-store';
import { DocumentStore, ShadowRebuild, supportsShadowRebuild } from './document-store.port';
import {
  BatchProjection,
  Projection,
  ProjectionRunner,
  RebuildStalled,
  batchOf,
} from './projection';
import { SharedLogPages } from './shared-log-pages';
import { WriteBehindDocuments, WriteBehindLimits } from './write-behind-documents';

/** A rebuild that did not complete; the live projection was left as it was. */
export class ProjectionRebuildError extends Error {
  constructor(
    readonly projection: string,
    message: string,
    /** the event the rebuild could not apply, when that is why */
    readonly stalledAt: ConsumerStall | null = null,
  ) {
    super(message);
    this.name = 'ProjectionRebuildError';
  }
}

export interface RebuildOptions {
  /** events applied so far (by the slowest projection) and the log's length at the start */
  readonly onProgress?: (done: number, total: number) => void;
  /** tries of a failing event before the rebuild gives up (default 3) */
  readonly attempts?: number;
  /** events read and folded at a time (default 5,000) */
  readonly batchSize?: number;
  /** how many documents of each projection are kept in memory between writes */
  readonly limits?: WriteBehindLimits;
  /**
   * whether projections that can fold on another thread (`rebuildOnThread`) do so when the
   * store allows it (default true; false folds every projection here, as the live runner does)
   */
  readonly threads?: boolean;
}

export interface RebuildResult {
  readonly projection: string;
  /** the events the log held when the rebuild caught up */
  readonly events: number;
  readonly generation: string;
}

/** What became of one projection of `rebuildProjections`: swapped in, or left as it was. */
export type RebuildOutcome =
  | { readonly projection: string; readonly result: RebuildResult; readonly error: null }
  | { readonly projection: string; readonly result: null; readonly error: ProjectionRebuildError };

/**
 * Rebuilds `projection` from the start of the log beside the live one and swaps it in only once
 * it has read the whole log: the live projection keeps serving (and its runner, in this process
 * or another, keeps it current) until the swap, and a rebuild that fails — an event it cannot
 * apply, a store that is down — is discarded, leaving the live projection exactly as it was.
 * After the swap the live runner loses its next checkpoint compare-and-set, reloads the rebuilt
 * checkpoint and continues from there.
 */
export async function rebuildProjection(
  projection: Projection | BatchProjection,
  store: EventStore,
  documents: DocumentStore,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const [outcome] = await rebuildProjections([projection], store, documents, options);
  if (outcome.error) throw outcome.error;
  return outcome.result;
}

/**
 * Rebuilds several projections in one pass over the log (`rebuildProjection` for each, but the
 * log is read once, page by page, and each page is folded by all of them). Each is swapped in
 * as soon as it has read the whole log, or discarded on its own when it fails: one projection's
 * bad event does not hold back the others.
 *
 * What makes a rebuild fast: the shadow generation has one writer, the rebuild, so each
 * projection's documents are kept in memory across batches (`WriteBehindDocuments`, bounded)
 * and written in large transactions, each with the checkpoint it reached; the log is read in
 * large pages; progress is counted, never queried.
 */
export async function rebuildProjections(
  projections: readonly (Projection | BatchProjection)[],
  store: EventStore,
  documents: DocumentStore,
  options: RebuildOptions = {},
): Promise<RebuildOutcome[]> {
  if (!supportsShadowRebuild(documents)) {
    throw new ProjectionRebuildError(
      projections[0]?.name ?? '?',
      `this read-model store cannot rebuild ${projections.map((p) => p.name).join(', ')} beside the live one`,
    );
  }
  const total = await store.lagOf(null);
  const batchSize = options.batchSize ?? 5000;
  const log = options.threads === false ? null : (store.threadLog?.() ?? null);
  const pages = new SharedLogPages(store, batchSize);
  const applied = projections.map(() => 0);
  let reported = -1;
  const progress = (i: number, n: number): void => {
    applied[i] = n;
    const done = Math.min(total, ...applied);
    if (done !== reported) options.onProgress?.(done, total);
    reported = done;
  };
  const shadows: ShadowRebuild[] = [];
  try {
    for (const p of projections) shadows.push(await documents.prepareRebuild(p.name));
  } catch (error) {
    await Promise.all(shadows.map((s) => s.discard().catch(() => undefined)));
    throw error;
  }
  return Promise.all(
    projections.map(async (projection, i): Promise<RebuildOutcome> => {
      const shadow = shadows[i];
      const held = new WriteBehindDocuments(shadow.documents, projection.name, options.limits);
      const onThread = 'rebuildOnThread' in projection ? projection.rebuildOnThread : undefined;
      try {
        if (onThread && log && held.takesEncoded) {
          await onThread({
            log,
            documents: held,
            total,
            pageSize: batchSize,
            onApplied: (n) => progress(i, n),
          }).catch((error: unknown) => {
            throw error instanceof RebuildStalled ? stalledAt(projection.name, error.stall) : error;
          });
        } else {
          const view = pages.view();
          try {
            await runToHead(projection, view.store, held, total, options, batchSize, (n) =>
              progress(i, n),
            );
          } finally {
            view.leave();
          }
        }
        await held.flush();
        await shadow.activate();
        progress(i, total);
        return {
          projection: projection.name,
          result: { projection: projection.name, events: total, generation: shadow.generation },
          error: null,
        };
      } catch (error) {
        progress(i, total);
        await shadow.discard().catch(() => undefined);
        return {
          projection: projection.name,
          result: null,
          error:
            error instanceof ProjectionRebuildError
              ? error
              : new ProjectionRebuildError(
                  projection.name,
                  `${projection.name}: ${errorMessage(error)}`,
                ),
        };
      }
    }),
  );
}

/**
 * Runs `projection` into `documents` from the start until it has applied every event the log
 * held when the rebuild started (`total`; under a steady stream of appends "lag 0" may never
 * come, and the live runner applies the rest). Throws, without waiting for slow retries, as
 * soon as its runner stalls on an event or keeps failing to read.
 */
async function runToHead(
  projection: Projection | BatchProjection,
  store: EventStore,
  documents: DocumentStore,
  total: number,
  options: RebuildOptions,
  batchSize: number,
  onApplied: (events: number) => void,
): Promise<void> {
  const inner = 'applyBatch' in projection ? projection : batchOf(projection);
  let read = 0;
  let wake: (() => void) | null = null;
  const counted: BatchProjection = {
    name: inner.name,
    async applyBatch(events, docs, from, to) {
      await inner.applyBatch(events, docs, from, to);
      // counted once applied: a batch that threw moved nothing and is read again
      read += events.length;
      onApplied(read);
      if (read >= total) wake?.();
    },
  };
  let stalled: ConsumerStall | null = null;
  // its own runner, not the live one's lease: the generation it writes is its alone
  const runner = new ProjectionRunner(counted, store, documents, {
    batchSize,
    pollMs: 50,
    lease: null,
    retry: { attempts: options.attempts ?? 3, baseMs: 50, maxMs: 1000 },
    onStall: (stall) => {
      stalled = stall;
      wake?.();
    },
  });
  runner.start();
  try {
    while (read < total) {
      const status = runner.status();
      const stall: ConsumerStall | null = stalled ?? status.stalledAt ?? null;
      if (stall) throw stalledAt(projection.name, stall);
      if (status.failing && status.failing.failures >= 10) {
        throw new ProjectionRebuildError(
          projection.name,
          `${projection.name}: ${status.failing.failures} failures in a row: ${status.failing.error}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 50);
        function done(): void {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    }
  } catch (error) {
    if (error instanceof ProjectionRebuildError) throw error;
    throw new ProjectionRebuildError(projection.name, `${projection.name}: ${errorMessage(error)}`);
  } finally {
    await runner.stop();
  }
}

function stalledAt(projection: string, stall: ConsumerStall): ProjectionRebuildError {
  return new ProjectionRebuildError(
    projection,
    `${projection}: cannot apply event ${stall.eventId} (${stall.type}, position ` +
      `${stall.position}, stream ${stall.streamId}): ${stall.error}`,
    stall,
  );
}
