import {
  BallProblemRecord,
  BallTaskRecord,
  CadenceResult,
  EscalationRecord,
  EscalationsResult,
  ProblemRecord,
  ResolutionGroupBy,
  ScreeningGroupBy,
  ScreeningRecord,
  ScreeningResult,
  SessionRecord,
  TaskDeliveryResult,
  TaskRecord,
  TimeToResolutionDetail,
  TimeToResolutionResult,
  WhoseMoveResult,
  cadence,
  escalations,
  screening,
  survivalSummary,
  taskDelivery,
  timeToResolutionDetail,
  whoseMove,
} from '@mesas/analytics';
import type { TaskStatus } from '@mesas/domain';
import type { DocumentStore } from '../document-store.port';
import type {
  AnalyticsParticipantDoc,
  AnalyticsProblemDoc,
  AnalyticsSessionDoc,
  AnalyticsTaskDoc,
} from './analytics.documents';
import {
  ANALYTICS,
  ANALYTICS_MESAS,
  ANALYTICS_PARTICIPANTS,
  ANALYTICS_PROBLEMS,
  ANALYTICS_SESSIONS,
  ANALYTICS_TASKS,
  analyticsParticipantKey,
} from './analytics.projection';

/*
 * From the analytics documents to the inputs of @mesas/analytics, as of an instant. The
 * documents hold timelines in business time; "as of T" takes, for every timeline, the last entry
 * that occurred at or before T. So an answer for a past T uses only what had occurred by then:
 * a later reclassification, resolution, reopening, rejection, escalation, deadline move or
 * completion is invisible, and a problem or task that did not exist yet is left out.
 */

/** What task delivery may be grouped by (the `groupBy` query parameter). */
export const TASK_GROUP_BYS = ['responsibleEntity', 'mesa'] as const;
export type TaskGroupBy = (typeof TASK_GROUP_BYS)[number];

/** The reads the analytics queries make: one partitioned `list` per collection, one `get`. */
export type AnalyticsDocuments = Pick<DocumentStore, 'get' | 'list'>;

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, what `toISOString` writes: such instants sort as strings. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * "Occurred at or before asOf", comparing canonical UTC instants as strings (the stored
 * occurredAt is written so) and parsing anything else; the answer is the same either way.
 */
export class AsOf {
  readonly iso: string;
  readonly ms: number;

  constructor(asOf: string) {
    this.ms = Date.parse(asOf);
    if (Number.isNaN(this.ms))
      throw new RangeError(`asOf must be an ISO-8601 instant, got ${JSON.stringify(asOf)}`);
    this.iso = new Date(this.ms).toISOString();
  }

  covers(instant: string): boolean {
    return instant.length === 24 && CANONICAL.test(instant) && this.iso.length === 24
      ? instant <= this.iso
      : Date.parse(instant) <= this.ms;
  }
}

/** The last entry of a business-time timeline that occurred at or before asOf. */
function lastAtOrBefore<T>(timeline: readonly T[], at: (entry: T) => string, asOf: AsOf): T | null {
  let found: T | null = null;
  for (const entry of timeline) if (asOf.covers(at(entry))) found = entry;
  return found;
}

/** The problem as it stood at asOf; null when it had not been raised yet. */
export function problemRecordAsOf(doc: AnalyticsProblemDoc, asOf: AsOf): ProblemRecord | null {
  if (!asOf.covers(doc.raisedAt)) return null;
  const classification = lastAtOrBefore(doc.classifications, (c) => c.at, asOf);
  const resolution = lastAtOrBefore(doc.resolutions, (r) => r.at, asOf);
  return {
    problemId: doc.problemId,
    mesaId: doc.mesaId,
    barrier: doc.barrier,
    ownership: classification?.ownership ?? null,
    rootCause: classification?.rootCause ?? null,
    escalated: doc.escalations.some((e) => asOf.covers(e.escalatedAt)),
    raisedAt: doc.raisedAt,
    // Resolved as of T: the latest of resolutions/reopenings by T is a resolution.
    resolvedAt: resolution?.kind === 'resolved' ? resolution.at : null,
    rejected: doc.filter?.decision === 'rejected' && asOf.covers(doc.filter.at),
  };
}

/** Every escalation of the problem; @mesas/analytics ignores those after asOf and pends late decisions. */
export function escalationRecordsOf(doc: AnalyticsProblemDoc): EscalationRecord[] {
  return doc.escalations.map((e) => ({
    problemId: doc.problemId,
    escalatedAt: e.escalatedAt,
    decidedAt: e.decidedAt,
  }));
}

