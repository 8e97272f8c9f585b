import { UNKNOWN_KEY, compareKeys } from './group-keys';
import { roundTo } from './rounding';

export const SCREENING_GROUP_BYS = ['organisation', 'barrier', 'raisedBy'] as const;
export type ScreeningGroupBy = (typeof SCREENING_GROUP_BYS)[number];

/** One problem's passage through the filter, as of the instant asked. */
export interface ScreeningRecord {
  readonly barrier: string;
  /** the participant id in ProblemRaised */
  readonly raisedBy: string;
  /** that participant's organisation when the problem was raised (ParticipantJoined); null when unknown */
  readonly organisation: string | null;
  /** null while not filtered */
  readonly decision: 'accepted' | 'rejected' | null;
  /** the reason given with a rejection */
  readonly reason: string | null;
}

export interface ScreeningGroup {
  readonly key: string;
  readonly raised: number;
  readonly accepted: number;
  readonly rejected: number;
  /** raised, not filtered yet */
  readonly pending: number;
  /** rejected / (accepted + rejected), 4 decimals; null while nothing was filtered */
  readonly rejectedShare: number | null;
  /** the rejections' reasons, most frequent first (ties by text); a reason is trimmed */
  readonly reasons: readonly { readonly reason: string; readonly n: number }[];
}

/** `GET /analytics/screening` */
export interface ScreeningResult {
  readonly groupBy: ScreeningGroupBy;
  readonly groups: readonly ScreeningGroup[];
}

/**
 * How the filter treated what each side asked for: per organisation (of the participant who
 * raised the problem), barrier or participant, how many problems were raised, accepted, rejected
 * and still pending, the share rejected among those filtered, and the reasons given. Groups in
 * key order; a missing organisation is reported under `unknown`.
 */
export function screening(
  records: readonly ScreeningRecord[],
  options: { readonly groupBy: ScreeningGroupBy },
): ScreeningResult {
  const groups = new Map<
    string,
    { raised: number; accepted: number; rejected: number; reasons: Map<string, number> }
  >();
  for (const record of records) {
    const key =
      options.groupBy === 'organisation'
        ? (record.organisation ?? UNKNOWN_KEY)
        : options.groupBy === 'barrier'
          ? record.barrier
          : record.raisedBy;
    const group = groups.get(key) ?? { raised: 0, accepted: 0, rejected: 0, reasons: new Map() };
    groups.set(key, group);
    group.raised++;
    if (record.decision === 'accepted') group.accepted++;
    if (record.decision === 'rejected') {
      group.rejected++;
      const reason = (record.reason ?? '').trim();
      group.reasons.set(reason, (group.reasons.get(reason) ?? 0) + 1);
    }
  }
  return {
    groupBy: options.groupBy,
    groups: [...groups]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, g]) => {
        const filtered = g.accepted + g.rejected;
        return {
          key,
          raised: g.raised,
          accepted: g.accepted,
          rejected: g.rejected,
          pending: g.raised - filtered,
          rejectedShare: filtered === 0 ? null : roundTo(g.rejected / filtered, 4),
          reasons: [...g.reasons]
            .map(([reason, n]) => ({ reason, n }))
            .sort((a, b) => b.n - a.n || compareKeys(a.reason, b.reason)),
        };
      }),
  };
}
