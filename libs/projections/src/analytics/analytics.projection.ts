import type { StoredEvent } from '@mesas/event-store';
import { TaskStatus, parseStreamId } from '@mesas/domain';
import type { DocRef } from '../document-store.port';
import { asDomainEvent } from '../domain-event';
import type { DocView, Projection } from '../projection';
import type {
  AnalyticsMesaDoc,
  AnalyticsParticipantDoc,
  AnalyticsProblemDoc,
  AnalyticsSessionDoc,
  AnalyticsTaskDoc,
} from './analytics.documents';

export const ANALYTICS = 'analytics';
export const ANALYTICS_PROBLEMS = 'problem';
export const ANALYTICS_TASKS = 'task';
export const ANALYTICS_SESSIONS = 'session';
export const ANALYTICS_MESAS = 'mesa';
export const ANALYTICS_PARTICIPANTS = 'participant';

export const analyticsTaskKey = (problemId: string, taskId: string): string =>
  `${problemId}/${taskId}`;
export const analyticsParticipantKey = (mesaId: string, participantId: string): string =>
  `${mesaId}/${participantId}`;
export const analyticsSessionKey = (mesaId: string, sessionId: string): string =>
  `${mesaId}/${sessionId}`;

const TASK_EVENTS: ReadonlySet<string> = new Set([
  'TaskAssigned',
  'TaskDeadlineMoved',
  'TaskCompleted',
  'TaskCancelled',
  'TaskProgressReported',
]);

/**
 * What the analytics routes need, kept as timelines in business time: one document per problem,
 * per task, per session and per mesa, partitioned by mesa. Pure and deterministic; nothing here
 * decides what was true "as of T" — the queries read that off the timelines, so any asOf is
 * answered from the same documents.
 */