/** The task as it stood at asOf; null when it had not been assigned yet. */
export function taskRecordAsOf(
  doc: AnalyticsTaskDoc,
  asOf: AsOf,
  groupBy: TaskGroupBy,
): TaskRecord | null {
  if (!asOf.covers(doc.assignedAt)) return null;
  const deadline = lastAtOrBefore(doc.deadlines, (d) => d.at, asOf);
  const status = lastAtOrBefore(doc.statuses, (s) => s.at, asOf);
  const current: TaskStatus = status?.status ?? 'open';
  return {
    group: groupBy === 'mesa' ? doc.mesaId : doc.responsibleEntity,
    dueOn: deadline?.dueOn ?? doc.originalDueOn,
    originalDueOn: doc.originalDueOn,
    status: current,
    completedAt: current === 'done' && status ? status.at : null,
  };
}

export function problemRecordsAsOf(
  docs: readonly AnalyticsProblemDoc[],
  asOf: string,
): ProblemRecord[] {
  const at = new AsOf(asOf);
  const records: ProblemRecord[] = [];
  for (const doc of docs) {
    const record = problemRecordAsOf(doc, at);
    if (record) records.push(record);
  }
  return records;
}

export interface TimeToResolutionAnswer {
  readonly result: TimeToResolutionResult;
  /** the same groups with the at-risk tables (for the CSV) */
  readonly detail: TimeToResolutionDetail;
}

export function timeToResolutionFromDocs(
  docs: readonly AnalyticsProblemDoc[],
  options: { asOf: string; groupBy?: ResolutionGroupBy },
): TimeToResolutionAnswer {
  const detail = timeToResolutionDetail(problemRecordsAsOf(docs, options.asOf), options);
  return {
    result: {
      asOf: detail.asOf,
      groups: detail.groups.map(({ key, km }) => ({ key, ...survivalSummary(km) })),
    },
    detail,
  };
}

export function escalationsFromDocs(
  docs: readonly AnalyticsProblemDoc[],
  options: { asOf: string },
): EscalationsResult {
  return escalations(
    problemRecordsAsOf(docs, options.asOf),
    docs.flatMap(escalationRecordsOf),
    options,
  );
}

export function cadenceFromDocs(
  docs: readonly AnalyticsSessionDoc[],
  window: { from: string; to: string },
): CadenceResult {
  const sessions: SessionRecord[] = docs.map((s) => ({ type: s.type, heldOn: s.heldOn }));
  return cadence(sessions, window);
}

export function taskDeliveryFromDocs(
  docs: readonly AnalyticsTaskDoc[],
  options: { asOf: string; groupBy: TaskGroupBy },
): TaskDeliveryResult {
  const asOf = new AsOf(options.asOf);
  const records: TaskRecord[] = [];
  for (const doc of docs) {
    const record = taskRecordAsOf(doc, asOf, options.groupBy);
    if (record) records.push(record);
  }
  return taskDelivery(records, { asOf: options.asOf });
}

/**
 * The timelines whose-move needs, joined per problem. Nothing is cut at asOf here:
 * `whoseMove` ignores whatever occurred after it.
 */
export function ballRecordsOf(
  problems: readonly AnalyticsProblemDoc[],
  tasks: readonly AnalyticsTaskDoc[],
): BallProblemRecord[] {
  const tasksOf = new Map<string, BallTaskRecord[]>();
  for (const task of tasks) {
    // the first status after `open` closes the task (done or cancelled: closed tasks take nothing more)
    const closed = task.statuses.find((s) => s.status !== 'open');
    const list = tasksOf.get(task.problemId) ?? [];
    list.push({
      responsibleEntity: task.responsibleEntity,
      assignedAt: task.assignedAt,
      closedAt: closed?.at ?? null,
    });
    tasksOf.set(task.problemId, list);
  }
  return problems.map((p) => ({
    problemId: p.problemId,
    raisedAt: p.raisedAt,
    resolutions: p.resolutions,
    rejectedAt: p.filter?.decision === 'rejected' ? p.filter.at : null,
    escalations: p.escalations,
    tasks: tasksOf.get(p.problemId) ?? [],
  }));
}

export function whoseMoveFromDocs(
  problems: readonly AnalyticsProblemDoc[],
  tasks: readonly AnalyticsTaskDoc[],
  options: { asOf: string },
): WhoseMoveResult {
  return whoseMove(ballRecordsOf(problems, tasks), options);
}

