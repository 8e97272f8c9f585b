/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * The same value always yields the same text, byte for byte, on every platform that follows
 * the RFC: members sorted by the UTF-16 code units of their names, no whitespace, numbers as
 * ECMAScript serialises them, strings with the minimal JSON escaping. That text (as UTF-8) is
 * what the transparency log hashes, so anything that could make two writers disagree is
 * rejected with a CanonicalJsonError rather than guessed at: non-finite numbers, undefined,
 * functions, symbols, bigints, class instances, sparse arrays, cycles and lone surrogates.
 */

export type JsonPrimitive = null | boolean | number | string;
export type JsonArray = readonly JsonValue[];
export interface JsonObject {
  readonly [key: string]: JsonValue;
}
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot canonicalize ${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalize(value: JsonValue): string {
  try {
    return write(value as unknown, new Set<object>());
  } catch (error) {
    if (error instanceof Misplaced) throw new CanonicalJsonError(error.path(), error.reason);
    throw error;
  }
}

/** The canonical text as UTF-8, the exact bytes that get hashed or signed. */
/**
 * One string as RFC 8785 writes it (quoted, escaped), for writers of canonical text whose
 * members they know (historyLeafCanonicalText). Throws on a lone surrogate, without a path:
 * such a writer falls back to `canonicalize`, which says where.
 */
export function canonicalString(text: string): string {
  return quote(text);
}

export function canonicalBytes(value: JsonValue): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}

/**
 * An error found below the top: the members it sits under are added on the way back up, so a
 * value that canonicalizes (nearly all) never spends time building paths.
 */
class Misplaced {
  /** the members from the value outwards: ".b", "[1]"… */
  readonly segments: string[] = [];

  constructor(readonly reason: string) {}

  path(): string {
    return `$${this.segments.reverse().join('')}`;
  }
}

function write(value: unknown, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return serializeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (ancestors.has(value)) throw new Misplaced('cyclic structure');
      ancestors.add(value);
      const text = Array.isArray(value)
        ? writeArray(value, ancestors)
        : writeObject(value, ancestors);
      ancestors.delete(value);
      return text;
    }
    default:
      // undefined, function, symbol, bigint: JSON has no such value, and JSON.stringify's habit of
      // dropping or nulling them silently would change what gets hashed.
      throw new Misplaced(`${typeof value} is not a JSON value`);
  }
}

function writeArray(array: readonly unknown[], ancestors: Set<object>): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    try {
      if (!(i in array)) throw new Misplaced('sparse array (hole)');
      if (i > 0) out += ',';
      out += write(array[i], ancestors);
    } catch (error) {
      if (error instanceof Misplaced) error.segments.push(`[${i}]`);
      throw error;
    }
  }
  return out + ']';
}

function writeObject(object: object, ancestors: Set<object>): string {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
    throw new Misplaced(
      `${typeof name === 'string' ? name : 'non-plain'} object is not a JSON object`,
    );
  }
  const record = object as Readonly<Record<string, unknown>>;
  // Array.prototype.sort without a comparator orders strings by their UTF-16 code units:
  // exactly RFC 8785 §3.2.3 (the keys of Object.keys are all strings).
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    try {
      if (i > 0) out += ',';
      out += memberName(key);
      out += write(record[key], ancestors);
    } catch (error) {
      if (error instanceof Misplaced) error.segments.push(`.${key}`);
      throw error;
    }
  }
  return out + '}';
}

/**
 * RFC 8785 §3.2.2.3: the ECMAScript Number-to-String algorithm (ECMA-262 Number::toString),
 * which is what String(number) implements. -0 serialises as "0"; NaN and ±Infinity have no
 * JSON form.
 */
/**
 * Member names recur (every leaf has the same few, and events of a type the same data members):
 * each is quoted once, with its colon, and kept, up to a bound, since names come from the data.
 */
const MEMBER_NAMES = new Map<string, string>();
const MAX_MEMBER_NAMES = 4096;

function memberName(key: string): string {
  let text = MEMBER_NAMES.get(key);
  if (text === undefined) {
    text = `${quote(key)}:`;
    if (MEMBER_NAMES.size < MAX_MEMBER_NAMES) MEMBER_NAMES.set(key, text);
  }
  return text;
}

function serializeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Misplaced(`${value} is not a finite number`);
  return Object.is(value, -0) ? '0' : String(value);
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

/** A code unit that is escaped, or a surrogate (which must be checked for its pair). */
// eslint-disable-next-line no-control-regex -- the controls are exactly what it looks for
const NOT_PLAIN = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * RFC 8785 §3.2.2.2: only '"', '\' and U+0000..U+001F are escaped (the five with a short form
 * use it, the rest \u00hh in lowercase); every other code point, including U+007F, U+2028 and
 * non-BMP characters, is emitted as itself. Strings must be valid Unicode: a lone surrogate
 * has no UTF-8 encoding, so it is an error. A string with none of those code units (nearly all)
 * is emitted as it is.
 */
function quote(text: string): string {
  if (!NOT_PLAIN.test(text)) return `"${text}"`;
  let out = '"';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
      if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a well-formed pair, kept as is
        continue;
      }
      throw new Misplaced(`lone surrogate U+${unit.toString(16)} at offset ${i}`);
    }
    if (unit >= 0x20 && unit !== 0x22 && unit !== 0x5c) continue;
    out += text.slice(runStart, i);
    out += SHORT_ESCAPES[unit] ?? `\\u${unit.toString(16).padStart(4, '0')}`;
    runStart = i + 1;
  }
  return out + text.slice(runStart) + '"';
}
