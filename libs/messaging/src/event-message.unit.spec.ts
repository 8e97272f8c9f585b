import type { StoredEvent } from '@mesas/event-store';
import { toEnvelope } from '@mesas/event-store';
import {
  MESAS_EVENTS_TOPIC,
  MalformedEventRecord,
  chunkByBytes,
  cloudEventOf,
  parseEventRecord,
  storedEventOf,
  toEventRecord,
} from './event-message';

const event: StoredEvent = {
  eventId: '5f0c8f5e-0b7e-4c53-9a55-2d7f6a1f8c11',
  type: 'SolutionRevised',
  schemaVersion: 1,
  occurredAt: '2017-03-02T15:00:00.000Z',
  recordedAt: '2026-01-05T10:11:12.345Z',
  streamId: 'problem-registro-plantaciones',
  streamVersion: 7,
  globalPosition: 9007199254740993n,
  data: {
    mesaId: 'forestal',
    problemId: 'registro-plantaciones',
    revision: 2,
    text: 'Ventanilla única — 3 días',
  },
  metadata: {
    actor: 'coord-1',
    actorRole: 'coordinator',
    correlationId: 'c-1',
    causationId: null,
    commandId: 'cmd-1',
    sessionId: 's-12',
  },
};

describe('event records on mesas.events.v1', () => {
  it('is the topic docs/API.md names', () => {
    expect(MESAS_EVENTS_TOPIC).toBe('mesas.events.v1');
  });

  it('keys by stream id, carries the full envelope and the type and eventId headers', () => {
    const record = toEventRecord(event);
    expect(record.key).toBe('problem-registro-plantaciones');
    expect(record.headers).toEqual({
      type: 'SolutionRevised',
      eventId: event.eventId,
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_source: '/mesas',
      ce_type: 'pe.mesas.SolutionRevised',
      ce_subject: 'problem-registro-plantaciones',
      ce_time: '2017-03-02T15:00:00.000Z',
      'content-type': 'application/json',
    });
    expect(JSON.parse(record.value)).toEqual(toEnvelope(event));
    // positions beyond 2^53 survive as decimal strings
    expect(JSON.parse(record.value).globalPosition).toBe('9007199254740993');
    expect(record.timestamp).toBe(String(Date.parse('2026-01-05T10:11:12.345Z')));
  });

  it('reads back what it wrote, from Buffers as kafkajs delivers them', () => {
    const record = toEventRecord(event);
    const received = {
      key: Buffer.from(record.key),
      value: Buffer.from(record.value),
      headers: Object.fromEntries(
        Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)]),
      ),
    };
    const envelope = parseEventRecord(received);
    expect(envelope).toEqual(toEnvelope(event));
    expect(storedEventOf(envelope)).toEqual(event);
    expect(cloudEventOf(received)).toEqual({
      specversion: '1.0',
      id: event.eventId,
      source: '/mesas',
      type: 'pe.mesas.SolutionRevised',
      subject: 'problem-registro-plantaciones',
      time: '2017-03-02T15:00:00.000Z',
      datacontenttype: 'application/json',
    });
  });

  it('still reads a record published before the CloudEvents headers', () => {
    const record = toEventRecord(event);
    const old = {
      key: record.key,
      value: record.value,
      headers: { type: 'SolutionRevised', eventId: event.eventId },
    };
    expect(parseEventRecord(old)).toEqual(toEnvelope(event));
    expect(cloudEventOf(old)).toBeNull();
  });

  it('refuses CloudEvents headers that name another event, or lack a required attribute', () => {
    const record = toEventRecord(event);
    const good = { key: record.key, value: record.value, headers: { ...record.headers } };
    for (const wrong of [
      { ce_id: 'other' },
      { ce_type: 'pe.mesas.ProblemRaised' },
      { ce_subject: 'problem-other' },
    ]) {
      expect(() => parseEventRecord({ ...good, headers: { ...good.headers, ...wrong } })).toThrow(
        MalformedEventRecord,
      );
    }
    const { ce_source: _dropped, ...noSource } = good.headers;
    void _dropped;
    expect(() => cloudEventOf({ ...good, headers: noSource })).toThrow(MalformedEventRecord);
  });

  it('refuses records whose key or headers disagree with the envelope', () => {
    const record = toEventRecord(event);
    const good = { key: record.key, value: record.value, headers: { ...record.headers } };
    expect(() => parseEventRecord({ ...good, key: 'problem-other' })).toThrow(MalformedEventRecord);
    expect(() => parseEventRecord({ ...good, headers: { ...good.headers, eventId: 'x' } })).toThrow(
      MalformedEventRecord,
    );
    expect(() => parseEventRecord({ ...good, headers: { eventId: event.eventId } })).toThrow(
      MalformedEventRecord,
    );
    expect(() => parseEventRecord({ ...good, value: '{"eventId":1}' })).toThrow(
      MalformedEventRecord,
    );
    expect(() => parseEventRecord({ ...good, value: 'not json' })).toThrow(MalformedEventRecord);
    expect(() => parseEventRecord({ ...good, value: null })).toThrow(MalformedEventRecord);
  });

  it('chunks records in order, bounded by bytes, a record larger than the bound alone', () => {
    const records = [100, 100, 100, 1000, 100].map((n, i) => ({ i, value: 'x'.repeat(n) }));
    const chunks = chunkByBytes(records, 500);
    expect(chunks.map((c) => c.map((r) => r.i))).toEqual([[0, 1], [2], [3], [4]]);
    expect(chunks.flat()).toEqual(records);
    expect(chunkByBytes([], 500)).toEqual([]);
  });
});
