/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF (the last one too), a field
 * quoted — with inner quotes doubled — only when it holds a comma, a double quote, CR or LF.
 * null is the empty field; booleans as true/false. The first record is the header.
 *
 * Made to be opened in a spreadsheet as well as parsed:
 * - numbers are rounded: days to 3 decimals by each table (`csvDays`), any other fraction to 4
 *   here (no `10.520833333333334`); integers are written as they are;
 * - a text cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab
 *   or CR) is prefixed with `'`, so user-entered text (titles, entity names, reasons) shows as
 *   text and runs nothing. Numbers are never prefixed: `-2` stays a number.
 * The byte-order mark that makes spreadsheets read UTF-8 is added by the HTTP layer, which owns
 * the download, not here.
 */
import { CadenceResult } from './cadence';
import { EscalationsResult } from './escalations';
import { KaplanMeierResult, SurvivalPoint } from './kaplan-meier';
import { roundTo } from './rounding';
import { ScreeningResult } from './screening';
import { TaskDeliveryResult } from './task-delivery';
import { TimeToResolutionResult } from './time-to-resolution';
import { WhoseMoveResult } from './whose-move';

export type CsvValue = string | number | boolean | null;

const CRLF = '\r\n';
/** decimals of any non-integer number in a CSV cell */
const CSV_DECIMALS = 4;
/** decimals of a number of days */
const DAY_DECIMALS = 3;
/** what a spreadsheet may take for the start of a formula */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A number of days as published in CSV (3 decimals); null stays null. */
export function csvDays(days: number | null): number | null {
  return days === null ? null : roundTo(days, DAY_DECIMALS);
}

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
    return String(Number.isInteger(value) ? value : roundTo(value, CSV_DECIMALS));
  }
  const raw = String(value);
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new RangeError(`a CSV row has ${row.length} fields, the header ${header.length}`);
    }
  }
  return [header, ...rows].map((record) => record.map(csvField).join(',') + CRLF).join('');
}

/** key,day,survival — one row per curve point of each keyed curve (the step curve to draw). */
export function survivalCurveCsv(
  curves: readonly { readonly key: string; readonly curve: readonly SurvivalPoint[] }[],
): string {
  return toCsv(
    ['key', 'day', 'survival'],
    curves.flatMap(({ key, curve }) => curve.map((p) => [key, csvDays(p.day), p.survival])),
  );
}

/**
 * key,time,atRisk,events,censored,survival,stdErr,lower,upper — the at-risk table, one row per
 * event time of each group (see AtRiskRow; lower/upper are the log-log 95% band).
 */
export function survivalTableCsv(
  groups: readonly { readonly key: string; readonly km: KaplanMeierResult }[],
): string {
  return toCsv(
    ['key', 'time', 'atRisk', 'events', 'censored', 'survival', 'stdErr', 'lower', 'upper'],
    groups.flatMap(({ key, km }) =>
      km.table.map((r) => [
        key,
        csvDays(r.time),
        r.atRisk,
        r.events,
        r.censored,
        r.survival,
        r.stdErr,
        r.lower,
        r.upper,
      ]),
    ),
  );
}

/** asOf,key,n,resolved,censored,medianDays,p25Days,p75Days,medianCiLower,medianCiUpper — one row per group. */
export function timeToResolutionSummaryCsv(result: TimeToResolutionResult): string {
  return toCsv(
    [
      'asOf',
      'key',
      'n',
      'resolved',
      'censored',
      'medianDays',
      'p25Days',
      'p75Days',
      'medianCiLower',
      'medianCiUpper',
    ],
    result.groups.map((g) => [
      result.asOf,
      g.key,
      g.n,
      g.resolved,
      g.censored,
      csvDays(g.medianDays),
      csvDays(g.p25Days),
      csvDays(g.p75Days),
      csvDays(g.medianCi.lower),
      csvDays(g.medianCi.upper),
    ]),
  );
}

/** key,day,survival — each group's curve. */
export function timeToResolutionCurveCsv(result: TimeToResolutionResult): string {
  return survivalCurveCsv(result.groups);
}

/** from,to,sessions,days,perMonth,longestGapDays — one row. */
export function cadenceSummaryCsv(result: CadenceResult): string {
  return toCsv(
    ['from', 'to', 'sessions', 'days', 'perMonth', 'longestGapDays'],
    [
      [
        result.from,
        result.to,
        result.sessions,
        result.days,
        result.perMonth,
        result.longestGapDays,
      ],
    ],
  );
}

