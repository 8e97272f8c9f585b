import type { StoredEvent } from '../event-store.port';

/** How the PostgreSQL store's event rows are read back as the port's events. */

export interface EventRow {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  occurred_at: string;
  recorded_at: string;
  data: StoredEvent['data'];
  metadata: StoredEvent['metadata'];
}

export const COLUMNS = `global_position, transaction_id::text AS transaction_id, event_id, stream_id,
  stream_version, type, schema_version, occurred_at, recorded_at, data, metadata`;

export function toStored(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: BigInt(row.global_position),
    data: row.data,
    metadata: row.metadata,
  };
}
