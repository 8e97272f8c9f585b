import { createHash } from 'node:crypto';
import { CanonicalJsonError } from './jcs';
import { historyLeafBytes, historyLeafHash } from './history-leaf';

const entry = {
  index: 0,
  eventId: 'ev-1',
  type: 'ProblemRaised',
  mesaId: 'mesa-1',
  problemId: 'p-1',
  occurredAt: '2024-05-01T10:00:00.000Z',
  recordedAt: '2024-05-01T10:00:01.000Z',
  summary: 'Se planteó el problema «Permisos»',
  data: { title: 'Permisos', barrier: 'red_tape', ratio: 0.5 },
  leafHash: 'ff'.repeat(32),
};

describe('historyLeafBytes / historyLeafHash', () => {
  it('is the JCS text of the entry without summary and leafHash, hashed as an RFC 9162 leaf', () => {
    const expected =
      '{"data":{"barrier":"red_tape","ratio":0.5,"title":"Permisos"},"eventId":"ev-1","index":0,' +
      '"mesaId":"mesa-1","occurredAt":"2024-05-01T10:00:00.000Z","problemId":"p-1",' +
      '"recordedAt":"2024-05-01T10:00:01.000Z","type":"ProblemRaised"}';
    expect(historyLeafBytes(entry).toString('utf8')).toBe(expected);
    const independent = createHash('sha256')
      .update(Buffer.from([0]))
      .update(expected)
      .digest('hex');
    expect(historyLeafHash(entry)).toBe(independent);
  });

  it('ignores the language of the summary and member order, but not the data', () => {
    const { summary: _summary, ...rest } = entry;
    const reordered = {
      summary: 'Problem raised',
      ...Object.fromEntries(Object.entries(rest).reverse()),
    };
    expect(historyLeafHash(reordered)).toBe(historyLeafHash(entry));
    expect(historyLeafHash({ ...entry, data: { ...entry.data, ratio: 0.25 } })).not.toBe(
      historyLeafHash(entry),
    );
    expect(historyLeafHash({ ...entry, index: 1 })).not.toBe(historyLeafHash(entry));
  });

  it('does not touch the entry, and refuses an optional member that is undefined', () => {
    historyLeafBytes(entry);
    expect(entry.summary).toBeDefined();
    expect(entry.leafHash).toBe('ff'.repeat(32));
    expect(() => historyLeafHash({ ...entry, problemId: undefined })).toThrow(CanonicalJsonError);
    const { problemId: _p, ...withoutProblem } = entry;
    expect(historyLeafBytes(withoutProblem).toString()).not.toContain('problemId');
  });
});