/** month,sessions,days — one row per calendar month of the window (days = days inside the window). */
export function cadenceMonthsCsv(result: CadenceResult): string {
  return toCsv(
    ['month', 'sessions', 'days'],
    result.months.map((m) => [m.month, m.sessions, m.days]),
  );
}

/**
 * asOfDate,key,assigned,open,done,doneOnTime,doneLate,doneOnOriginalTime,cancelled,overdueNow,
 * medianDaysLate — one row per group.
 */
export function taskDeliveryCsv(result: TaskDeliveryResult): string {
  return toCsv(
    [
      'asOfDate',
      'key',
      'assigned',
      'open',
      'done',
      'doneOnTime',
      'doneLate',
      'doneOnOriginalTime',
      'cancelled',
      'overdueNow',
      'medianDaysLate',
    ],
    result.groups.map((g) => [
      result.asOfDate,
      g.key,
      g.assigned,
      g.open,
      g.done,
      g.doneOnTime,
      g.doneLate,
      g.doneOnOriginalTime,
      g.cancelled,
      g.overdueNow,
      csvDays(g.medianDaysLate),
    ]),
  );
}

/**
 * asOf,count,decided,pending,problems,escalatedProblems,shareEscalated,decisionMedianDays,
 * decisionMedianCiLower,decisionMedianCiUpper,decisionMedianDaysAmongDecided,
 * resolutionMedianDaysEscalated,resolutionMedianDaysNotEscalated — one row.
 */
export function escalationsSummaryCsv(result: EscalationsResult): string {
  const d = result.timeToDecision;
  return toCsv(
    [
      'asOf',
      'count',
      'decided',
      'pending',
      'problems',
      'escalatedProblems',
      'shareEscalated',
      'decisionMedianDays',
      'decisionMedianCiLower',
      'decisionMedianCiUpper',
      'decisionMedianDaysAmongDecided',
      'resolutionMedianDaysEscalated',
      'resolutionMedianDaysNotEscalated',
    ],
    [
      [
        result.asOf,
        result.count,
        result.decided,
        result.pending,
        result.problems,
        result.escalatedProblems,
        result.shareEscalated,
        csvDays(d.medianDays),
        csvDays(d.medianCi.lower),
        csvDays(d.medianCi.upper),
        csvDays(d.medianDaysAmongDecided),
        csvDays(result.timeToResolution.escalated.medianDays),
        csvDays(result.timeToResolution.notEscalated.medianDays),
      ],
    ],
  );
}

/** key,day,survival with keys decision, resolution_escalated, resolution_not_escalated. */
export function escalationsCurveCsv(result: EscalationsResult): string {
  return survivalCurveCsv([
    { key: 'decision', curve: result.timeToDecision.curve },
    { key: 'resolution_escalated', curve: result.timeToResolution.escalated.curve },
    { key: 'resolution_not_escalated', curve: result.timeToResolution.notEscalated.curve },
  ]);
}

/** asOf,court,days,share,problems — one row per court, as in the JSON `groups`. */
export function whoseMoveGroupsCsv(result: WhoseMoveResult): string {
  return toCsv(
    ['asOf', 'court', 'days', 'share', 'problems'],
    result.groups.map((g) => [result.asOf, g.court, csvDays(g.days), g.share, g.problems]),
  );
}

/** asOf,problemId,court,days — one row per problem and court it spent time in. */
export function whoseMoveProblemsCsv(result: WhoseMoveResult): string {
  return toCsv(
    ['asOf', 'problemId', 'court', 'days'],
    result.problems.flatMap((p) =>
      Object.entries(p.courts).map(([court, days]) => [
        result.asOf,
        p.problemId,
        court,
        csvDays(days),
      ]),
    ),
  );
}

/** groupBy,key,raised,accepted,rejected,pending,rejectedShare — one row per key. */
export function screeningCsv(result: ScreeningResult): string {
  return toCsv(
    ['groupBy', 'key', 'raised', 'accepted', 'rejected', 'pending', 'rejectedShare'],
    result.groups.map((g) => [
      result.groupBy,
      g.key,
      g.raised,
      g.accepted,
      g.rejected,
      g.pending,
      g.rejectedShare,
    ]),
  );
}

/** groupBy,key,reason,n — one row per rejection reason of each key. */
export function screeningReasonsCsv(result: ScreeningResult): string {
  return toCsv(
    ['groupBy', 'key', 'reason', 'n'],
    result.groups.flatMap((g) => g.reasons.map((r) => [result.groupBy, g.key, r.reason, r.n])),
  );
}
