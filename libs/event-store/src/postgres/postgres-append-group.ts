import type { AppendResult, ExpectedVersion, NewEvent, StoredEvent } from '../event-store.port';

/**
 * Group commit in the PostgreSQL store: what waits to be written together, the rows
 * `mesas_append_group` answers with, and an append's result read from them.
 */

/** Appends written in one group at most. */
export const MAX_GROUP = 128;
/** Groups written at once, each on a connection of its own. */
export const MAX_GROUPS_IN_FLIGHT = 2;

/**
 * How many of the waiting appends to send now as one more group (0: wait), given the sizes of
 * the groups being written. Appends wait only while a group is in flight, never for a timer, so
 * a lone append goes at once. Waiting appends are shared out over the free connections, and a
 * second group starts only when at least half as many appends wait as the group in flight
 * holds: otherwise n writers that each await their append settle into a group of n - 1 and a
 * group of one, two commits for what one carries (the writer answered first finds a connection
 * free and goes alone, and so again each round).
 */
export function nextGroupSize(waiting: number, inFlight: readonly number[]): number {
  if (waiting === 0 || inFlight.length >= MAX_GROUPS_IN_FLIGHT) return 0;
  const largest = Math.max(0, ...inFlight);
  if (waiting * 2 < largest) return 0;
  const share = Math.ceil(waiting / (MAX_GROUPS_IN_FLIGHT - inFlight.length));
  return Math.min(MAX_GROUP, share);
}

export interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** One row of mesas_append_group: an event stored, or why an append was refused. */
export interface GroupRow {
  idx: number;
  outcome: 'ok' | 'conflict' | 'duplicate';
  global_position: string | null;
  stream_version: number | null;
  transaction_id: string | null;
  detail: string | null;
}

export function resultOf(
  { streamId, events }: PendingAppend,
  rows: readonly GroupRow[],
  recordedAt: string,
): AppendResult {
  const byVersion = new Map(rows.map((r) => [Number(r.stream_version), r]));
  const previous = Math.min(...rows.map((r) => Number(r.stream_version))) - 1;
  const stored = events.map((event, i): StoredEvent => {
    const streamVersion = previous + i + 1;
    const row = byVersion.get(streamVersion);
    if (!row) throw new Error(`append to ${streamId} lost version ${streamVersion}`);
    return {
      ...event,
      streamId,
      streamVersion,
      globalPosition: BigInt(row.global_position as string),
      recordedAt,
    };
  });
  return { streamVersion: previous + events.length, events: stored };
}