/**
 * Each problem raised by asOf with the filter decision in force then, attributed to the
 * organisation its raiser had joined with by the time it was raised (the latest ParticipantJoined
 * at or before the raise). A document written before `raisedBy` was kept reads as unknown.
 */
export function screeningRecordsAsOf(
  problems: readonly AnalyticsProblemDoc[],
  participants: readonly AnalyticsParticipantDoc[],
  asOf: string,
): ScreeningRecord[] {
  const at = new AsOf(asOf);
  const byKey = new Map(
    participants.map((p) => [analyticsParticipantKey(p.mesaId, p.participantId), p]),
  );
  const records: ScreeningRecord[] = [];
  for (const p of problems) {
    if (!at.covers(p.raisedAt)) continue;
    const raisedBy = p.raisedBy ?? null;
    const participant =
      raisedBy === null ? undefined : byKey.get(analyticsParticipantKey(p.mesaId, raisedBy));
    const join = participant
      ? lastAtOrBefore(participant.joins, (j) => j.at, new AsOf(p.raisedAt))
      : null;
    const filter = p.filter && at.covers(p.filter.at) ? p.filter : null;
    records.push({
      barrier: p.barrier,
      raisedBy: raisedBy ?? UNKNOWN_RAISER,
      organisation: join?.organisation ?? null,
      decision: filter?.decision ?? null,
      reason: filter?.decision === 'rejected' ? (filter.reason ?? null) : null,
    });
  }
  return records;
}

/** Key of a problem whose document predates `raisedBy` (until the projection is rebuilt). */
const UNKNOWN_RAISER = 'unknown';

export function screeningFromDocs(
  problems: readonly AnalyticsProblemDoc[],
  participants: readonly AnalyticsParticipantDoc[],
  options: { asOf: string; groupBy: ScreeningGroupBy },
): ScreeningResult & { asOf: string } {
  const records = screeningRecordsAsOf(problems, participants, options.asOf);
  return { asOf: new AsOf(options.asOf).iso, ...screening(records, options) };
}

/* Readers: one partitioned list over the projection's documents per request, nothing replayed. */

export async function analyticsMesaExists(
  documents: AnalyticsDocuments,
  mesaId: string,
): Promise<boolean> {
  return (await documents.get(ANALYTICS, ANALYTICS_MESAS, mesaId)) !== null;
}

export async function readTimeToResolution(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string; groupBy?: ResolutionGroupBy },
): Promise<TimeToResolutionAnswer> {
  return timeToResolutionFromDocs(await listProblems(documents, options.mesaId), options);
}

export async function readEscalations(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string },
): Promise<EscalationsResult> {
  return escalationsFromDocs(await listProblems(documents, options.mesaId), options);
}

export async function readCadence(
  documents: AnalyticsDocuments,
  options: { mesaId: string; from: string; to: string },
): Promise<CadenceResult> {
  const docs = (await documents.list(
    ANALYTICS,
    ANALYTICS_SESSIONS,
    options.mesaId,
  )) as AnalyticsSessionDoc[];
  return cadenceFromDocs(docs, options);
}

export async function readTaskDelivery(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string; groupBy: TaskGroupBy },
): Promise<TaskDeliveryResult> {
  const docs = (await documents.list(
    ANALYTICS,
    ANALYTICS_TASKS,
    options.mesaId,
  )) as AnalyticsTaskDoc[];
  return taskDeliveryFromDocs(docs, options);
}

function listProblems(
  documents: AnalyticsDocuments,
  mesaId: string | undefined,
): Promise<AnalyticsProblemDoc[]> {
  return documents.list(ANALYTICS, ANALYTICS_PROBLEMS, mesaId) as Promise<AnalyticsProblemDoc[]>;
}

export async function readWhoseMove(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string },
): Promise<WhoseMoveResult> {
  const [problems, tasks] = await Promise.all([
    listProblems(documents, options.mesaId),
    documents.list(ANALYTICS, ANALYTICS_TASKS, options.mesaId) as Promise<AnalyticsTaskDoc[]>,
  ]);
  return whoseMoveFromDocs(problems, tasks, options);
}

export async function readScreening(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string; groupBy: ScreeningGroupBy },
): Promise<ScreeningResult & { asOf: string }> {
  const [problems, participants] = await Promise.all([
    listProblems(documents, options.mesaId),
    documents.list(ANALYTICS, ANALYTICS_PARTICIPANTS, options.mesaId) as Promise<
      AnalyticsParticipantDoc[]
    >,
  ]);
  return screeningFromDocs(problems, participants, options);
}
