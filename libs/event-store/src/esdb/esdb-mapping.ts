import type { AppendExpectedRevision, CurrentRevision, Position } from '@eventstore/db-client';
import type {
  EventMetadata,
  ExpectedVersion,
  JsonObject,
  LogCheckpoint,
  NewEvent,
  StoredEvent,
} from '../event-store.port';
import { parseLogCheckpoint } from '../log-checkpoint-syntax';

/**
 * The pure half of the EventStoreDB adapter: how the port's versions, checkpoints and envelopes
 * map to the client's revisions, positions and events. Only client TYPES are imported here, so
 * this file (and its unit spec) never loads the gRPC client.
 */

/** The streams of this product; everything else in `$all` (system streams, the command index) is skipped. */
export const OUR_STREAM_PREFIXES: readonly string[] = ['mesa-', 'problem-'];

export function isOurStream(streamId: string): boolean {
  return OUR_STREAM_PREFIXES.some((prefix) => streamId.startsWith(prefix));
}

/**
 * The command index (docs/decisions/0004-esdb-idempotency.md): one small stream per command id,
 * naming the stream that command writes to. Its prefix is not one of ours, so it never shows in
 * the global log the product reads.
 */
export const COMMAND_STREAM_PREFIX = 'mesas_command-';
export const COMMAND_ROUTED = 'CommandRouted';

export function commandStreamOf(commandId: string): string {
  return `${COMMAND_STREAM_PREFIX}${commandId}`;
}

/**
 * Port versions count events from 1 (0: no stream); EventStoreDB revisions number them from 0.
 * So "the stream is at version v" is "its last revision is v - 1".
 */
export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  switch (expected.kind) {
    case 'any':
      return 'any';
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    case 'exact': {
      const { version } = expected;
      if (!Number.isSafeInteger(version) || version < 0) {
        throw new RangeError(`an expected version is a whole number >= 0, not ${version}`);
      }
      return version === 0 ? 'no_stream' : BigInt(version - 1);
    }
  }
}

/** The port version of a stream whose last revision is `revision` ('no_stream' or -1: none). */
export function versionOfRevision(revision: CurrentRevision): number {
  if (revision === 'no_stream' || revision < 0n) return 0;
  return Number(revision) + 1;
}

/** The opaque checkpoint of the port: `"commit/prepare"`, both decimal. */
export function encodeCheckpoint(position: Position): LogCheckpoint {
  return `${position.commit}/${position.prepare}`;
}

export function decodeCheckpoint(checkpoint: LogCheckpoint): Position {
  const numbers = parseLogCheckpoint('esdb', checkpoint);
  if (!numbers) throw new Error(`not an EventStoreDB log checkpoint: ${checkpoint}`);
  return { commit: numbers[0], prepare: numbers[1] };
}

/** `$all` order: by commit position, then prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/**
 * Keys the adapter writes into an event's metadata besides the port's `EventMetadata`:
 * the envelope's business time and schema version, EventStoreDB's own correlation keys (read by
 * its system projections and UI), and the id of the append call (to tell our write from an
 * idempotent no-op, see `fromEsdbRecord`). They are taken out again on read.
 */
export const METADATA_KEYS = {
  occurredAt: 'occurredAt',
  schemaVersion: 'schemaVersion',
  appendId: 'mesasAppendId',
  correlationId: '$correlationId',
  causationId: '$causationId',
} as const;

/** What `jsonEvent` takes: the adapter wraps it, so that this file stays free of client code. */
export interface EsdbEventDraft {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export function toEsdbEvent(event: NewEvent, appendId: string): EsdbEventDraft {
  const metadata: JsonObject = {
    ...(event.metadata as unknown as JsonObject),
    [METADATA_KEYS.occurredAt]: event.occurredAt,
    [METADATA_KEYS.schemaVersion]: event.schemaVersion,
    [METADATA_KEYS.appendId]: appendId,
    [METADATA_KEYS.correlationId]: event.metadata.correlationId,
  };
  if (event.metadata.causationId !== null) {
    metadata[METADATA_KEYS.causationId] = event.metadata.causationId;
  }
  return { id: event.eventId, type: event.type, data: event.data, metadata };
}

/** The fields of the client's `RecordedEvent` the adapter reads (the client type is assignable). */
export interface EsdbRecord {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly created: Date;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position;
}

export interface MappedRecord {
  readonly event: StoredEvent;
  /** the event's full log position (the checkpoint is made from it) */
  readonly position: Position;
  /** the append call that wrote it; null for an event written by something else */
  readonly appendId: string | null;
}

/**
 * A recorded event back to the port's envelope. Throws on an event this adapter did not write
 * (not JSON, no envelope keys) and on a missing log position: servers before 22.6 leave it
 * out of stream reads, and the adapter needs it for `globalPosition`.
 */
export function fromEsdbRecord(record: EsdbRecord): MappedRecord {
  const where = `event ${record.id} in ${record.streamId}`;
  if (!record.isJson || !isPlainObject(record.data) || !isPlainObject(record.metadata)) {
    throw new Error(`${where} is not a JSON event with JSON metadata`);
  }
  const position = record.position;
  if (position === undefined || position.commit <= 0n) {
    throw new Error(
      `${where} came without its log position (EventStoreDB 22.6 or later is needed)`,
    );
  }
  const {
    [METADATA_KEYS.occurredAt]: occurredAt,
    [METADATA_KEYS.schemaVersion]: schemaVersion,
    [METADATA_KEYS.appendId]: appendId,
    [METADATA_KEYS.correlationId]: _correlation,
    [METADATA_KEYS.causationId]: _causation,
    ...metadata
  } = record.metadata;
  if (typeof occurredAt !== 'string' || typeof schemaVersion !== 'number') {
    throw new Error(`${where} has no envelope (occurredAt, schemaVersion) in its metadata`);
  }
  return {
    event: {
      eventId: record.id,
      type: record.type,
      schemaVersion,
      occurredAt,
      data: record.data as JsonObject,
      metadata: metadata as unknown as EventMetadata,
      streamId: record.streamId,
      streamVersion: Number(record.revision) + 1,
      globalPosition: position.commit,
      recordedAt: record.created.toISOString(),
    },
    position,
    appendId: typeof appendId === 'string' ? appendId : null,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}