export const analyticsProjection: Projection = {
  name: ANALYTICS,

  refsOf(event: StoredEvent): DocRef[] {
    const stream = parseStreamId(event.streamId);
    if (!stream) return [];
    if (stream.kind === 'mesa') {
      const refs: DocRef[] = [{ collection: ANALYTICS_MESAS, key: stream.id }];
      const participantId = event.data.participantId;
      if (event.type === 'ParticipantJoined' && typeof participantId === 'string') {
        const key = analyticsParticipantKey(stream.id, participantId);
        refs.push({ collection: ANALYTICS_PARTICIPANTS, key });
      }
      return refs;
    }
    const refs: DocRef[] = [{ collection: ANALYTICS_PROBLEMS, key: stream.id }];
    const taskId = event.data.taskId;
    if (TASK_EVENTS.has(event.type) && typeof taskId === 'string') {
      refs.push({ collection: ANALYTICS_TASKS, key: analyticsTaskKey(stream.id, taskId) });
    }
    return refs;
  },

  apply(view: DocView, stored: StoredEvent): void {
    const event = asDomainEvent(stored);
    const at = event.occurredAt;
    switch (event.type) {
      case 'MesaProposed': {
        const doc: AnalyticsMesaDoc = { mesaId: event.data.mesaId, proposedAt: at };
        view.put(ANALYTICS_MESAS, doc.mesaId, doc);
        return;
      }
      case 'SessionHeld': {
        const { mesaId, sessionId, type, heldOn } = event.data;
        const doc: AnalyticsSessionDoc = { sessionId, mesaId, type, heldOn, recordedAt: at };
        view.put(ANALYTICS_SESSIONS, analyticsSessionKey(mesaId, sessionId), doc, mesaId);
        return;
      }
      case 'ParticipantJoined': {
        const { mesaId, participantId, organisation, role } = event.data;
        const key = analyticsParticipantKey(mesaId, participantId);
        const doc = view.get<AnalyticsParticipantDoc>(ANALYTICS_PARTICIPANTS, key) ?? {
          mesaId,
          participantId,
          joins: [],
        };
        const joins = [...doc.joins, { at, organisation, role }];
        view.put(ANALYTICS_PARTICIPANTS, key, { ...doc, joins }, mesaId);
        return;
      }
      case 'MesaViabilityAssessed':
      case 'MesaLaunched':
      case 'MesaTransferred':
      case 'MesaClosed':
      case 'ParticipantLeft':
        return;

      case 'ProblemRaised': {
        const { problemId, mesaId, barrier, raisedBy } = event.data;
        const doc: AnalyticsProblemDoc = {
          problemId,
          mesaId,
          barrier,
          raisedBy,
          raisedAt: at,
          classifications: [],
          filter: null,
          resolutions: [],
          escalations: [],
        };
        view.put(ANALYTICS_PROBLEMS, problemId, doc, mesaId);
        return;
      }
      case 'ProblemClassified': {
        const { ownership, rootCause } = event.data;
        return updateProblem(view, event.data.problemId, (p) => ({
          ...p,
          classifications: [...p.classifications, { at, ownership, rootCause }],
        }));
      }
      case 'ProblemFiltered':
        return updateProblem(view, event.data.problemId, (p) => ({
          ...p,
          filter: { decision: event.data.decision, at, reason: event.data.reason },
        }));
      case 'Escalated':
        return updateProblem(view, event.data.problemId, (p) => ({
          ...p,
          escalations: [...p.escalations, { escalatedAt: at, decidedAt: null }],
        }));
      case 'EscalationResolved':
        // The domain allows one pending escalation at a time: the decision answers the last one.
        return updateProblem(view, event.data.problemId, (p) => ({
          ...p,
          escalations: p.escalations.map((e, i) =>
            i === p.escalations.length - 1 && e.decidedAt === null ? { ...e, decidedAt: at } : e,
          ),
        }));
      case 'ProblemResolved':
        return updateProblem(view, event.data.problemId, (p) => ({
          ...p,
          resolutions: [...p.resolutions, { kind: 'resolved', at }],
        }));
      case 'ProblemReopened':
        return updateProblem(view, event.data.problemId, (p) => ({
          ...p,
          resolutions: [...p.resolutions, { kind: 'reopened', at }],
        }));

      case 'TaskAssigned': {
        const { problemId, mesaId, taskId, responsibleEntity, dueOn } = event.data;
        const doc: AnalyticsTaskDoc = {
          taskId,
          problemId,
          mesaId,
          responsibleEntity,
          assignedAt: at,
          originalDueOn: dueOn,
          deadlines: [{ at, dueOn }],
          statuses: [{ at, status: 'open' }],
        };
        view.put(ANALYTICS_TASKS, analyticsTaskKey(problemId, taskId), doc, mesaId);
        return;
      }
      case 'TaskDeadlineMoved':
        return updateTask(view, event.data.problemId, event.data.taskId, (t) => ({
          ...t,
          deadlines: [...t.deadlines, { at, dueOn: event.data.dueOn }],
        }));
      case 'TaskCompleted':
        return setTaskStatus(view, event.data.problemId, event.data.taskId, 'done', at);
      case 'TaskCancelled':
        return setTaskStatus(view, event.data.problemId, event.data.taskId, 'cancelled', at);

      case 'ProblemPrioritized':
      case 'SolutionProposed':
      case 'SolutionRevised':
      case 'TaskProgressReported':
      case 'ImpactRecorded':
        return;
      default: {
        // Compile-time: a new event type must be placed above. Run time: an event this build
        // does not know (written by a newer one) is skipped rather than wedging the projection.
        const unknown: never = event;
        void unknown;
        return;
      }
    }
  },
};

function updateProblem(
  view: DocView,
  problemId: string,
  change: (problem: AnalyticsProblemDoc) => AnalyticsProblemDoc,
): void {
  const problem = view.get<AnalyticsProblemDoc>(ANALYTICS_PROBLEMS, problemId);
  if (problem) view.put(ANALYTICS_PROBLEMS, problemId, change(problem), problem.mesaId);
}

function updateTask(
  view: DocView,
  problemId: string,
  taskId: string,
  change: (task: AnalyticsTaskDoc) => AnalyticsTaskDoc,
): void {
  const key = analyticsTaskKey(problemId, taskId);
  const task = view.get<AnalyticsTaskDoc>(ANALYTICS_TASKS, key);
  if (task) view.put(ANALYTICS_TASKS, key, change(task), task.mesaId);
}

function setTaskStatus(
  view: DocView,
  problemId: string,
  taskId: string,
  status: TaskStatus,
  at: string,
): void {
  updateTask(view, problemId, taskId, (t) => ({ ...t, statuses: [...t.statuses, { at, status }] }));
}
