import { ExpectedVersion, NewEvent } from '../event-store.port';
import {
  EsdbRecord,
  METADATA_KEYS,
  commandStreamOf,
  comparePositions,
  decodeCheckpoint,
  encodeCheckpoint,
  fromEsdbRecord,
  isOurStream,
  toEsdbEvent,
  toExpectedRevision,
  versionOfRevision,
} from './esdb-mapping';

describe('EventStoreDB mapping', () => {
  describe('expected version → expected revision', () => {
    it('maps the tagged kinds to the client constants', () => {
      expect(toExpectedRevision(ExpectedVersion.any)).toBe('any');
      expect(toExpectedRevision(ExpectedVersion.noStream)).toBe('no_stream');
      expect(toExpectedRevision(ExpectedVersion.streamExists)).toBe('stream_exists');
    });

    it('maps version v to revision v - 1, and version 0 to "no stream"', () => {
      expect(toExpectedRevision(ExpectedVersion.exact(1))).toBe(0n);
      expect(toExpectedRevision(ExpectedVersion.exact(42))).toBe(41n);
      expect(toExpectedRevision({ kind: 'exact', version: 0 })).toBe('no_stream');
    });

    it('refuses versions that are not whole numbers >= 0', () => {
      expect(() => toExpectedRevision({ kind: 'exact', version: -1 })).toThrow(RangeError);
      expect(() => toExpectedRevision({ kind: 'exact', version: 1.5 })).toThrow(RangeError);
    });

    it('maps a current revision back to the port version', () => {
      expect(versionOfRevision('no_stream')).toBe(0);
      expect(versionOfRevision(-1n)).toBe(0);
      expect(versionOfRevision(0n)).toBe(1);
      expect(versionOfRevision(41n)).toBe(42);
    });

    it('round-trips every exact version through a revision', () => {
      for (const version of [1, 2, 10, 999_999]) {
        const revision = toExpectedRevision(ExpectedVersion.exact(version));
        expect(typeof revision).toBe('bigint');
        expect(versionOfRevision(revision as bigint)).toBe(version);
      }
    });
  });

  describe('log checkpoint', () => {
    it('encodes commit/prepare and decodes it back, beyond 2^53', () => {
      const position = { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_990n };
      const checkpoint = encodeCheckpoint(position);
      expect(checkpoint).toBe('9007199254740993/9007199254740990');
      expect(decodeCheckpoint(checkpoint)).toEqual(position);
    });

    it('refuses checkpoints of other adapters and garbage', () => {
      for (const bad of ['42', '', '1/2/3', '-1/0', 'a/b', '1/', '/1']) {
        expect(() => decodeCheckpoint(bad)).toThrow(/not an EventStoreDB log checkpoint/);
      }
    });

    it('orders positions by commit, then prepare', () => {
      expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBe(-1);
      expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBe(1);
      expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
    });
  });

  describe('streams', () => {
    it('knows our streams and keeps the command index out of them', () => {
      expect(isOurStream('mesa-forestal')).toBe(true);
      expect(isOurStream('problem-registro')).toBe(true);
      expect(isOurStream('$stats-127.0.0.1:2113')).toBe(false);
      expect(isOurStream('mesas-x')).toBe(false);
      expect(isOurStream(commandStreamOf('abc'))).toBe(false);
      expect(commandStreamOf('abc')).toContain('abc');
    });
  });

  describe('envelope ↔ event metadata', () => {
    const sent: NewEvent = {
      eventId: '0b7c9a52-52a6-4c1e-9a8f-3f1a7f6c2d10',
      type: 'ProblemRaised',
      schemaVersion: 2,
      occurredAt: '2015-02-10T15:00:00.000Z',
      data: { title: 'Registro de plantaciones', n: 12.5, nested: { list: [1, 'a', null] } },
      metadata: {
        actor: 'coordinator-1',
        actorRole: 'coordinator',
        correlationId: 'corr-1',
        causationId: null,
        commandId: 'cmd-1',
        requestHash: 'abc',
        resultId: 'registro',
        sessionId: 's1',
      },
    };

    it('puts the envelope and the who-and-why in the metadata, the data as it is', () => {
      const draft = toEsdbEvent(sent, 'append-1');
      expect(draft).toMatchObject({ id: sent.eventId, type: 'ProblemRaised', data: sent.data });
      expect(draft.metadata).toEqual({
        ...sent.metadata,
        occurredAt: '2015-02-10T15:00:00.000Z',
        schemaVersion: 2,
        [METADATA_KEYS.appendId]: 'append-1',
        $correlationId: 'corr-1',
      });
      const caused = toEsdbEvent(
        { ...sent, metadata: { ...sent.metadata, causationId: 'evt-0' } },
        'a',
      );
      expect(caused.metadata.$causationId).toBe('evt-0');
    });

    const recorded = (overrides: Partial<EsdbRecord> = {}): EsdbRecord => {
      const draft = toEsdbEvent(sent, 'append-1');
      return {
        streamId: 'problem-registro',
        id: draft.id,
        type: draft.type,
        revision: 4n,
        created: new Date('2024-05-01T10:00:00.123Z'),
        isJson: true,
        data: JSON.parse(JSON.stringify(draft.data)),
        metadata: JSON.parse(JSON.stringify(draft.metadata)),
        position: { commit: 5_000n, prepare: 5_000n },
        ...overrides,
      };
    };

    it('reads a recorded event back into the exact envelope', () => {
      const mapped = fromEsdbRecord(recorded());
      expect(mapped.event).toEqual({
        ...sent,
        streamId: 'problem-registro',
        streamVersion: 5,
        globalPosition: 5_000n,
        recordedAt: '2024-05-01T10:00:00.123Z',
      });
      expect(mapped.position).toEqual({ commit: 5_000n, prepare: 5_000n });
      expect(mapped.appendId).toBe('append-1');
    });

    it('reports no append id for an event written by something else', () => {
      const { [METADATA_KEYS.appendId]: _dropped, ...metadata } = toEsdbEvent(sent, 'x').metadata;
      expect(fromEsdbRecord(recorded({ metadata })).appendId).toBeNull();
    });

    it('refuses events without a position, JSON or envelope', () => {
      expect(() => fromEsdbRecord(recorded({ position: undefined }))).toThrow(/log position/);
      expect(() => fromEsdbRecord(recorded({ position: { commit: 0n, prepare: 0n } }))).toThrow(
        /22\.6/,
      );
      expect(() => fromEsdbRecord(recorded({ isJson: false, data: new Uint8Array([1]) }))).toThrow(
        /not a JSON event/,
      );
      expect(() => fromEsdbRecord(recorded({ metadata: { actor: 'x' } }))).toThrow(/no envelope/);
    });
  });
});
