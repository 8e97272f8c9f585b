import { daysBetween, instantMs } from './calendar';
import { SurvivalObservation, kaplanMeier } from './kaplan-meier';
import { sampleMedian } from './sample-median';
import {
  ProblemRecord,
  SurvivalSummary,
  resolutionObservation,
  survivalSummary,
} from './time-to-resolution';

/** One Escalated event and its EscalationResolved, if any. */
export interface EscalationRecord {
  readonly problemId: string;
  /** occurredAt of Escalated */
  readonly escalatedAt: string;
  /** occurredAt of the EscalationResolved that answered it; null while pending */
  readonly decidedAt: string | null;
}

export interface EscalationsOptions {
  readonly asOf: string;
}

export interface EscalationsResult {
  readonly asOf: string;
  /** escalations made at or before asOf (every problem, rejected ones too) */
  readonly count: number;
  /** of those, decided at or before asOf */
  readonly decided: number;
  readonly pending: number;
  /** problems in the population (not rejected, raised ≤ asOf) */
  readonly problems: number;
  /** problems of the population escalated at least once at or before asOf */
  readonly escalatedProblems: number;
  /** escalatedProblems / problems; null when there are no problems */
  readonly shareEscalated: number | null;
  /** escalation → decision; pending escalations censored at asOf */
  readonly timeToDecision: SurvivalSummary & {
    /** plain median over decided escalations only (biased low while many are pending) */
    readonly medianDaysAmongDecided: number | null;
  };
  /** raise → resolution for the population, split by "escalated at or before asOf" */
  readonly timeToResolution: {
    readonly escalated: SurvivalSummary;
    readonly notEscalated: SurvivalSummary;
  };
}

export function escalations(
  problems: readonly ProblemRecord[],
  escalationRecords: readonly EscalationRecord[],
  options: EscalationsOptions,
): EscalationsResult {
  const asOfMs = instantMs(options.asOf, 'asOf');

  const decisionTimes: SurvivalObservation[] = [];
  const escalatedIds = new Set<string>();
  for (const e of escalationRecords) {
    const escalatedMs = instantMs(e.escalatedAt, 'escalatedAt');
    if (escalatedMs > asOfMs) continue;
    escalatedIds.add(e.problemId);
    const decidedMs = e.decidedAt === null ? null : instantMs(e.decidedAt, 'decidedAt');
    decisionTimes.push(
      decidedMs !== null && decidedMs <= asOfMs
        ? { durationDays: daysBetween(escalatedMs, decidedMs), event: true }
        : { durationDays: daysBetween(escalatedMs, asOfMs), event: false },
    );
  }

  const withEscalation: SurvivalObservation[] = [];
  const withoutEscalation: SurvivalObservation[] = [];
  for (const problem of problems) {
    if (problem.rejected) continue;
    const observation = resolutionObservation(problem, asOfMs);
    if (observation === null) continue;
    (escalatedIds.has(problem.problemId) ? withEscalation : withoutEscalation).push(observation);
  }

  const population = withEscalation.length + withoutEscalation.length;
  const decision = kaplanMeier(decisionTimes);
  return {
    asOf: new Date(asOfMs).toISOString(),
    count: decisionTimes.length,
    decided: decision.resolved,
    pending: decision.censored,
    problems: population,
    escalatedProblems: withEscalation.length,
    shareEscalated: population === 0 ? null : withEscalation.length / population,
    timeToDecision: {
      ...survivalSummary(decision),
      medianDaysAmongDecided: sampleMedian(
        decisionTimes.filter((o) => o.event).map((o) => o.durationDays),
      ),
    },
    timeToResolution: {
      escalated: survivalSummary(kaplanMeier(withEscalation)),
      notEscalated: survivalSummary(kaplanMeier(withoutEscalation)),
    },
  };
}
