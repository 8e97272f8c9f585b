import { EventEnvelope, EventMetadata, StoredEvent, toEnvelope } from '@mesas/event-store';

/** The product's topic (docs/API.md, "Kafka"). Tests pass their own names; the product never does. */
export const MESAS_EVENTS_TOPIC = 'mesas.events.v1';

/** CloudEvents `source` of every event: with `id` (the event id) it names one event uniquely. */
export const CLOUDEVENTS_SOURCE = '/mesas';
/** CloudEvents `type` = this prefix + the event type (reverse-DNS, as the spec recommends). */
export const CLOUDEVENTS_TYPE_PREFIX = 'pe.mesas.';

/**
 * The headers of every record: `type` and `eventId` (kept for the consumers that read them), and
 * the CloudEvents 1.0 Kafka protocol binding in binary mode (`ce_*` attributes, `content-type`
 * of the value), so CloudEvents tooling can route the records without parsing the value.
 */
export interface EventRecordHeaders {
  readonly type: string;
  readonly eventId: string;
  readonly ce_specversion: '1.0';
  /** = eventId */
  readonly ce_id: string;
  /** = CLOUDEVENTS_SOURCE */
  readonly ce_source: string;
  /** = CLOUDEVENTS_TYPE_PREFIX + type */
  readonly ce_type: string;
  /** = the stream id, the record's key */
  readonly ce_subject: string;
  /** = occurredAt (business time), RFC 3339 in UTC */
  readonly ce_time: string;
  readonly 'content-type': 'application/json';
}

/**
 * One event as a Kafka record, in the client-free shape this lib hands to kafkajs. Key = stream id
 * (so one stream maps to one partition and keeps its order), value = the full envelope as JSON
 * (the CloudEvent's data), headers as above.
 */
export interface EventRecord {
  readonly key: string;
  readonly value: string;
  readonly headers: EventRecordHeaders;
  /** milliseconds since the epoch, as a decimal string: when the store took the event */
  readonly timestamp: string;
}

export function toEventRecord(event: StoredEvent): EventRecord {
  return {
    key: event.streamId,
    value: JSON.stringify(toEnvelope(event)),
    headers: {
      type: event.type,
      eventId: event.eventId,
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_source: CLOUDEVENTS_SOURCE,
      ce_type: CLOUDEVENTS_TYPE_PREFIX + event.type,
      ce_subject: event.streamId,
      ce_time: new Date(event.occurredAt).toISOString(),
      'content-type': 'application/json',
    },
    timestamp: String(Date.parse(event.recordedAt)),
  };
}

/** The CloudEvents context attributes of a received record (binary mode), when it carries them. */
export interface CloudEventAttributes {
  readonly specversion: string;
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string | null;
  readonly time: string | null;
  readonly datacontenttype: string | null;
}

/** What a consumer receives, before the lib has looked at it (kafkajs gives Buffers). */
export interface ReceivedRecord {
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers?: Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;
}

/** A record that is not an event envelope of this topic: a bug or a foreign producer. */
export class MalformedEventRecord extends Error {
  constructor(reason: string) {
    super(`not a mesas event record: ${reason}`);
    this.name = 'MalformedEventRecord';
  }
}

const text = (value: Buffer | string | null | undefined): string | null =>
  value === null || value === undefined ? null : value.toString();

/**
 * Reads a record back into its envelope and checks that key and headers agree with it, so a
 * consumer that dedupes by the `eventId` header dedupes by the event's real id.
 */
export function parseEventRecord(record: ReceivedRecord): EventEnvelope {
  const value = text(record.value);
  if (value === null) throw new MalformedEventRecord('no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new MalformedEventRecord('value is not JSON');
  }
  if (!isEnvelope(parsed)) throw new MalformedEventRecord('value is not an envelope');
  const key = text(record.key);
  if (key !== parsed.streamId) {
    throw new MalformedEventRecord(`key ${key} is not the stream id ${parsed.streamId}`);
  }
  const header = (name: string) => headerOf(record, name);
  if (header('eventId') !== parsed.eventId || header('type') !== parsed.type) {
    throw new MalformedEventRecord(`headers do not match event ${parsed.eventId}`);
  }
  // Records published before the CloudEvents headers existed lack them; when present they must
  // name the same event, or a router and a deduper would disagree about what the record is.
  const ce = cloudEventOf(record);
  if (
    ce !== null &&
    (ce.id !== parsed.eventId ||
      ce.type !== CLOUDEVENTS_TYPE_PREFIX + parsed.type ||
      (ce.subject !== null && ce.subject !== parsed.streamId))
  ) {
    throw new MalformedEventRecord(`CloudEvents headers do not match event ${parsed.eventId}`);
  }
  return parsed;
}

/**
 * The CloudEvents attributes of a record in binary mode; null when it has no `ce_specversion`.
 * A record with `ce_specversion` but without the required `ce_id`, `ce_source` or `ce_type` is
 * malformed.
 */
export function cloudEventOf(record: ReceivedRecord): CloudEventAttributes | null {
  const header = (name: string) => headerOf(record, name);
  const specversion = header('ce_specversion');
  if (specversion === null) return null;
  const [id, source, type] = [header('ce_id'), header('ce_source'), header('ce_type')];
  if (id === null || source === null || type === null) {
    throw new MalformedEventRecord('ce_specversion without ce_id, ce_source and ce_type');
  }
  return {
    specversion,
    id,
    source,
    type,
    subject: header('ce_subject'),
    time: header('ce_time'),
    datacontenttype: header('content-type'),
  };
}

function headerOf(record: ReceivedRecord, name: string): string | null {
  const raw = record.headers?.[name];
  return text(Array.isArray(raw) ? raw[0] : raw);
}

function isEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.eventId === 'string' &&
    typeof v.type === 'string' &&
    typeof v.streamId === 'string' &&
    Number.isInteger(v.streamVersion) &&
    typeof v.globalPosition === 'string' &&
    /^\d+$/.test(v.globalPosition) &&
    typeof v.occurredAt === 'string' &&
    typeof v.recordedAt === 'string' &&
    typeof v.actor === 'string' &&
    typeof v.data === 'object' &&
    v.data !== null &&
    typeof v.metadata === 'object' &&
    v.metadata !== null
  );
}

/** The inverse of `toEnvelope`: lets a consumer fold received events with the same projections. */
export function storedEventOf(envelope: EventEnvelope): StoredEvent {
  const metadata = {
    ...envelope.metadata,
    actor: envelope.actor,
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    commandId: envelope.commandId,
  } as unknown as EventMetadata;
  return {
    eventId: envelope.eventId,
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    occurredAt: envelope.occurredAt,
    recordedAt: envelope.recordedAt,
    streamId: envelope.streamId,
    streamVersion: envelope.streamVersion,
    globalPosition: BigInt(envelope.globalPosition),
    data: envelope.data,
    metadata,
  };
}

/**
 * Splits records, in order, into consecutive chunks of at most `maxBytes` of values (a record
 * larger than that goes alone). Each chunk is one produce request: it bounds the size of the
 * record batch a partition receives, which the broker refuses above `message.max.bytes`.
 */
export function chunkByBytes<T extends { readonly value: string }>(
  records: readonly T[],
  maxBytes: number,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const record of records) {
    const bytes = Buffer.byteLength(record.value) + 128;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(record);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
