import type {
  Barrier,
  FilterDecision,
  Ownership,
  ParticipantRole,
  RootCause,
  SessionType,
  TaskStatus,
} from '@mesas/domain';

/**
 * The documents of the analytics projection (JSON, as stored). Each keeps the full timeline of
 * what matters to the statistics, with business times (`occurredAt`), so that a question "as of
 * T" is answered from the current documents alone, without replaying the log.
 * Timelines are in stream order, which is business-time order: the domain refuses an event
 * earlier than its stream's last one.
 */

/** One problem (key: problemId, partition: mesaId). */
export type AnalyticsProblemDoc = {
  problemId: string;
  mesaId: string;
  barrier: Barrier;
  /**
   * the participant id in ProblemRaised. Optional because documents written before it was kept
   * lack it until `mesas projections rebuild analytics`; readers treat it as unknown.
   */
  raisedBy?: string;
  /** occurredAt of ProblemRaised */
  raisedAt: string;
  /** every ProblemClassified, in order; the one in force at T is the last with at ≤ T */
  classifications: { at: string; ownership: Ownership; rootCause: RootCause }[];
  /** ProblemFiltered (happens at most once); a problem rejected at or before T is out of the population at T */
  filter: { decision: FilterDecision; at: string; reason?: string | null } | null;
  /** every ProblemResolved and ProblemReopened, in order */
  resolutions: { kind: 'resolved' | 'reopened'; at: string }[];
  /** every Escalated, with the EscalationResolved that answered it (null while pending) */
  escalations: { escalatedAt: string; decidedAt: string | null }[];
};

/** One task (key: `{problemId}/{taskId}`, partition: mesaId). */
export type AnalyticsTaskDoc = {
  taskId: string;
  problemId: string;
  mesaId: string;
  responsibleEntity: string;
  /** occurredAt of TaskAssigned */
  assignedAt: string;
  /** the deadline given at TaskAssigned */
  originalDueOn: string;
  /** the TaskAssigned deadline (at = assignedAt) then every TaskDeadlineMoved, in order */
  deadlines: { at: string; dueOn: string }[];
  /** `open` at assignedAt, then TaskCompleted (`done`) or TaskCancelled, in order */
  statuses: { at: string; status: TaskStatus }[];
};

/** One session (key: `{mesaId}/{sessionId}`, partition: mesaId). */
export type AnalyticsSessionDoc = {
  sessionId: string;
  mesaId: string;
  type: SessionType;
  /** the date the session was held (YYYY-MM-DD) */
  heldOn: string;
  /** occurredAt of SessionHeld (when it was recorded in business time) */
  recordedAt: string;
};

/** One mesa (key: mesaId): only so that a query can tell an unknown mesa from an empty one. */
export type AnalyticsMesaDoc = {
  mesaId: string;
  proposedAt: string;
};

/**
 * One participant (key: `{mesaId}/{participantId}`, partition: mesaId): every ParticipantJoined,
 * in order, so that a problem is attributed to the organisation its raiser had when raising it.
 */
export type AnalyticsParticipantDoc = {
  mesaId: string;
  participantId: string;
  joins: { at: string; organisation: string; role: ParticipantRole }[];
};
