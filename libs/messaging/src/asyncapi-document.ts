import {
  DOMAIN_EVENT_TYPES,
  DomainEventType,
  EVENT_CATALOGUE,
  JsonSchema,
  eventDataSchema,
  eventSchemaVersion,
} from '@mesas/domain';
import {
  CLOUDEVENTS_SOURCE,
  CLOUDEVENTS_TYPE_PREFIX,
  EventRecordHeaders,
  MESAS_EVENTS_TOPIC,
} from './event-message';

/** A JSON document (what `JSON.stringify` writes); the AsyncAPI document is one. */
export type AsyncApiDocument = { readonly [key: string]: unknown };

const KAFKA_BINDING_VERSION = '0.5.0';
const CHANNEL = 'mesasEvents';

const string = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({
  type: 'string',
  description,
  ...extra,
});

/**
 * The AsyncAPI 3.0 description of `mesas.events.v1`, built from the domain's event catalogue and
 * this lib's record format, so it changes when they do and never by hand: one message per event
 * type, whose payload is the envelope with that type's data schema, whose headers are the record's
 * (`type`, `eventId`, the CloudEvents binary-mode attributes), and whose Kafka key is the stream
 * id. `partitions` is the publisher's default when it creates the topic.
 */
export function asyncApiDocument(
  options: { readonly version?: string; readonly partitions?: number } = {},
): AsyncApiDocument {
  const messages: Record<string, unknown> = {};
  for (const type of DOMAIN_EVENT_TYPES) messages[type] = messageOf(type);
  const channelMessages = Object.fromEntries(
    DOMAIN_EVENT_TYPES.map((type) => [type, { $ref: `#/components/messages/${type}` }]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Mesas Ejecutivas — events',
      version: options.version ?? '1.0.0',
      description:
        'Every event of the Mesas Ejecutivas record, as it is stored: one Kafka record per event on ' +
        `\`${MESAS_EVENTS_TOPIC}\`, key = stream id, value = the event envelope as JSON, headers ` +
        '`type`, `eventId` and the CloudEvents 1.0 Kafka binding in binary mode. At least once and ' +
        'in order per stream: consumers dedupe by `eventId` (or by `streamVersion` per stream).',
    },
    defaultContentType: 'application/json',
    channels: {
      [CHANNEL]: {
        address: MESAS_EVENTS_TOPIC,
        title: MESAS_EVENTS_TOPIC,
        description:
          'All events of all mesas. A stream (`mesa-{mesaId}` or `problem-{problemId}`) always maps to one partition.',
        messages: channelMessages,
        bindings: {
          kafka: {
            topic: MESAS_EVENTS_TOPIC,
            partitions: options.partitions ?? 6,
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      },
    },
    operations: {
      publishEvents: {
        action: 'send',
        channel: { $ref: `#/channels/${CHANNEL}` },
        title: 'Publish every stored event',
        summary: 'The publisher sends each event once it is stored (acks: all).',
        messages: DOMAIN_EVENT_TYPES.map((type) => ({
          $ref: `#/channels/${CHANNEL}/messages/${type}`,
        })),
      },
    },
    components: {
      messages,
      schemas: {
        StreamId: string('`mesa-{mesaId}` or `problem-{problemId}`', {
          pattern: '^(mesa|problem)-[a-z0-9][a-z0-9-]{0,63}$',
        }),
      },
    },
  };
}

function messageOf(type: DomainEventType): unknown {
  const entry = EVENT_CATALOGUE[type];
  const example = {
    eventId: '5f0c8f5e-0b7e-4c53-9a55-2d7f6a1f8c11',
    type,
    streamId: `${entry.stream}-${entry.stream === 'mesa' ? entry.example.mesaId : problemIdOf(entry.example)}`,
    streamVersion: 1,
    globalPosition: '1042',
    schemaVersion: eventSchemaVersion(type),
    occurredAt: '2015-03-01T15:00:00.000Z',
    recordedAt: '2015-03-01T15:00:01.234Z',
    actor: 'coord-1',
    correlationId: '0b1d6f6a-4f3c-4a53-8f8e-3c2b1a0d9e8f',
    causationId: null,
    commandId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    metadata: { actorRole: 'coordinator' },
    data: entry.example,
  };
  const headers: EventRecordHeaders = {
    type,
    eventId: example.eventId,
    ce_specversion: '1.0',
    ce_id: example.eventId,
    ce_source: CLOUDEVENTS_SOURCE,
    ce_type: CLOUDEVENTS_TYPE_PREFIX + type,
    ce_subject: example.streamId,
    ce_time: example.occurredAt,
    'content-type': 'application/json',
  };
  return {
    name: type,
    title: type,
    summary: entry.summary,
    contentType: 'application/json',
    headers: headersSchema(type),
    payload: envelopeSchema(type),
    bindings: {
      kafka: {
        key: { $ref: '#/components/schemas/StreamId' },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    examples: [{ name: `${type}-example`, headers, payload: example }],
  };
}

function problemIdOf(data: object): string {
  return 'problemId' in data && typeof data.problemId === 'string' ? data.problemId : '';
}

function headersSchema(type: DomainEventType): JsonSchema {
  const properties: Record<keyof EventRecordHeaders, JsonSchema> = {
    type: { type: 'string', const: type },
    eventId: string('the event id (dedupe by it)'),
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: string('CloudEvents id = eventId'),
    ce_source: { type: 'string', const: CLOUDEVENTS_SOURCE },
    ce_type: { type: 'string', const: CLOUDEVENTS_TYPE_PREFIX + type },
    ce_subject: string('CloudEvents subject = the stream id (the record key)'),
    ce_time: string('CloudEvents time = occurredAt (business time), RFC 3339 UTC', {
      format: 'date-time',
    }),
    'content-type': { type: 'string', const: 'application/json' },
  };
  return {
    type: 'object',
    description:
      'Kafka record headers. Records published before the CloudEvents attributes were added carry only `type` and `eventId`.',
    properties,
    required: ['type', 'eventId'],
  };
}

function envelopeSchema(type: DomainEventType): JsonSchema {
  return {
    type: 'object',
    properties: {
      eventId: string('unique id of the event'),
      type: { type: 'string', const: type },
      streamId: string('`mesa-{mesaId}` or `problem-{problemId}`'),
      streamVersion: { type: 'integer', description: '1, 2, 3… within the stream' },
      globalPosition: string('position in the whole log, a decimal string (may exceed 2^53)', {
        pattern: '^\\d+$',
      }),
      schemaVersion: {
        type: 'integer',
        const: eventSchemaVersion(type),
        description: 'the version of `data`; older versions are upcast before publishing',
      },
      occurredAt: string('business time: when it happened in the mesa', { format: 'date-time' }),
      recordedAt: string('when the store took it', { format: 'date-time' }),
      actor: string('who issued the command (token subject)'),
      correlationId: string('shared by the events of one request'),
      causationId: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      commandId: string('the command that produced the event'),
      metadata: {
        type: 'object',
        description: 'the rest of the metadata: actorRole, sessionId (when a session was named)…',
      },
      data: eventDataSchema(type),
    },
    required: [
      'eventId',
      'type',
      'streamId',
      'streamVersion',
      'globalPosition',
      'schemaVersion',
      'occurredAt',
      'recordedAt',
      'actor',
      'correlationId',
      'causationId',
      'commandId',
      'metadata',
      'data',
    ],
  };
}
