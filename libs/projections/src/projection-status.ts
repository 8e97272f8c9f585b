import type { ConsumerFailure, ConsumerStall, EventStore, LogCheckpoint } from '@mesas/event-store';
import type { DocumentStore } from './document-store.port';
import { ProjectionRunner, recordedStallOf } from './projection';

/**
 * One projection as an operator (readiness, metrics, `mesas projections status`) sees it.
 * `stalled` means it stopped at `stalledAt` and will not move until that event applies: not
 * ready. `failing` (while `running`) means batches fail and are being retried with backoff.
 */
export interface ProjectionStatus {
  readonly name: string;
  readonly state: 'running' | 'stalled' | 'standby' | 'stopped';
  readonly checkpoint: LogCheckpoint | null;
  /** events of the log it has not applied yet */
  readonly lag: number;
  readonly stalledAt?: ConsumerStall;
  readonly failing?: ConsumerFailure;
}

/**
 * The status of `name`: from `runner` when this process runs it, else from the read-model store
 * (checkpoint, and the stall the running process recorded there). A recorded stall the
 * checkpoint has since passed is stale and ignored.
 */
export async function projectionStatus(
  name: string,
  store: EventStore,
  documents: DocumentStore,
  runner: ProjectionRunner | null = null,
): Promise<ProjectionStatus> {
  const here = runner?.status();
  if (here && (here.state === 'running' || here.state === 'stalled')) {
    return { name, ...here, lag: await store.lagOf(here.checkpoint) };
  }
  const checkpoint = await documents.checkpoint(name);
  const lag = await store.lagOf(checkpoint);
  const recorded = await recordedStallOf(documents, name);
  if (recorded && !(await store.covers(checkpoint, BigInt(recorded.position)))) {
    return { name, state: 'stalled', checkpoint, lag, stalledAt: recorded };
  }
  // run by another process (or by none: the lag then says so)
  return { name, state: here?.state ?? 'running', checkpoint, lag };
}

/** One line for people: `history  STALLED at position 812 (event …, MesaProposed): …`. */
export function describeProjectionStatus(status: ProjectionStatus): string {
  const head = `${status.name.padEnd(12)} ${status.state.toUpperCase().padEnd(8)} checkpoint ${String(
    status.checkpoint ?? '-',
  ).padEnd(24)} lag ${status.lag}`;
  const stall = status.stalledAt;
  if (stall) {
    return (
      `${head}\n  stopped at position ${stall.position}: event ${stall.eventId} (${stall.type}, ` +
      `stream ${stall.streamId}) since ${stall.since}, ${stall.attempts} tries\n  error: ${stall.error}`
    );
  }
  if (status.failing) {
    return `${head}\n  retrying: ${status.failing.failures} failures since ${status.failing.since}: ${status.failing.error}`;
  }
  return head;
}
