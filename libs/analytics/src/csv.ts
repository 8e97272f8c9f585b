/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF (the last one too), a field
 * quoted — with inner quotes doubled — only when it holds a comma, a double quote, CR or LF.
 * null is the empty field; numbers are written in full (JavaScript's shortest round-trip form);
 * booleans as true/false. The first record is the header. Values are written as they are: a
 * consumer opening user-entered text (entity names) in a spreadsheet must guard against formulas.
 */
import { CadenceResult } from './cadence';
import { EscalationsResult } from './escalations';
import { KaplanMeierResult, SurvivalPoint } from './kaplan-meier';
import { TaskDeliveryResult } from './task-delivery';
import { TimeToResolutionResult } from './time-to-resolution';

export type CsvValue = string | number | boolean | null;

const CRLF = '\r\n';

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
    return String(value);
  }
  const text = String(value);
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
    curves.flatMap(({ key, curve }) => curve.map((p) => [key, p.day, p.survival])),
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
        r.time,
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
      g.medianDays,
      g.p25Days,
      g.p75Days,
      g.medianCi.lower,
      g.medianCi.upper,
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
      g.medianDaysLate,
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
        d.medianDays,
        d.medianCi.lower,
        d.medianCi.upper,
        d.medianDaysAmongDecided,
        result.timeToResolution.escalated.medianDays,
        result.timeToResolution.notEscalated.medianDays,
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
