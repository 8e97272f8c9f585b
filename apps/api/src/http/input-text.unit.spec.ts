import { canonicalize } from '@mesas/transparency';
import fc from 'fast-check';
import { codePoints, printableName, textProblem, unicodeProblem } from './input-text';

describe('the text the API takes', () => {
  it.each([
    ['a lone high surrogate', 'a\ud800b', /lone surrogate U\+D800 at offset 1/],
    ['a lone low surrogate', '\udc00', /lone surrogate U\+DC00 at offset 0/],
    ['a high surrogate at the end', 'ab\udbff', /lone surrogate U\+DBFF at offset 2/],
    ['two high surrogates', '\ud800\ud800\udc00', /lone surrogate U\+D800 at offset 0/],
  ])('%s is not well-formed', (_what, text, message) => {
    expect(unicodeProblem(text)).toMatch(message);
    expect(textProblem(text, 'text', 4000)).toMatch(message);
  });

  it('a surrogate pair, accents and U+2028 are text', () => {
    for (const text of ['Mesa 🌳 forestal', 'Ñandú', 'a\u2028b', 'ﬁ\ufeff']) {
      expect(unicodeProblem(text)).toBeNull();
      expect(textProblem(text, 'line', 200)).toBeNull();
    }
  });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['ESC', '\u001b[31mred', 'U+001B'],
    ['DEL', 'a\u007f', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
  ])('%s is refused in free text and in a line', (_what, text, code) => {
    expect(textProblem(text, 'text', 4000)).toContain(code);
    expect(textProblem(text, 'line', 200)).toContain(code);
  });

  it('tab, LF and CR are free text, but not a line', () => {
    const text = 'uno\tdos\r\ntres\n';
    expect(textProblem(text, 'text', 4000)).toBeNull();
    expect(textProblem(text, 'line', 200)).toMatch(/single line.*U\+0009 at offset 3/);
  });

  it('blank text is refused', () => {
    expect(textProblem('', 'text', 10)).toMatch(/empty or blank/);
    expect(textProblem(' \n\t ', 'text', 10)).toMatch(/empty or blank/);
  });

  it('lengths count code points: an astral character is one', () => {
    expect(codePoints('🌳'.repeat(200))).toBe(200);
    expect(textProblem('🌳'.repeat(200), 'line', 200)).toBeNull();
    expect(textProblem('🌳'.repeat(201), 'line', 200)).toBe(
      'must be at most 200 characters (it has 201)',
    );
    // variation selectors count too (class-validator's length does not count them)
    expect(textProblem('a\ufe0f'.repeat(101), 'line', 200)).toMatch(/at most 200/);
  });

  it('property names are printed escaped, never raw', () => {
    expect(printableName('title')).toBe('title');
    expect(printableName('x\ud800')).toBe('"x\\ud800"');
    expect(printableName('a b')).toBe('"a b"');
  });

  it('whatever passes as text canonicalises (RFC 8785) in at most 4 bytes per code point', () => {
    // fixed seed: a failure reproduces with the same inputs
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        if (textProblem(text, 'text', 4000) !== null) return;
        const bytes = Buffer.byteLength(canonicalize(text), 'utf8');
        expect(bytes).toBeLessThanOrEqual(2 + 4 * codePoints(text));
      }),
      { seed: 8785, numRuns: 2000 },
    );
  });

  it('whatever is not well-formed is refused, whatever else it holds', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 50 }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        fc.string({ unit: 'binary', maxLength: 50 }),
        (before, surrogate, after) => {
          const lone = String.fromCharCode(surrogate);
          // a lone surrogate stays lone unless a neighbour completes the pair
          const text = `${before}x${lone}x${after}`;
          expect(textProblem(text, 'text', 4000)).toMatch(/lone surrogate/);
          expect(() => canonicalize(text)).toThrow(/lone surrogate/);
        },
      ),
      { seed: 65535, numRuns: 500 },
    );
  });
});
