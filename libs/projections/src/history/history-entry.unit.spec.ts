import { canonicalize, historyLeafHash, leafHashOfText } from '@mesas/transparency';
import {
  checkedLeafText,
  entryJson,
  entryKey,
  historyLeafOf,
  leafHashOf,
  toHistoryEntry,
} from './history-entry';

describe('history entries', () => {
  const base = {
    eventId: '6f1c',
    recordedAt: '2015-02-10T15:00:01.000Z',
    occurredAt: '2015-02-10T15:00:00.000Z',
  };

  it("commits to exactly the contract's fields, with problemId and sessionId only when there is one", () => {
    const mesaLeaf = historyLeafOf(
      { ...base, type: 'MesaLaunched', streamId: 'mesa-m1', data: { mesaId: 'm1' } },
      0,
    );
    expect(canonicalize(mesaLeaf)).toBe(
      '{"data":{"mesaId":"m1"},"eventId":"6f1c","index":0,"mesaId":"m1","occurredAt":"2015-02-10T15:00:00.000Z",' +
        '"recordedAt":"2015-02-10T15:00:01.000Z","type":"MesaLaunched"}',
    );
    const decided = historyLeafOf(
      {
        ...base,
        type: 'ProblemFiltered',
        streamId: 'problem-p1',
        sessionId: 's1',
        data: { mesaId: 'm1', problemId: 'p1', decision: 'accepted', reason: null },
      },
      7,
    );
    expect(decided).toMatchObject({ index: 7, mesaId: 'm1', problemId: 'p1', sessionId: 's1' });
    // the session is inside the leaf: moving a decision to another session changes its hash
    expect(leafHashOf(decided)).not.toBe(leafHashOf({ ...decided, sessionId: 's2' }));
    expect(leafHashOf(decided)).not.toBe(leafHashOf({ ...decided, index: 8 }));
  });

  it('hides internal fields in the leaf itself', () => {
    const leaf = historyLeafOf(
      {
        ...base,
        type: 'SessionHeld',
        streamId: 'mesa-m1',
        data: {
          mesaId: 'm1',
          sessionId: 'r',
          type: 'inter_session',
          heldOn: '2015-02-12',
          attendees: [],
          problemIds: [],
          summary: 'x',
        },
      },
      3,
    );
    expect(leaf.data).not.toHaveProperty('summary');
  });

  it('serves the stored entry with the summary of the language asked, and the same leaf hash', () => {
    const leaf = historyLeafOf(
      { ...base, type: 'MesaLaunched', streamId: 'mesa-m1', data: { mesaId: 'm1' } },
      0,
    );
    const doc = {
      ...leaf,
      summaries: { es: 'Se lanzó', en: 'Launched' },
      leafHash: leafHashOf(leaf),
    };
    const es = toHistoryEntry(doc);
    const en = toHistoryEntry(doc, 'en');
    expect(es.summary).toBe('Se lanzó');
    expect(en.summary).toBe('Launched');
    expect(es).not.toHaveProperty('summaries');
    expect(historyLeafHash(es)).toBe(doc.leafHash);
    expect(historyLeafHash(en)).toBe(doc.leafHash);
  });

  it('keys entries so that key order is index order', () => {
    const keys = [0, 9, 10, 99, 100, 123456789].map(entryKey);
    expect([...keys].sort()).toEqual(keys);
    expect(() => entryKey(-1)).toThrow(RangeError);
    expect(() => entryKey(1.5)).toThrow(RangeError);
  });

  describe('the stored text of an entry', () => {
    const leaf = historyLeafOf(
      {
        ...base,
        type: 'ProblemFiltered',
        streamId: 'problem-p1',
        sessionId: 's1',
        data: { problemId: 'p1', mesaId: 'm1', reason: 'sin "fondos"\n', decision: 'rejected' },
      },
      3,
    );
    const summaries = { es: 'Se filtró «p1»', en: 'p1 filtered' };

    it('is the leaf as hashed, then the summaries and the leaf hash', () => {
      const text = checkedLeafText(leaf);
      const leafHash = leafHashOfText(text);
      expect(text).toBe(canonicalize(leaf));
      expect(leafHash).toBe(historyLeafHash(leaf));
      const json = entryJson(text, summaries, leafHash);
      expect(json.startsWith(text.slice(0, -1))).toBe(true);
      expect(JSON.parse(json)).toEqual({ ...leaf, summaries, leafHash });
    });

    it("is served with the API's member order, whichever order the store kept", () => {
      const text = checkedLeafText(leaf);
      const leafHash = leafHashOfText(text);
      const asStored = JSON.parse(entryJson(text, summaries, leafHash));
      const asBuilt = { ...leaf, summaries, leafHash };
      const served = toHistoryEntry(asStored, 'en');
      expect(served).toEqual(toHistoryEntry(asBuilt, 'en'));
      // `data` is served as kept: canonical order, for entries stored as their leaf's text
      expect(Object.keys(served.data)).toEqual(['decision', 'mesaId', 'problemId', 'reason']);
      expect(Object.keys(served)).toEqual([
        'index',
        'eventId',
        'type',
        'mesaId',
        'problemId',
        'sessionId',
        'occurredAt',
        'recordedAt',
        'data',
        'summary',
        'leafHash',
      ]);
    });
  });
});
