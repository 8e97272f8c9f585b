import fc from 'fast-check';
import { CanonicalJsonError, JsonValue, canonicalBytes, canonicalize } from './jcs';
import { referenceCanonicalize } from './testing/reference-jcs';

const fromJson = (text: string): JsonValue => JSON.parse(text) as JsonValue;
const bitsToDouble = (hex: string): number => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalize (RFC 8785)', () => {
  // RFC 8785 Appendix B, "Number Serialization Samples": IEEE 754 bit pattern → JCS text.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the double 0x%s as %s (Appendix B)', (bits, text) => {
    expect(canonicalize(bitsToDouble(bits))).toBe(text);
    expect(canonicalize([bitsToDouble(bits)])).toBe(`[${text}]`);
  });

  // Appendix B's two rows with no JSON form: NaN and Infinity must be errors.
  it.each(['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'])(
    'rejects the non-finite double 0x%s',
    (bits) => {
      expect(() => canonicalize(bitsToDouble(bits))).toThrow(CanonicalJsonError);
      expect(() => canonicalize({ a: [1, bitsToDouble(bits)] })).toThrow(/\$\.a\[1\].*finite/);
    },
  );

  it('reproduces the RFC 8785 §3.2.2 example and its §3.2.4 UTF-8 bytes', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalize(fromJson(input))).toBe(expected);
    // §3.2.4: the same output as UTF-8, byte for byte.
    const rfcBytes = `
      7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
      75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
      5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
      65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
      5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
      30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`.replace(/\s+/g, '');
    expect(canonicalBytes(fromJson(input)).toString('hex')).toBe(rfcBytes);
  });

  it('orders members by UTF-16 code units as in RFC 8785 §3.2.3', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const text = canonicalize(fromJson(input));
    const order = [
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face', // U+1F600 is D83D DE00: after U+20AC, before U+FB33 (not code point order)
      'Hebrew Letter Dalet With Dagesh',
    ].map((value) => text.indexOf(`"${value}"`));
    expect(order.every((at, i) => at > (i === 0 ? 0 : order[i - 1]))).toBe(true);
    expect(canonicalize(fromJson(input))).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // cyberphone/json-canonicalization testdata/input/*.json → testdata/output/*.json
  // (the RFC author's reference test data).
  it.each([
    [
      'weird',
      String.raw`{
  "\u20ac": "Euro Sign",
  "1": "One",
  "\u0080": "Control\u007f",
  "\ud83d\ude02": "Smiley",
  "\u00f6": "Latin Small Letter O With Diaeresis",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "</script>": "Browser Challenge"
}`,
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    [
      'values',
      String.raw`{
  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],
  "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`,
      String.raw`{"escaping":"€$\u000f\nA'B\"\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}`,
    ],
    [
      'structures',
      String.raw`{
  "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
  "10": { },
  "": "empty",
  "a": { },
  "111": [ { } ],
  "A": { }
}`,
      String.raw`{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}`,
    ],
    [
      'unicode (no normalisation)',
      String.raw`{"Unnormalized Unicode":"\u1e0d\u0307"}`,
      '{"Unnormalized Unicode":"\u1e0d\u0307"}',
    ],
    [
      'french (no locale)',
      '{"peach":"This sorting order","p\u00e9ch\u00e9":"is wrong according to French",' +
        '"p\u00eache":"but canonicalization MUST","sin":"ingnore locale"}',
      '{"peach":"This sorting order","p\u00e9ch\u00e9":"is wrong according to French",' +
        '"p\u00eache":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
  ])('matches the reference output for %s', (_name, input, output) => {
    expect(canonicalize(fromJson(input))).toBe(output);
  });

  it('escapes exactly the C0 controls, quote and backslash, with the short forms where they exist', () => {
    const all = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
    expect(canonicalize(all)).toBe(
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
        '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
    );
    // Emitted as themselves: DEL, C1 controls, the JS line separators, '/', HTML specials.
    expect(canonicalize("\u007f\u0085\u2028\u2029/<>&'")).toBe('"\u007f\u0085\u2028\u2029/<>&\'"');
    expect(canonicalize('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('rejects lone surrogates, which have no UTF-8 form', () => {
    expect(() => canonicalize('\ud83d')).toThrow(/lone surrogate/);
    expect(() => canonicalize('x\ude00y')).toThrow(/lone surrogate/);
    expect(() => canonicalize({ ['\udbff']: 1 })).toThrow(CanonicalJsonError);
    expect(canonicalize('\udbff\udfff')).toBe('"\udbff\udfff"');
  });

  it('is independent of insertion order but keeps array order', () => {
    expect(canonicalize({ b: 1, a: { d: [3, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,1]},"b":1}',
    );
    expect(canonicalize({ a: { c: null, d: [3, 1] }, b: 1 })).toBe(
      '{"a":{"c":null,"d":[3,1]},"b":1}',
    );
    expect(canonicalize([2, 1])).not.toBe(canonicalize([1, 2]));
  });

  it('serialises -0 as 0 and accepts null-prototype objects', () => {
    expect(canonicalize(-0)).toBe('0');
    const bare = Object.create(null) as Record<string, JsonValue>;
    bare.z = true;
    bare.a = 'x';
    expect(canonicalize(bare)).toBe('{"a":"x","z":true}');
  });

  describe('rejects what JSON cannot say, naming where', () => {
    const bad = (value: unknown): JsonValue => value as JsonValue;
    it.each<[string, unknown, RegExp]>([
      ['undefined', undefined, /\$: undefined/],
      ['an undefined member', { a: 1, b: undefined }, /\$\.b: undefined/],
      ['a function', { f: () => 1 }, /\$\.f: function/],
      ['a symbol', [Symbol('s')], /\$\[0\]: symbol/],
      ['a bigint', { n: BigInt(1) }, /\$\.n: bigint/],
      ['NaN', { n: Number.NaN }, /\$\.n: NaN/],
      ['Infinity', [Number.POSITIVE_INFINITY], /Infinity is not a finite number/],
      ['a Date', { at: new Date(0) }, /\$\.at: Date object/],
      ['a Map', new Map(), /Map object/],
      ['a Buffer', { b: Buffer.from('x') }, /Buffer object/],
      // eslint-disable-next-line no-sparse-arrays
      ['a sparse array', [1, , 3], /\$\[1\]: sparse/],
    ])('%s', (_what, value, message) => {
      expect(() => canonicalize(bad(value))).toThrow(CanonicalJsonError);
      expect(() => canonicalize(bad(value))).toThrow(message);
    });

    it('a cycle', () => {
      const a: Record<string, unknown> = {};
      a.self = { back: a };
      expect(() => canonicalize(bad(a))).toThrow(/\$\.self\.back: cyclic/);
    });

    it('but not a shared, acyclic subvalue', () => {
      const shared = { x: 1 };
      expect(canonicalize({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    });
  });

  describe('gives what the code-unit-by-code-unit reference gives', () => {
    /** The text, or the error's message: both must be the reference's. */
    const outcome = (canonical: (v: JsonValue) => string, value: unknown): string => {
      try {
        return `ok ${canonical(value as JsonValue)}`;
      } catch (error) {
        if (!(error instanceof CanonicalJsonError)) throw error;
        return `error ${error.message}`;
      }
    };
    const same = (value: unknown): void =>
      expect(outcome(canonicalize, value)).toBe(outcome(referenceCanonicalize, value));

    // every code unit class the fast path skips or not: controls, quote, backslash, DEL, C1,
    // U+2028/9, BMP letters, well-formed pairs, lone and reversed surrogates
    const units = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xffff }),
      fc.constantFrom(0x22, 0x5c, 0x7f, 0x2028, 0x2029, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfeff),
    );
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.array(units, { maxLength: 12 }).map((u) => String.fromCharCode(...u)),
    );
    const number = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.constantFrom(-0, 1e21, 1e-7, 5e-324, 2 ** 53, -(2 ** 53), 0.1 + 0.2, 1e300 * 10),
    );
    const value = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        number,
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom(undefined, BigInt(1), new Date(0)),
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(text, tie('value'), { maxKeys: 6 }),
      ),
    })).value;

    it('for any value, valid or not', () => {
      fc.assert(fc.property(value, same), { numRuns: 3000 });
    });

    it('for the edge cases of strings and numbers', () => {
      for (const s of ['', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud83d\ude00'])
        for (const v of [s, `a${s}b`, { [s]: s }, [s, s]]) same(v);
      for (const s of ['\ud83d', '\ude00', 'x\ud83dy', '\ude00\ud83d', '\ud83d\ud83d\ude00'])
        for (const v of [s, { k: [1, s] }, { [s]: 1 }]) same(v);
      for (const n of [0, -0, 1.5, -1e-7, 1e21, 1e-324, Number.MAX_VALUE, NaN, -Infinity])
        for (const v of [n, [n], { n }]) same(v);
    });
  });
});
