const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads an ISO-8601 instant as UTC (`…Z`, millisecond precision), or null when it is not one.
 * Only the extended calendar form is taken (`2015-09-30`, `2015-09-30T15:00`, `…:00.5Z`,
 * `…-05:00`) and only days and times that exist: `Date.parse` would take "2015-02-30" as
 * March 2 and "2015-02-10junk" as a date, and class-validator's `isISO8601` passes week and
 * ordinal dates that `Date` cannot read. A date alone is its midnight UTC; a date-time without
 * an offset is read as UTC, so that nothing depends on the server's time zone. The request
 * validation and the code that uses the value call this same function, so they cannot disagree.
 */
export function toInstant(value: string): string | null {
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', offset = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps the year as written
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(Number(y), month, 0);
  if (month < 1 || month > 12 || day < 1 || day > lastDay.getUTCDate()) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const zone = offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) return null;
  const at = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${zone}`);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
