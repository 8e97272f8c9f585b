import { MS_PER_DAY, instantMs } from './calendar';
import { compareKeys } from './group-keys';
import { roundTo } from './rounding';

/** Court of a problem while an escalation awaits its decision. */
export const HIGH_LEVEL_COURT = 'high_level';
/** Court of an open problem with no pending escalation and no open task. */
export const DEDICATED_TEAM_COURT = 'dedicated_team';

/** One task of a problem, as far as whose move it is matters. */
export interface BallTaskRecord {
  readonly responsibleEntity: string;
  readonly assignedAt: string;
  /** occurredAt of TaskCompleted or TaskCancelled; null while open */
  readonly closedAt: string | null;
}

/** One problem with the timelines that decide who holds the ball. */
export interface BallProblemRecord {
  readonly problemId: string;
  readonly raisedAt: string;
  /** every ProblemResolved and ProblemReopened, in business-time order */
  readonly resolutions: readonly { readonly kind: 'resolved' | 'reopened'; readonly at: string }[];
  /** occurredAt of a rejecting ProblemFiltered; null when accepted or not filtered */
  readonly rejectedAt: string | null;
  readonly escalations: readonly {
    readonly escalatedAt: string;
    readonly decidedAt: string | null;
  }[];
  readonly tasks: readonly BallTaskRecord[];
}

export interface WhoseMoveGroup {
  readonly court: string;
  /** days the court held the ball, summed over problems (3 decimals) */
  readonly days: number;
  /** days / the days of every court (4 decimals); 0 when no time was counted at all */
  readonly share: number;
  /** problems that spent some time in this court */
  readonly problems: number;
}

export interface WhoseMoveProblem {
  readonly problemId: string;
  /** days per court (3 decimals); courts the problem never visited are absent */
  readonly courts: Readonly<Record<string, number>>;
}

/** `GET /analytics/whose-move` */
export interface WhoseMoveResult {
  readonly asOf: string;
  /** by days, most first; ties by court */
  readonly groups: readonly WhoseMoveGroup[];
  /** every problem raised by asOf, by problemId */
  readonly problems: readonly WhoseMoveProblem[];
}

const DAY_DECIMALS = 3;
const SHARE_DECIMALS = 4;

/**
 * Ball-in-court time: for each problem, the time from ProblemRaised to its latest ProblemResolved
 * (or asOf) is cut at every event that changes whose move it is, and each piece is given to
 *
 * 1. `high_level` while an escalation awaits its decision (escalatedAt ≤ t < decidedAt);
 * 2. else, while tasks are open (assignedAt ≤ t < closedAt), the responsible entities of the
 *    open tasks, shared equally among the distinct entities (an entity with two open tasks gets
 *    one share, like an entity with one);
 * 3. else `dedicated_team`.
 *
 * Time between a resolution and a reopening counts for nobody; a rejected problem counts from
 * its raise to its rejection; anything after asOf is ignored, so the answer for a past asOf uses
 * only what had occurred by then. Milliseconds are summed exactly and rounded once at the end.
 */
export function whoseMove(
  records: readonly BallProblemRecord[],
  options: { readonly asOf: string },
): WhoseMoveResult {
  const asOfMs = instantMs(options.asOf, 'asOf');
  const totals = new Map<string, { ms: number; problems: number }>();
  const problems: WhoseMoveProblem[] = [];
  for (const record of [...records].sort((a, b) => compareKeys(a.problemId, b.problemId))) {
    const raisedMs = instantMs(record.raisedAt, 'raisedAt');
    if (raisedMs > asOfMs) continue;
    const courts = courtsOf(record, raisedMs, asOfMs);
    const rounded: Record<string, number> = {};
    for (const [court, ms] of [...courts].sort(([a], [b]) => compareKeys(a, b))) {
      const total = totals.get(court) ?? { ms: 0, problems: 0 };
      totals.set(court, { ms: total.ms + ms, problems: total.problems + 1 });
      rounded[court] = roundTo(ms / MS_PER_DAY, DAY_DECIMALS);
    }
    problems.push({ problemId: record.problemId, courts: rounded });
  }
  const allMs = [...totals.values()].reduce((sum, t) => sum + t.ms, 0);
  const groups = [...totals]
    .map(([court, t]) => ({
      court,
      ms: t.ms,
      days: roundTo(t.ms / MS_PER_DAY, DAY_DECIMALS),
      share: allMs === 0 ? 0 : roundTo(t.ms / allMs, SHARE_DECIMALS),
      problems: t.problems,
    }))
    .sort((a, b) => b.ms - a.ms || compareKeys(a.court, b.court))
    .map(({ court, days, share, problems: n }) => ({ court, days, share, problems: n }));
  return { asOf: new Date(asOfMs).toISOString(), groups, problems };
}

/** Milliseconds per court for one problem; only courts with time > 0. */
function courtsOf(
  record: BallProblemRecord,
  raisedMs: number,
  asOfMs: number,
): Map<string, number> {
  const rejectedMs = record.rejectedAt === null ? Infinity : instantMs(record.rejectedAt);
  const endMs = Math.min(asOfMs, rejectedMs);
  const resolutions = record.resolutions.map((r) => ({ kind: r.kind, ms: instantMs(r.at) }));
  const escalations = record.escalations.map((e) => ({
    from: instantMs(e.escalatedAt),
    to: e.decidedAt === null ? Infinity : instantMs(e.decidedAt),
  }));
  const tasks = record.tasks.map((t) => ({
    entity: t.responsibleEntity,
    from: instantMs(t.assignedAt),
    to: t.closedAt === null ? Infinity : instantMs(t.closedAt),
  }));

  // Whose move it is can change only at these instants: between two of them it is constant.
  const cuts = new Set<number>([raisedMs, endMs]);
  for (const r of resolutions) cuts.add(r.ms);
  for (const e of escalations) cuts.add(e.from).add(e.to);
  for (const t of tasks) cuts.add(t.from).add(t.to);
  const instants = [...cuts].filter((ms) => ms >= raisedMs && ms <= endMs).sort((a, b) => a - b);

  const courts = new Map<string, number>();
  const give = (court: string, ms: number) => courts.set(court, (courts.get(court) ?? 0) + ms);
  for (let i = 0; i + 1 < instants.length; i++) {
    const from = instants[i];
    const length = instants[i + 1] - from;
    // the state on [from, next): the latest resolution or reopening at or before `from`
    let resolved = false;
    for (const r of resolutions) if (r.ms <= from) resolved = r.kind === 'resolved';
    if (resolved) continue;
    if (escalations.some((e) => e.from <= from && from < e.to)) {
      give(HIGH_LEVEL_COURT, length);
      continue;
    }
    const entities = new Set(
      tasks.filter((t) => t.from <= from && from < t.to).map((t) => t.entity),
    );
    if (entities.size === 0) {
      give(DEDICATED_TEAM_COURT, length);
      continue;
    }
    for (const entity of entities) give(entity, length / entities.size);
  }
  return courts;
}
