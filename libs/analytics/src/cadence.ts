import type { SessionType } from '@mesas/domain';
import { MS_PER_DAY, dateOfDayNumber, dayNumber } from './calendar';

export interface SessionRecord {
  readonly type: SessionType;
  /** YYYY-MM-DD */
  readonly heldOn: string;
}

/** Both ends inclusive, YYYY-MM-DD. */
export interface CadenceWindow {
  readonly from: string;
  readonly to: string;
}

export interface CadenceMonth {
  /** YYYY-MM */
  readonly month: string;
  /** regular sessions held in this month and inside the window */
  readonly sessions: number;
  /** days of this month inside the window (less than the month's length at a partial end) */
  readonly days: number;
}

/** `GET /analytics/cadence` publishes {sessions, days, perMonth, longestGapDays}. */
export interface CadenceResult {
  readonly from: string;
  readonly to: string;
  readonly sessions: number;
  readonly days: number;
  readonly perMonth: number;
  readonly longestGapDays: number | null;
  /** every calendar month the window touches, in order, zeros included */
  readonly months: readonly CadenceMonth[];
}

/** Average month length of the Gregorian calendar (365.2425 / 12), as docs/API.md fixes it. */
export const DAYS_PER_MONTH = 30.4375;

export function cadence(sessions: readonly SessionRecord[], window: CadenceWindow): CadenceResult {
  const { held, fromDay, toDay } = regularDaysIn(sessions, window);
  return { ...totalsOf(held, window, fromDay, toDay), months: monthSeries(held, fromDay, toDay) };
}

/** The cadence without its month series (what a table of every mesa shows). */
export type CadenceTotals = Omit<CadenceResult, 'months'>;

/** `cadence` without the month series, computed the same way. */
export function cadenceTotals(
  sessions: readonly SessionRecord[],
  window: CadenceWindow,
): CadenceTotals {
  const { held, fromDay, toDay } = regularDaysIn(sessions, window);
  return totalsOf(held, window, fromDay, toDay);
}

/** Day numbers of the regular sessions held inside the window, in order. */
function regularDaysIn(
  sessions: readonly SessionRecord[],
  window: CadenceWindow,
): { held: number[]; fromDay: number; toDay: number } {
  const fromDay = dayNumber(window.from, 'from');
  const toDay = dayNumber(window.to, 'to');
  if (toDay < fromDay) throw new RangeError(`from ${window.from} is after to ${window.to}`);

  const held = sessions
    .filter((s) => s.type === 'regular')
    .map((s) => dayNumber(s.heldOn, 'heldOn'))
    .filter((day) => day >= fromDay && day <= toDay)
    .sort((a, b) => a - b);
  return { held, fromDay, toDay };
}

function totalsOf(
  held: readonly number[],
  window: CadenceWindow,
  fromDay: number,
  toDay: number,
): CadenceTotals {
  let longestGapDays: number | null = null;
  for (let i = 1; i < held.length; i++) {
    const gap = held[i] - held[i - 1];
    if (longestGapDays === null || gap > longestGapDays) longestGapDays = gap;
  }

  const days = toDay - fromDay + 1;
  return {
    from: window.from,
    to: window.to,
    sessions: held.length,
    days,
    perMonth: held.length / (days / DAYS_PER_MONTH),
    longestGapDays,
  };
}

function monthSeries(held: readonly number[], fromDay: number, toDay: number): CadenceMonth[] {
  const counts = new Map<string, number>();
  for (const day of held) {
    const month = dateOfDayNumber(day).slice(0, 7);
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  const months: CadenceMonth[] = [];
  const first = dateOfDayNumber(fromDay);
  let year = Number(first.slice(0, 4));
  let monthIndex = Number(first.slice(5, 7)) - 1;
  for (;;) {
    const monthStart = Date.UTC(year, monthIndex, 1) / MS_PER_DAY;
    if (monthStart > toDay) break;
    const nextStart = Date.UTC(year, monthIndex + 1, 1) / MS_PER_DAY;
    const month = dateOfDayNumber(monthStart).slice(0, 7);
    months.push({
      month,
      sessions: counts.get(month) ?? 0,
      days: Math.min(nextStart - 1, toDay) - Math.max(monthStart, fromDay) + 1,
    });
    monthIndex++;
    if (monthIndex === 12) {
      monthIndex = 0;
      year++;
    }
  }
  return months;
}
