import type { MatrixStatus } from '@mesas/domain';
import type { JsonObject, StoredEvent } from '@mesas/event-store';
import { publicData } from '@mesas/transparency';
import type { MatrixRowDoc } from './matrix.documents';
import { StatusCounts, countByStatus, matrixAsOf } from './matrix.queries';

/**
 * What changed in a mesa's matrix between two instants of business time, for auditors:
 * `GET /mesas/{m}/matrix/diff?from=&to=`.
 *
 * The states at `from` and at `to` are the same time-travel folds as `?asOf=` (so the diff of
 * a and b agrees with the two matrices an auditor can fetch); the changes are the events that
 * occurred in (from, to], in the order the folds apply them, each with the session the command
 * named (`sessionId`, from the event's metadata; null when none was named). Everything shown is
 * public: event details pass through the history's internal-fields catalogue.
 */

export type DiffProblem = {
  problemId: string;
  title: string;
  barrier: string;
  raisedAt: string;
  /** its status at `to` */
  status: MatrixStatus;
  sessionId: string | null;
};

export type DiffStatusChange = {
  problemId: string;
  title: string;
  before: MatrixStatus;
  after: MatrixStatus;
};

export type DiffSolutionRevision = {
  problemId: string;
  title: string;
  revision: number;
  text: string;
  rationale: string | null;
  occurredAt: string;
  sessionId: string | null;
};

export type DiffTaskChange = {
  problemId: string;
  taskId: string;
  title: string;
  responsibleEntity: string | null;
  change: 'assigned' | 'progress' | 'deadline_moved' | 'completed' | 'cancelled';
  /** the due date after the change */
  dueOn: string | null;
  /** deadline_moved: the due date before it */
  previousDueOn?: string;
  /** progress: the note; deadline_moved, cancelled: the reason; completed: the outcome */
  note?: string | null;
  occurredAt: string;
  sessionId: string | null;
};

export type DiffEscalation = {
  problemId: string;
  title: string;
  change: 'escalated' | 'resolved';
  /** escalated: one of the domain's ESCALATION_REASONS */
  reason?: string;
  note?: string | null;
  decision?: string;
  decidedBy?: string;
  occurredAt: string;
  sessionId: string | null;
};

export type DiffDecision = {
  type: string;
  problemId: string | null;
  title: string | null;
  occurredAt: string;
  sessionId: string | null;
  /** the event's public data, less the ids already named */
  details: JsonObject;
};

export type DiffSession = {
  sessionId: string;
  /** null when the session was not recorded in this mesa by `to` */
  heldOn: string | null;
  type: string | null;
  /** whether it was held within (from, to] */
  heldInWindow: boolean;
  /** the changes listed above that were decided in it */
  decisions: { type: string; problemId: string | null; occurredAt: string }[];
};

export type MatrixDiff = {
  mesaId: string;
  from: string;
  to: string;
  /** how many of the mesa's events occurred in (from, to] */
  events: number;
  before: { problems: number; byStatus: StatusCounts };
  after: { problems: number; byStatus: StatusCounts };
  problemsAdded: DiffProblem[];
  statusChanges: DiffStatusChange[];
  solutionRevisions: DiffSolutionRevision[];
  tasks: DiffTaskChange[];
  escalations: DiffEscalation[];
  decisions: DiffDecision[];
  sessions: DiffSession[];
};

const PARTICIPANT_EVENTS = new Set(['ParticipantJoined', 'ParticipantLeft']);

/**
 * The diff of mesa `mesaId` from `from` to `to` (ISO instants, from ≤ to) over `events`, which
 * must hold the mesa's stream and the streams of its problems (others are ignored). Null when
 * the mesa had not been proposed by `to`.
 */
