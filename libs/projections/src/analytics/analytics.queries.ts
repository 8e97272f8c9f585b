import {
  BallProblemRecord,
  BallTaskRecord,
  CadenceResult,
  CadenceTotals,
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
  cadenceTotals,
  escalations,
  screening,
  survivalSummary,
  taskDelivery,
  timeToResolutionDetail,
  whoseMove,
} from '@mesas/analytics';
import type { TaskStatus } from '@mesas/domain';
import type { Doc, DocumentStore } from '../document-store.port';
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

/**
 * The reads the analytics queries make: one partitioned `scan` per collection (each document
 * turned into its small record as it arrives, so a request never holds a collection's
 * documents), one `get`.
 */
export type AnalyticsDocuments = Pick<DocumentStore, 'get' | 'scan'>;

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
  return timeToResolutionOf(problemRecordsAsOf(docs, options.asOf), options);
}

function timeToResolutionOf(
  records: readonly ProblemRecord[],
  options: { asOf: string; groupBy?: ResolutionGroupBy },
): TimeToResolutionAnswer {
  const detail = timeToResolutionDetail(records, options);
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
  for (const task of tasks) addBallTask(tasksOf, task);
  return problems.map((p) => ballRecordOf(p, tasksOf));
}

/** Files the task under its problem, as whose-move needs it. */
function addBallTask(tasksOf: Map<string, BallTaskRecord[]>, task: AnalyticsTaskDoc): void {
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

function ballRecordOf(
  p: AnalyticsProblemDoc,
  tasksOf: ReadonlyMap<string, BallTaskRecord[]>,
): BallProblemRecord {
  return {
    problemId: p.problemId,
    raisedAt: p.raisedAt,
    resolutions: p.resolutions,
    rejectedAt: p.filter?.decision === 'rejected' ? p.filter.at : null,
    escalations: p.escalations,
    tasks: tasksOf.get(p.problemId) ?? [],
  };
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
    const record = screeningRecordAsOf(p, byKey, at);
    if (record) records.push(record);
  }
  return records;
}

/** The problem as screening counts it at asOf; null when it had not been raised yet. */
function screeningRecordAsOf(
  p: AnalyticsProblemDoc,
  participants: ReadonlyMap<string, AnalyticsParticipantDoc>,
  at: AsOf,
): ScreeningRecord | null {
  if (!at.covers(p.raisedAt)) return null;
  const raisedBy = p.raisedBy ?? null;
  const participant =
    raisedBy === null ? undefined : participants.get(analyticsParticipantKey(p.mesaId, raisedBy));
  const join = participant
    ? lastAtOrBefore(participant.joins, (j) => j.at, new AsOf(p.raisedAt))
    : null;
  const filter = p.filter && at.covers(p.filter.at) ? p.filter : null;
  return {
    barrier: p.barrier,
    raisedBy: raisedBy ?? UNKNOWN_RAISER,
    organisation: join?.organisation ?? null,
    decision: filter?.decision ?? null,
    reason: filter?.decision === 'rejected' ? (filter.reason ?? null) : null,
  };
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

/*
 * Readers: one partitioned scan per collection and request, nothing replayed. Each document is
 * turned into the small record its statistic needs as the scan hands it over, so a request
 * holds records, never a collection's documents (with 1M events the problems alone parse into
 * tens of megabytes, and a page reading four statistics would hold several copies at once).
 */

export async function analyticsMesaExists(
  documents: AnalyticsDocuments,
  mesaId: string,
): Promise<boolean> {
  return (await documents.get(ANALYTICS, ANALYTICS_MESAS, mesaId)) !== null;
}

/** Every document of one analytics collection (of one mesa, when given), in key order. */
function scanAnalytics<D>(
  documents: AnalyticsDocuments,
  collection: string,
  mesaId: string | undefined,
  visit: (doc: D) => void,
): Promise<void> {
  return documents.scan(ANALYTICS, collection, mesaId, visit as (doc: Doc) => void);
}

async function problemRecordsOf(
  documents: AnalyticsDocuments,
  mesaId: string | undefined,
  asOf: AsOf,
  escalationRecords?: EscalationRecord[],
): Promise<ProblemRecord[]> {
  const records: ProblemRecord[] = [];
  await scanAnalytics<AnalyticsProblemDoc>(documents, ANALYTICS_PROBLEMS, mesaId, (doc) => {
    const record = problemRecordAsOf(doc, asOf);
    if (record) records.push(record);
    if (escalationRecords) for (const e of escalationRecordsOf(doc)) escalationRecords.push(e);
  });
  return records;
}

export async function readTimeToResolution(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string; groupBy?: ResolutionGroupBy },
): Promise<TimeToResolutionAnswer> {
  const records = await problemRecordsOf(documents, options.mesaId, new AsOf(options.asOf));
  return timeToResolutionOf(records, options);
}

export async function readEscalations(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string },
): Promise<EscalationsResult> {
  const escalated: EscalationRecord[] = [];
  const records = await problemRecordsOf(
    documents,
    options.mesaId,
    new AsOf(options.asOf),
    escalated,
  );
  return escalations(records, escalated, options);
}

export async function readCadence(
  documents: AnalyticsDocuments,
  options: { mesaId: string; from: string; to: string },
): Promise<CadenceResult> {
  return cadence(await sessionsOf(documents, options.mesaId), options);
}

