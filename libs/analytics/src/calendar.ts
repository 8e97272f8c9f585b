/**
 * Calendar arithmetic on plain `YYYY-MM-DD` dates and ISO-8601 instants. Dates are treated as
 * day numbers (days since 1970-01-01), so no clock and no local time zone is ever consulted.
 */

export const MS_PER_DAY = 86_400_000;

/** America/Lima is UTC−05:00 all year (no daylight saving since 1994). */
export const LIMA_UTC_OFFSET_MINUTES = -300;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Day number of a `YYYY-MM-DD` date; throws RangeError for anything else (e.g. `2024-02-30`). */
export function dayNumber(date: string, field = 'date'): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    if (
      check.getUTCFullYear() === year &&
      check.getUTCMonth() === month - 1 &&
      check.getUTCDate() === day
    ) {
      return ms / MS_PER_DAY;
    }
  }
  throw new RangeError(`${field} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Epoch milliseconds of an ISO-8601 instant (a bare date means UTC midnight); throws RangeError. */
export function instantMs(iso: string, field = 'instant'): number {
  const ms = INSTANT_PATTERN.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`${field} must be an ISO-8601 instant, got ${JSON.stringify(iso)}`);
  }
  return ms;
}

/** The calendar day number on which an instant falls at a fixed UTC offset. */
export function localDayNumber(ms: number, utcOffsetMinutes: number): number {
  return Math.floor((ms + utcOffsetMinutes * 60_000) / MS_PER_DAY);
}

/** Fractional days from `fromMs` to `toMs`. */
export function daysBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MS_PER_DAY;
}
