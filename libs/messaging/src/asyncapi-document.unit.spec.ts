import { Parser } from '@asyncapi/parser';
import { DOMAIN_EVENT_TYPES, EVENT_CATALOGUE, schemaErrors } from '@mesas/domain';
import type { JsonSchema } from '@mesas/domain';
import { asyncApiDocument } from './asyncapi-document';
import { toEventRecord } from './event-message';

type Message = {
  payload: JsonSchema;
  headers: JsonSchema;
  examples: { headers: Record<string, string>; payload: Record<string, unknown> }[];
};

describe('the AsyncAPI document of mesas.events.v1', () => {
  const doc = asyncApiDocument();
  const messages = (doc.components as { messages: Record<string, Message> }).messages;

  it('is valid AsyncAPI 3.0 for @asyncapi/parser: no errors, no warnings', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc));
    // severity 0 = error, 1 = warning (2 is information, e.g. "3.1.0 exists")
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => d.message)).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toBe('3.0.0');
    expect(
      document!
        .channels()
        .all()
        .map((c) => c.address()),
    ).toEqual(['mesas.events.v1']);
    expect(
      document!
        .messages()
        .all()
        .map((m) => m.id())
        .sort(),
    ).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });

  it('has one message per event type, whose data schema is the catalogue schema', () => {
    expect(Object.keys(messages).sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
    for (const type of DOMAIN_EVENT_TYPES) {
      expect(messages[type].payload.properties?.data).toEqual(EVENT_CATALOGUE[type].data.json);
    }
  });

  it('describes the records the publisher really writes: payload and headers conform', () => {
    for (const type of DOMAIN_EVENT_TYPES) {
      const example = messages[type].examples[0];
      expect(schemaErrors(messages[type].payload, example.payload)).toEqual([]);
      expect(schemaErrors(messages[type].headers, example.headers)).toEqual([]);
      // a record built by toEventRecord from the example has exactly those headers
      const record = toEventRecord({
        eventId: example.payload.eventId as string,
        type,
        schemaVersion: 1,
        occurredAt: example.payload.occurredAt as string,
        recordedAt: example.payload.recordedAt as string,
        streamId: example.payload.streamId as string,
        streamVersion: 1,
        globalPosition: 1042n,
        data: EVENT_CATALOGUE[type].example as never,
        metadata: {
          actor: 'coord-1',
          correlationId: 'c',
          causationId: null,
          commandId: 'k',
          actorRole: 'coordinator',
        },
      });
      expect(record.headers).toEqual(example.headers);
      expect(schemaErrors(messages[type].payload, JSON.parse(record.value))).toEqual([]);
    }
  });
});