/** `readCadence` without the month series (a table of every mesa's cadence). */
export async function readCadenceTotals(
  documents: AnalyticsDocuments,
  options: { mesaId: string; from: string; to: string },
): Promise<CadenceTotals> {
  return cadenceTotals(await sessionsOf(documents, options.mesaId), options);
}

async function sessionsOf(documents: AnalyticsDocuments, mesaId: string): Promise<SessionRecord[]> {
  const sessions: SessionRecord[] = [];
  await scanAnalytics<AnalyticsSessionDoc>(documents, ANALYTICS_SESSIONS, mesaId, (s) =>
    sessions.push({ type: s.type, heldOn: s.heldOn }),
  );
  return sessions;
}

export async function readTaskDelivery(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string; groupBy: TaskGroupBy },
): Promise<TaskDeliveryResult> {
  const asOf = new AsOf(options.asOf);
  const records: TaskRecord[] = [];
  await scanAnalytics<AnalyticsTaskDoc>(documents, ANALYTICS_TASKS, options.mesaId, (doc) => {
    const record = taskRecordAsOf(doc, asOf, options.groupBy);
    if (record) records.push(record);
  });
  return taskDelivery(records, { asOf: options.asOf });
}

export async function readWhoseMove(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string },
): Promise<WhoseMoveResult> {
  const tasksOf = new Map<string, BallTaskRecord[]>();
  await scanAnalytics<AnalyticsTaskDoc>(documents, ANALYTICS_TASKS, options.mesaId, (task) =>
    addBallTask(tasksOf, task),
  );
  const records: BallProblemRecord[] = [];
  await scanAnalytics<AnalyticsProblemDoc>(documents, ANALYTICS_PROBLEMS, options.mesaId, (p) =>
    records.push(ballRecordOf(p, tasksOf)),
  );
  return whoseMove(records, options);
}

export async function readScreening(
  documents: AnalyticsDocuments,
  options: { asOf: string; mesaId?: string; groupBy: ScreeningGroupBy },
): Promise<ScreeningResult & { asOf: string }> {
  const participants = new Map<string, AnalyticsParticipantDoc>();
  await scanAnalytics<AnalyticsParticipantDoc>(
    documents,
    ANALYTICS_PARTICIPANTS,
    options.mesaId,
    (p) => participants.set(analyticsParticipantKey(p.mesaId, p.participantId), p),
  );
  const at = new AsOf(options.asOf);
  const records: ScreeningRecord[] = [];
  await scanAnalytics<AnalyticsProblemDoc>(documents, ANALYTICS_PROBLEMS, options.mesaId, (p) => {
    const record = screeningRecordAsOf(p, participants, at);
    if (record) records.push(record);
  });
  return { asOf: at.iso, ...screening(records, options) };
}

/** The portal's analytics page: four statistics as of one instant, over the same mesas. */
export interface AnalyticsOverview {
  readonly timeToResolution: TimeToResolutionAnswer;
  readonly tasks: TaskDeliveryResult;
  readonly whoseMove: WhoseMoveResult;
  readonly screening: ScreeningResult & { asOf: string };
}

/**
 * Time to resolution, task delivery, whose move and screening together, each equal to what its
 * own reader gives, with one scan of the tasks and one of the problems instead of two and three:
 * every document is parsed once and turned into the records of all the statistics that need it.
 */
export async function readAnalyticsOverview(
  documents: AnalyticsDocuments,
  options: {
    asOf: string;
    mesaId?: string;
    groupBy?: ResolutionGroupBy;
    tasksGroupBy: TaskGroupBy;
    screeningGroupBy: ScreeningGroupBy;
  },
): Promise<AnalyticsOverview> {
  const { asOf, mesaId } = options;
  const at = new AsOf(asOf);
  const taskRecords: TaskRecord[] = [];
  const tasksOf = new Map<string, BallTaskRecord[]>();
  await scanAnalytics<AnalyticsTaskDoc>(documents, ANALYTICS_TASKS, mesaId, (doc) => {
    const record = taskRecordAsOf(doc, at, options.tasksGroupBy);
    if (record) taskRecords.push(record);
    addBallTask(tasksOf, doc);
  });
  // computed before the problems are read, so that its records can go
  const tasks = taskDelivery(taskRecords, { asOf });
  taskRecords.length = 0;
  const participants = new Map<string, AnalyticsParticipantDoc>();
  await scanAnalytics<AnalyticsParticipantDoc>(documents, ANALYTICS_PARTICIPANTS, mesaId, (p) =>
    participants.set(analyticsParticipantKey(p.mesaId, p.participantId), p),
  );
  const problems: ProblemRecord[] = [];
  const balls: BallProblemRecord[] = [];
  const screened: ScreeningRecord[] = [];
  await scanAnalytics<AnalyticsProblemDoc>(documents, ANALYTICS_PROBLEMS, mesaId, (doc) => {
    const problem = problemRecordAsOf(doc, at);
    if (problem) problems.push(problem);
    balls.push(ballRecordOf(doc, tasksOf));
    const screening = screeningRecordAsOf(doc, participants, at);
    if (screening) screened.push(screening);
  });
  tasksOf.clear();
  participants.clear();
  const timeToResolution = timeToResolutionOf(problems, {
    asOf,
    ...(options.groupBy ? { groupBy: options.groupBy } : {}),
  });
  return {
    timeToResolution,
    tasks,
    whoseMove: whoseMove(balls, { asOf }),
    screening: {
      asOf: at.iso,
      ...screening(screened, { groupBy: options.screeningGroupBy }),
    },
  };
}
