import type { JsonObject, StoredEvent } from './event-store.port';

/**
 * The envelope of docs/domain.md, "The event envelope" as outside programs see it (audit API, Kafka): positions as
 * decimal strings, the who-and-why at the top level, everything else of the metadata kept.
 */
export type EventEnvelope = {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  correlationId: string;
  causationId: string | null;
  commandId: string;
  metadata: JsonObject;
  data: JsonObject;
};

export function toEnvelope(event: StoredEvent): EventEnvelope {
  const { actor, correlationId, causationId, commandId, ...rest } = event.metadata;
  return {
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition.toString(),
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor,
    correlationId,
    causationId,
    commandId,
    metadata: rest as JsonObject,
    data: event.data,
  };
}
