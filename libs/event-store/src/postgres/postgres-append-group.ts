import type { AppendResult, ExpectedVersion, NewEvent, StoredEvent } from '../event-store.port';

/**
 * Group commit in the PostgreSQL store: what waits to be written together, the rows
 * `mesas_append_group` answers with, and an append's result read from them.
 */

/** Appends written in one group at most, and groups written at once. */
export const MAX_GROUP = 128;
export const MAX_GROUPS_IN_FLIGHT = 2;

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
