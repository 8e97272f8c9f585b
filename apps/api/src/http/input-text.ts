/**
 * What text the API takes: only what every later stage can keep, hash and show unchanged.
 *
 * - Well-formed Unicode. A lone surrogate (`"\ud800"` in JSON) has no UTF-8 form: RFC 8785
 *   cannot canonicalise it, so an event holding one could never become a history leaf, and the
 *   history projection would stop at it for good.
 * - No control characters but TAB, LF and CR in free text, and none at all in a single line
 *   (names, titles, codes). NUL cannot be stored in PostgreSQL text or jsonb; the other C0 and
 *   C1 controls (U+0000–U+001F, U+007F–U+009F) are invisible, mean nothing here and can forge
 *   lines in logs and CSV exports.
 * - Not blank, and at most a number of code points (`INPUT_LIMITS`).
 *
 * Messages name the field and say what and where (offset in UTF-16 units, the code point in
 * hex); they never echo the text itself, so a refusal cannot carry the bad input further.
 */
export type TextKind = 'line' | 'text';

/** The first lone surrogate of `value` as a sentence, or null when it is well-formed. */
export function unicodeProblem(value: string): string | null {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = i + 1 < value.length ? value.charCodeAt(i + 1) : -1;
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    return `is not well-formed Unicode (a lone surrogate ${hex(unit)} at offset ${i})`;
  }
  return null;
}

/** Why `value` is not acceptable text of this kind and length, or null. */
export function textProblem(value: string, kind: TextKind, max: number): string | null {
  const unicode = unicodeProblem(value);
  if (unicode) return unicode;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const control = unit < 0x20 || (unit >= 0x7f && unit <= 0x9f);
    if (!control) continue;
    const allowed = kind === 'text' && (unit === 0x09 || unit === 0x0a || unit === 0x0d);
    if (!allowed) {
      return kind === 'line'
        ? `must be a single line without control characters (${hex(unit)} at offset ${i})`
        : `must not contain control characters other than tab and line breaks (${hex(unit)} at offset ${i})`;
    }
  }
  if (value.trim().length === 0) return 'should not be empty or blank';
  const length = codePoints(value);
  if (length > max) return `must be at most ${max} characters (it has ${length})`;
  return null;
}

/** Code points of a well-formed string (a surrogate pair is one). */
export function codePoints(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * A property name as it may appear in a message: JSON-quoted (lone surrogates and controls
 * escaped), cut short.
 */
export function printableName(name: string): string {
  const quoted = JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
  return /^"[A-Za-z_$][\w$]*"$/.test(quoted) ? quoted.slice(1, -1) : quoted;
}

function hex(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}
