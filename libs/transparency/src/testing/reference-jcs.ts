/**
 * The straightforward RFC 8785 canonicalization jcs.ts started from: every member carries its
 * path, strings are scanned code unit by code unit. Kept only as the reference the faster
 * jcs.ts is checked against, output for output and error for error (jcs.unit.spec.ts).
 */
import { CanonicalJsonError, type JsonValue } from '../jcs';

export function referenceCanonicalize(value: JsonValue): string {
  const out: string[] = [];
  write(value as unknown, '$', out, new Set<object>());
  return out.join('');
}

function write(value: unknown, path: string, out: string[], ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      out.push(quote(value, path));
      return;
    case 'number':
      out.push(serializeNumber(value, path));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'object':
      if (value === null) {
        out.push('null');
        return;
      }
      if (ancestors.has(value)) throw new CanonicalJsonError(path, 'cyclic structure');
      ancestors.add(value);
      if (Array.isArray(value)) writeArray(value, path, out, ancestors);
      else writeObject(value, path, out, ancestors);
      ancestors.delete(value);
      return;
    default:
      // undefined, function, symbol, bigint: JSON has no such value, and JSON.stringify's habit of
      // dropping or nulling them silently would change what gets hashed.
      throw new CanonicalJsonError(path, `${typeof value} is not a JSON value`);
  }
}

function writeArray(
  array: readonly unknown[],
  path: string,
  out: string[],
  ancestors: Set<object>,
) {
  out.push('[');
  for (let i = 0; i < array.length; i++) {
    if (!(i in array)) throw new CanonicalJsonError(`${path}[${i}]`, 'sparse array (hole)');
    if (i > 0) out.push(',');
    write(array[i], `${path}[${i}]`, out, ancestors);
  }
  out.push(']');
}

function writeObject(object: object, path: string, out: string[], ancestors: Set<object>) {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
    throw new CanonicalJsonError(
      path,
      `${typeof name === 'string' ? name : 'non-plain'} object is not a JSON object`,
    );
  }
  const record = object as Readonly<Record<string, unknown>>;
  // Default relational comparison of JS strings is by UTF-16 code units: exactly RFC 8785 §3.2.3.
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  out.push('{');
  keys.forEach((key, i) => {
    const memberPath = `${path}.${key}`;
    if (i > 0) out.push(',');
    out.push(quote(key, memberPath), ':');
    write(record[key], memberPath, out, ancestors);
  });
  out.push('}');
}

/**
 * RFC 8785 §3.2.2.3: the ECMAScript Number-to-String algorithm (ECMA-262 Number::toString),
 * which is what String(number) implements. -0 serialises as "0"; NaN and ±Infinity have no
 * JSON form.
 */
function serializeNumber(value: number, path: string): string {
  if (!Number.isFinite(value))
    throw new CanonicalJsonError(path, `${value} is not a finite number`);
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

/**
 * RFC 8785 §3.2.2.2: only '"', '\' and U+0000..U+001F are escaped (the five with a short form
 * use it, the rest \u00hh in lowercase); every other code point, including U+007F, U+2028 and
 * non-BMP characters, is emitted as itself. Strings must be valid Unicode: a lone surrogate
 * has no UTF-8 encoding, so it is an error.
 */
function quote(text: string, path: string): string {
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
      throw new CanonicalJsonError(path, `lone surrogate U+${unit.toString(16)} at offset ${i}`);
    }
    if (unit >= 0x20 && unit !== 0x22 && unit !== 0x5c) continue;
    out += text.slice(runStart, i);
    out += SHORT_ESCAPES[unit] ?? `\\u${unit.toString(16).padStart(4, '0')}`;
    runStart = i + 1;
  }
  return out + text.slice(runStart) + '"';
}
