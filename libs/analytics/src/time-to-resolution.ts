import { daysBetween, instantMs } from './calendar';
import { ALL_KEY, UNKNOWN_KEY, compareKeys } from './group-keys';
import {
  ConfidenceInterval,
  KaplanMeierResult,
  SurvivalObservation,
  SurvivalPoint,
  kaplanMeier,
} from './kaplan-meier';

/** One problem as the analytics projection knows it. */
export interface ProblemRecord {
  readonly problemId: string;
  readonly mesaId: string;
  readonly barrier: string;
  /** null while unclassified */
  readonly ownership: string | null;
  readonly rootCause: string | null;
  readonly escalated: boolean;
  /** occurredAt of ProblemRaised */
  readonly raisedAt: string;
  /** occurredAt of the latest ProblemResolved; null when the problem is open (incl. reopened) */
  readonly resolvedAt: string | null;
  readonly rejected: boolean;
}

/** What time-to-resolution may be grouped by (the `groupBy` query parameter). */
export const RESOLUTION_GROUP_BYS = [
  'barrier',
  'ownership',
  'rootCause',
  'escalated',
  'mesa',
] as const;
export type ResolutionGroupBy = (typeof RESOLUTION_GROUP_BYS)[number];

export interface TimeToResolutionOptions {
  /** ISO-8601 instant; open problems are censored here, later problems and resolutions ignored */
  readonly asOf: string;
  readonly groupBy?: ResolutionGroupBy;
  /** keep only this mesa's problems */
  readonly mesaId?: string;
}

/** The Kaplan–Meier summary the API publishes for one group. */
export interface SurvivalSummary {
  readonly n: number;
  readonly resolved: number;
  readonly censored: number;
  readonly medianDays: number | null;
  readonly p25Days: number | null;
  readonly p75Days: number | null;
  readonly medianCi: ConfidenceInterval;
  readonly curve: readonly SurvivalPoint[];
}

export interface TimeToResolutionGroup extends SurvivalSummary {
  readonly key: string;
}

/** `GET /analytics/time-to-resolution` */
export interface TimeToResolutionResult {
  readonly asOf: string;
  readonly groups: readonly TimeToResolutionGroup[];
}

/** Same groups with the full estimate (at-risk table included), for CSV and charts. */
export interface TimeToResolutionDetail {
  readonly asOf: string;
  readonly groups: readonly { readonly key: string; readonly km: KaplanMeierResult }[];
}

export function timeToResolution(
  problems: readonly ProblemRecord[],
  options: TimeToResolutionOptions,
): TimeToResolutionResult {
  const detail = timeToResolutionDetail(problems, options);
  return {
    asOf: detail.asOf,
    groups: detail.groups.map(({ key, km }) => ({ key, ...survivalSummary(km) })),
  };
}

export function timeToResolutionDetail(
  problems: readonly ProblemRecord[],
  options: TimeToResolutionOptions,
): TimeToResolutionDetail {
  const asOfMs = instantMs(options.asOf, 'asOf');
  const byKey = new Map<string, SurvivalObservation[]>();
  for (const problem of problems) {
    if (problem.rejected) continue;
    if (options.mesaId !== undefined && problem.mesaId !== options.mesaId) continue;
    const observation = resolutionObservation(problem, asOfMs);
    if (observation === null) continue;
    const key = groupKey(problem, options.groupBy);
    const list = byKey.get(key);
    if (list) list.push(observation);
    else byKey.set(key, [observation]);
  }
  if (options.groupBy === undefined && byKey.size === 0) byKey.set(ALL_KEY, []);
  const keys = [...byKey.keys()].sort(compareKeys);
  return {
    asOf: new Date(asOfMs).toISOString(),
    groups: keys.map((key) => ({ key, km: kaplanMeier(byKey.get(key) ?? []) })),
  };
}

/**
 * Duration of one problem as seen at `asOfMs`: null when raised after asOf; an event when its
 * latest resolution is at or before asOf; otherwise censored at asOf. Rejection is not checked here.
 */
export function resolutionObservation(
  problem: ProblemRecord,
  asOfMs: number,
): SurvivalObservation | null {
  const raisedMs = instantMs(problem.raisedAt, 'raisedAt');
  if (raisedMs > asOfMs) return null;
  const resolvedMs =
    problem.resolvedAt === null ? null : instantMs(problem.resolvedAt, 'resolvedAt');
  if (resolvedMs !== null && resolvedMs <= asOfMs) {
    return { durationDays: daysBetween(raisedMs, resolvedMs), event: true };
  }
  return { durationDays: daysBetween(raisedMs, asOfMs), event: false };
}

export function survivalSummary(km: KaplanMeierResult): SurvivalSummary {
  return {
    n: km.n,
    resolved: km.resolved,
    censored: km.censored,
    medianDays: km.medianDays,
    p25Days: km.p25Days,
    p75Days: km.p75Days,
    medianCi: km.medianCi,
    curve: km.curve,
  };
}

function groupKey(problem: ProblemRecord, groupBy: ResolutionGroupBy | undefined): string {
  switch (groupBy) {
    case undefined:
      return ALL_KEY;
    case 'barrier':
      return problem.barrier;
    case 'ownership':
      return problem.ownership ?? UNKNOWN_KEY;
    case 'rootCause':
      return problem.rootCause ?? UNKNOWN_KEY;
    case 'escalated':
      return String(problem.escalated);
    case 'mesa':
      return problem.mesaId;
    default: {
      const unknown: never = groupBy;
      throw new RangeError(`unknown groupBy ${String(unknown)}`);
    }
  }
}
