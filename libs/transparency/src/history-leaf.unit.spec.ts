import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { CanonicalJsonError, JsonValue, canonicalize } from './jcs';
import type { HistoryLeaf } from './public-history-leaf';
import {
  historyLeafBytes,
  historyLeafCanonicalText,
  historyLeafHash,
  historyLeafTextAndHash,
} from './history-leaf';
import { leafHash, nodeHash } from './merkle';
import { referenceCanonicalize } from './testing/reference-jcs';

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

/** Leaves of the given texts, indexes and data, their optional members present or not. */
function leafOf<D>(text: fc.Arbitrary<string>, index: fc.Arbitrary<number>, data: fc.Arbitrary<D>) {
  return fc.record(
    {
      index,
      eventId: text,
      type: text,
      mesaId: fc.option(text, { nil: null }),
      problemId: text,
      sessionId: text,
      occurredAt: text,
      recordedAt: text,
      data,
    },
    { requiredKeys: ['index', 'eventId', 'type', 'mesaId', 'occurredAt', 'recordedAt', 'data'] },
  );
}

describe('historyLeafTextAndHash', () => {
  const sha = (...parts: Buffer[]) =>
    createHash('sha256').update(Buffer.concat(parts)).digest('hex');
  // texts of every width in UTF-8 (1 to 4 bytes), escapes, controls and line separators
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('', 'Año «ñandú» €', '\u{1F600}x', '\u0000\n\t"\\', '\u2028\u007f', 'ｅｍｅ'),
  );
  const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
  const leaf = leafOf(
    text,
    fc.nat(),
    fc.dictionary(text, fc.oneof(text, number, fc.boolean(), fc.constant(null)), { maxKeys: 8 }),
  );

  it('is the text and hash historyLeafBytes and historyLeafHash give, for any leaf', () => {
    fc.assert(
      fc.property(leaf, (value) => {
        const { text: canonical, leafHash: hash } = historyLeafTextAndHash(value);
        expect(canonical).toBe(referenceCanonicalize(value));
        expect(Buffer.from(canonical, 'utf8')).toEqual(historyLeafBytes(value));
        expect(hash).toBe(historyLeafHash(value));
        expect(hash).toBe(sha(Buffer.from([0]), Buffer.from(canonical, 'utf8')));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses an entry (what is outside the leaf would be hashed)', () => {
    expect(() => historyLeafTextAndHash(entry)).toThrow(TypeError);
    expect(() => historyLeafTextAndHash({ ...entry, summary: undefined })).toThrow(TypeError);
  });

  it('leaves the leaf and node hashes those of RFC 9162 over the bytes', () => {
    const bytes = Buffer.from('{"a":"\u{1F600}ñ"}', 'utf8');
    expect(leafHash(bytes)).toBe(sha(Buffer.from([0]), bytes));
    const [l, r] = ['ab'.repeat(32), '0f'.repeat(32)];
    expect(nodeHash(l, r)).toBe(
      sha(Buffer.from([1]), Buffer.from(l, 'hex'), Buffer.from(r, 'hex')),
    );
    expect(() => nodeHash(l.toUpperCase(), r)).toThrow(TypeError);
    expect(() => nodeHash(l, r.slice(1))).toThrow(TypeError);
  });
});

describe('historyLeafCanonicalText', () => {
  /** the text, or the error's message: both writers must agree on either */
  const outcome = (write: () => string): string => {
    try {
      return write();
    } catch (error) {
      return `error: ${(error as Error).message}`;
    }
  };
  // strings of any code units, lone surrogates and controls included
  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const leaf = leafOf(
    text,
    fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
    fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  );

  it('writes the text canonicalize writes, or refuses as it does', () => {
    fc.assert(
      fc.property(leaf, (l) => {
        const value = l as unknown as HistoryLeaf;
        expect(outcome(() => historyLeafCanonicalText(value))).toBe(
          outcome(() => canonicalize(value as unknown as JsonValue)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('is the reference canonicalization of a plain leaf', () => {
    const { summary: _s, leafHash: _h, ...plain } = entry;
    expect(historyLeafCanonicalText(plain)).toBe(referenceCanonicalize(plain));
  });
});
