import { ConsumerStall, EventStore, errorMessage } from '@mesas/event-store';
import { DocumentStore, supportsShadowRebuild } from './document-store.port';
import { BatchProjection, Projection, ProjectionRunner } from './projection';

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
  /** events applied so far and the log's length as last measured */
  readonly onProgress?: (done: number, total: number) => void;
  /** tries of a failing event before the rebuild gives up (default 3) */
  readonly attempts?: number;
}

export interface RebuildResult {
  readonly projection: string;
  /** the events the log held when the rebuild caught up */
  readonly events: number;
  readonly generation: string;
}

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
  if (!supportsShadowRebuild(documents)) {
    throw new ProjectionRebuildError(
      projection.name,
      `this read-model store cannot rebuild ${projection.name} beside the live one`,
    );
  }
  const shadow = await documents.prepareRebuild(projection.name);
  try {
    const events = await runToHead(projection, store, shadow.documents, options);
    await shadow.activate();
    return { projection: projection.name, events, generation: shadow.generation };
  } catch (error) {
    await shadow.discard().catch(() => undefined);
    throw error;
  }
}

/**
 * Runs `projection` into `documents` from the start until it has read every event the log held
 * when it started; returns how many that was. Throws, without waiting for slow retries, as soon
 * as its runner stalls on an event or keeps failing to read.
 */
async function runToHead(
  projection: Projection | BatchProjection,
  store: EventStore,
  documents: DocumentStore,
  options: RebuildOptions,
): Promise<number> {
  const total = await store.lagOf(null);
  let stalled: ConsumerStall | null = null;
  // its own runner, not the live one's lease: the generation it writes is its alone
  const runner = new ProjectionRunner(projection, store, documents, {
    batchSize: 1000,
    pollMs: 50,
    lease: null,
    retry: { attempts: options.attempts ?? 3, baseMs: 50, maxMs: 1000 },
    onStall: (stall) => {
      stalled = stall;
    },
  });
  runner.start();
  try {
    for (;;) {
      const status = runner.status();
      const stall: ConsumerStall | null = stalled ?? status.stalledAt ?? null;
      if (stall) {
        throw new ProjectionRebuildError(
          projection.name,
          `${projection.name}: cannot apply event ${stall.eventId} (${stall.type}, position ` +
            `${stall.position}, stream ${stall.streamId}): ${stall.error}`,
          stall,
        );
      }
      if (status.failing && status.failing.failures >= 10) {
        throw new ProjectionRebuildError(
          projection.name,
          `${projection.name}: ${status.failing.failures} failures in a row: ${status.failing.error}`,
        );
      }
      // done once it has read every event the log held when it started: under a steady
      // stream of appends "lag 0" may never come, and the live runner applies the rest
      const lag = await store.lagOf(runner.checkpoint);
      const read = (await store.lagOf(null)) - lag;
      if (read >= total && (runner.checkpoint !== null || total === 0)) break;
      options.onProgress?.(Math.min(read, total), total);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (error) {
    if (error instanceof ProjectionRebuildError) throw error;
    throw new ProjectionRebuildError(projection.name, `${projection.name}: ${errorMessage(error)}`);
  } finally {
    await runner.stop();
  }
  options.onProgress?.(total, total);
  return total;
}