export function matrixDiff(
  events: readonly StoredEvent[],
  mesaId: string,
  from: string,
  to: string,
): MatrixDiff | null {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(start <= end)) throw new RangeError(`from (${from}) must not be after to (${to})`);
  const before = matrixAsOf(events, mesaId, from);
  const after = matrixAsOf(events, mesaId, to);
  if (!after.mesa) return null;

  const beforeRows = new Map(before.rows.map((r) => [r.problemId, r]));
  const afterRows = new Map(after.rows.map((r) => [r.problemId, r]));
  const titleOf = (problemId: string): string =>
    afterRows.get(problemId)?.title ?? beforeRows.get(problemId)?.title ?? problemId;

  const window = events
    .filter((e) => e.data.mesaId === mesaId)
    .filter((e) => {
      const at = Date.parse(e.occurredAt);
      return at > start && at <= end;
    })
    .sort(
      (a, b) =>
        Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
        (a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0),
    );

  const diff: MatrixDiff = {
    mesaId,
    from,
    to,
    events: window.length,
    before: summary(before.rows),
    after: summary(after.rows),
    problemsAdded: [],
    statusChanges: [],
    solutionRevisions: [],
    tasks: [],
    escalations: [],
    decisions: [],
    sessions: [],
  };

  // Tasks as they stand while walking the window (assigned before `from` or within it).
  const tasks = new Map<string, { title: string; responsibleEntity: string; dueOn: string }>();
  for (const row of before.rows) {
    for (const t of row.tasks) {
      const { title, responsibleEntity, dueOn } = t;
      tasks.set(`${row.problemId}/${t.taskId}`, { title, responsibleEntity, dueOn });
    }
  }
  const sessions = new Map<string, DiffSession>();
  const sessionOf = (id: string): DiffSession => {
    let s = sessions.get(id);
    if (!s) {
      const known = after.mesa?.sessions.find((x) => x.sessionId === id);
      s = {
        sessionId: id,
        heldOn: known?.heldOn ?? null,
        type: known?.type ?? null,
        heldInWindow: false,
        decisions: [],
      };
      sessions.set(id, s);
    }
    return s;
  };

  for (const event of window) {
    const d = publicData(event.type, event.data);
    const str = (key: string): string => (typeof d[key] === 'string' ? (d[key] as string) : '');
    const strOrNull = (key: string): string | null =>
      typeof d[key] === 'string' ? (d[key] as string) : null;
    const problemId = typeof d.problemId === 'string' ? d.problemId : null;
    const sessionId = event.metadata.sessionId ?? null;
    const at = event.occurredAt;
    if (sessionId !== null && event.type !== 'SessionHeld') {
      sessionOf(sessionId).decisions.push({ type: event.type, problemId, occurredAt: at });
    }
    const p = problemId ?? '';
    switch (event.type) {
      case 'SessionHeld': {
        const s = sessionOf(str('sessionId'));
        s.heldOn = str('heldOn');
        s.type = str('type');
        s.heldInWindow = true;
        break;
      }
      case 'ProblemRaised':
        diff.problemsAdded.push({
          problemId: p,
          title: titleOf(p),
          barrier: str('barrier'),
          raisedAt: at,
          status: afterRows.get(p)?.status ?? 'raised',
          sessionId,
        });
        break;
      case 'SolutionProposed':
      case 'SolutionRevised':
        diff.solutionRevisions.push({
          problemId: p,
          title: titleOf(p),
          revision: typeof d.revision === 'number' ? d.revision : 0,
          text: str('text'),
          rationale: strOrNull('rationale'),
          occurredAt: at,
          sessionId,
        });
        break;
      case 'TaskAssigned':
      case 'TaskProgressReported':
      case 'TaskDeadlineMoved':
      case 'TaskCompleted':
      case 'TaskCancelled': {
        const key = `${p}/${str('taskId')}`;
        if (event.type === 'TaskAssigned') {
          tasks.set(key, {
            title: str('title'),
            responsibleEntity: str('responsibleEntity'),
            dueOn: str('dueOn'),
          });
        }
        const task = tasks.get(key);
        if (task && event.type === 'TaskDeadlineMoved') task.dueOn = str('dueOn');
        const change: DiffTaskChange = {
          problemId: p,
          taskId: str('taskId'),
          title: task?.title ?? str('taskId'),
          responsibleEntity: task?.responsibleEntity ?? null,
          change: TASK_CHANGE[event.type],
          dueOn: task?.dueOn ?? null,
          occurredAt: at,
          sessionId,
        };
        if (event.type === 'TaskDeadlineMoved') change.previousDueOn = str('previousDueOn');
        if (event.type === 'TaskProgressReported') change.note = strOrNull('note');
        if (event.type === 'TaskDeadlineMoved' || event.type === 'TaskCancelled')
          change.note = strOrNull('reason');
        if (event.type === 'TaskCompleted') change.note = strOrNull('outcome');
        diff.tasks.push(change);
        break;
      }
      case 'Escalated':
        diff.escalations.push({
          problemId: p,
          title: titleOf(p),
          change: 'escalated',
          reason: str('reason'),
          note: strOrNull('note'),
          occurredAt: at,
          sessionId,
        });
        break;
      case 'EscalationResolved':
        diff.escalations.push({
          problemId: p,
          title: titleOf(p),
          change: 'resolved',
          decision: str('decision'),
          decidedBy: str('decidedBy'),
          occurredAt: at,
          sessionId,
        });
        break;
      default: {
        if (PARTICIPANT_EVENTS.has(event.type)) break;
        const details: { [key: string]: JsonObject[string] } = {};
        for (const [key, value] of Object.entries(d)) {
          if (key !== 'mesaId' && key !== 'problemId') details[key] = value;
        }
        diff.decisions.push({
          type: event.type,
          problemId,
          title: problemId === null ? null : titleOf(problemId),
          occurredAt: at,
          sessionId,
          details,
        });
      }
    }
  }

  for (const [problemId, was] of beforeRows) {
    const now = afterRows.get(problemId);
    if (now && now.status !== was.status) {
      diff.statusChanges.push({
        problemId,
        title: now.title,
        before: was.status,
        after: now.status,
      });
    }
  }
  diff.sessions = [...sessions.values()].sort(
    (a, b) =>
      (a.heldOn ?? '').localeCompare(b.heldOn ?? '') || a.sessionId.localeCompare(b.sessionId),
  );
  return diff;
}

const TASK_CHANGE: Record<string, DiffTaskChange['change']> = {
  TaskAssigned: 'assigned',
  TaskProgressReported: 'progress',
  TaskDeadlineMoved: 'deadline_moved',
  TaskCompleted: 'completed',
  TaskCancelled: 'cancelled',
};

function summary(rows: readonly MatrixRowDoc[]): { problems: number; byStatus: StatusCounts } {
  return { problems: rows.length, byStatus: countByStatus(rows) };
}
