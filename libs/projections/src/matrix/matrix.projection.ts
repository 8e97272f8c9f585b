import type { StoredEvent } from '@mesas/event-store';
import { MatrixStatus, assertNever, parseStreamId } from '@mesas/domain';
import type { DocRef } from '../document-store.port';
import { asDomainEvent } from '../domain-event';
import type { DocView, Projection } from '../projection';
import type { MatrixRowDoc, MesaDoc, TaskDoc } from './matrix.documents';

export const MATRIX = 'matrix';
export const MESAS = 'mesa';
export const ROWS = 'row';

/**
 * The live matrix of every mesa: one document per mesa (its lifecycle, participants, sessions,
 * conveners) and one row per problem. Pure: the same events always give the same documents,
 * which is what lets `asOf` rebuild a past matrix with this very fold.
 */
export const matrixProjection: Projection = {
  name: MATRIX,

  refsOf(event: StoredEvent): DocRef[] {
    const stream = parseStreamId(event.streamId);
    if (!stream) return [];
    return stream.kind === 'mesa'
      ? [{ collection: MESAS, key: stream.id }]
      : [{ collection: ROWS, key: stream.id }];
  },

  apply(view: DocView, stored: StoredEvent): void {
    const event = asDomainEvent(stored);
    const at = event.occurredAt;
    const sessionId = stored.metadata.sessionId;

    switch (event.type) {
      case 'MesaProposed': {
        const d = event.data;
        const doc: MesaDoc = {
          ...d,
          status: 'proposed',
          viability: null,
          proposedAt: at,
          launchedAt: null,
          closedAt: null,
          closeReason: null,
          participants: [],
          sessions: [],
          convenerHistory: [{ convener: d.convener, since: at, reason: null }],
        };
        view.put(MESAS, d.mesaId, doc);
        return;
      }
      case 'MesaViabilityAssessed':
        return updateMesa(view, event.data.mesaId, (m) => ({
          ...m,
          viability: { viable: event.data.viable, notes: event.data.notes, assessedAt: at },
        }));
      case 'MesaLaunched':
        return updateMesa(view, event.data.mesaId, (m) => ({
          ...m,
          status: 'launched',
          launchedAt: at,
        }));
      case 'MesaTransferred':
        return updateMesa(view, event.data.mesaId, (m) => ({
          ...m,
          convener: event.data.toConvener,
          convenerHistory: [
            ...m.convenerHistory,
            { convener: event.data.toConvener, since: at, reason: event.data.reason },
          ],
        }));
      case 'MesaClosed':
        return updateMesa(view, event.data.mesaId, (m) => ({
          ...m,
          status: 'closed',
          closedAt: at,
          closeReason: event.data.reason,
        }));
      case 'ParticipantJoined': {
        const { mesaId, ...p } = event.data;
        return updateMesa(view, mesaId, (m) => ({
          ...m,
          participants: [
            ...m.participants.filter((x) => x.participantId !== p.participantId),
            { ...p, joinedAt: at, leftAt: null, active: true },
          ],
        }));
      }
      case 'ParticipantLeft':
        return updateMesa(view, event.data.mesaId, (m) => ({
          ...m,
          participants: m.participants.map((p) =>
            p.participantId === event.data.participantId ? { ...p, leftAt: at, active: false } : p,
          ),
        }));
      case 'SessionHeld': {
        const { mesaId, ...s } = event.data;
        return updateMesa(view, mesaId, (m) => ({ ...m, sessions: [...m.sessions, s] }));
      }

      case 'ProblemRaised': {
        const d = event.data;
        const row: MatrixRowDoc = {
          problemId: d.problemId,
          mesaId: d.mesaId,
          title: d.title,
          description: d.description,
          barrier: d.barrier,
          raisedBy: d.raisedBy,
          ownership: null,
          rootCause: null,
          rank: null,
          status: 'raised',
          accepted: false,
          rejectionReason: null,
          solution: null,
          tasks: [],
          escalation: null,
          raisedAt: at,
          resolvedAt: null,
          decidedIn: [],
        };
        return putRow(view, withSession(row, event.type, sessionId, at));
      }
      default:
        break;
    }

    const row = view.get<MatrixRowDoc>(ROWS, event.data.problemId);
    if (!row) return;
    const next = ((): MatrixRowDoc => {
      switch (event.type) {
        case 'ProblemClassified':
          return { ...row, ownership: event.data.ownership, rootCause: event.data.rootCause };
        case 'ProblemFiltered':
          return event.data.decision === 'accepted'
            ? { ...row, accepted: true, status: 'open' }
            : { ...row, accepted: false, status: 'rejected', rejectionReason: event.data.reason };
        case 'ProblemPrioritized':
          return { ...row, rank: event.data.rank };
        case 'SolutionProposed':
        case 'SolutionRevised':
          return { ...row, solution: { revision: event.data.revision, text: event.data.text } };
        case 'TaskAssigned': {
          const { taskId, title, responsibleEntity, dueOn } = event.data;
          const task: TaskDoc = {
            taskId,
            title,
            responsibleEntity,
            dueOn,
            status: 'open',
            assignedAt: at,
            completedAt: null,
          };
          return { ...row, tasks: [...row.tasks, task] };
        }
        case 'TaskProgressReported':
          return row;
        case 'TaskDeadlineMoved':
          return updateTask(row, event.data.taskId, { dueOn: event.data.dueOn });
        case 'TaskCompleted':
          return updateTask(row, event.data.taskId, { status: 'done', completedAt: at });
        case 'TaskCancelled':
          return updateTask(row, event.data.taskId, { status: 'cancelled' });
        case 'Escalated':
          return {
            ...row,
            status: 'escalated',
            escalation: { reason: event.data.reason, since: at },
          };
        case 'EscalationResolved':
          return { ...row, status: baseStatus(row), escalation: null };
        case 'ProblemResolved':
          return { ...row, status: 'resolved', resolvedAt: at };
        case 'ProblemReopened':
          return { ...row, status: baseStatus(row), resolvedAt: null };
        case 'ImpactRecorded':
          return row;
        default:
          return assertNever(event);
      }
    })();
    putRow(view, withSession(next, event.type, sessionId, at));
  },
};

function baseStatus(row: MatrixRowDoc): MatrixStatus {
  return row.accepted ? 'open' : 'raised';
}

function updateTask(row: MatrixRowDoc, taskId: string, change: Partial<TaskDoc>): MatrixRowDoc {
  return { ...row, tasks: row.tasks.map((t) => (t.taskId === taskId ? { ...t, ...change } : t)) };
}

function withSession(
  row: MatrixRowDoc,
  type: string,
  sessionId: string | undefined,
  at: string,
): MatrixRowDoc {
  return sessionId
    ? { ...row, decidedIn: [...row.decidedIn, { type, sessionId, occurredAt: at }] }
    : row;
}

function putRow(view: DocView, row: MatrixRowDoc): void {
  view.put(ROWS, row.problemId, row, row.mesaId);
}

function updateMesa(view: DocView, mesaId: string, change: (mesa: MesaDoc) => MesaDoc): void {
  const mesa = view.get<MesaDoc>(MESAS, mesaId);
  if (mesa) view.put(MESAS, mesaId, change(mesa));
}
