import { DomainEvent, assertNever } from '../shared/command-meta';
import type {
  Barrier,
  EscalationReason,
  FilterDecision,
  Ownership,
  RootCause,
  TaskStatus,
} from '../shared/vocabularies';

/** Every problem event names its mesa, so that a consumer of one event never needs another. */
interface OfProblem {
  mesaId: string;
  problemId: string;
}

export type ProblemRaised = DomainEvent<
  'ProblemRaised',
  OfProblem & { title: string; description: string | null; barrier: Barrier; raisedBy: string }
>;
export type ProblemClassified = DomainEvent<
  'ProblemClassified',
  OfProblem & { ownership: Ownership; rootCause: RootCause }
>;
export type ProblemFiltered = DomainEvent<
  'ProblemFiltered',
  OfProblem & { decision: FilterDecision; reason: string | null }
>;
export type ProblemPrioritized = DomainEvent<'ProblemPrioritized', OfProblem & { rank: number }>;
export type SolutionProposed = DomainEvent<
  'SolutionProposed',
  OfProblem & { revision: 1; text: string; rationale: string | null }
>;
export type SolutionRevised = DomainEvent<
  'SolutionRevised',
  OfProblem & { revision: number; text: string; rationale: string | null }
>;
export type TaskAssigned = DomainEvent<
  'TaskAssigned',
  OfProblem & { taskId: string; title: string; responsibleEntity: string; dueOn: string }
>;
export type TaskProgressReported = DomainEvent<
  'TaskProgressReported',
  OfProblem & { taskId: string; note: string }
>;
export type TaskDeadlineMoved = DomainEvent<
  'TaskDeadlineMoved',
  OfProblem & { taskId: string; previousDueOn: string; dueOn: string; reason: string }
>;
export type TaskCompleted = DomainEvent<
  'TaskCompleted',
  OfProblem & { taskId: string; outcome: string | null }
>;
export type TaskCancelled = DomainEvent<
  'TaskCancelled',
  OfProblem & { taskId: string; reason: string }
>;
export type Escalated = DomainEvent<
  'Escalated',
  OfProblem & { reason: EscalationReason; note: string | null }
>;
export type EscalationResolved = DomainEvent<
  'EscalationResolved',
  OfProblem & { decision: string; decidedBy: string }
>;
export type ProblemResolved = DomainEvent<'ProblemResolved', OfProblem & { outcome: string }>;
export type ProblemReopened = DomainEvent<'ProblemReopened', OfProblem & { reason: string }>;
export type ImpactRecorded = DomainEvent<
  'ImpactRecorded',
  OfProblem & { indicator: string; unit: string; before: number; after: number }
>;

export type ProblemEvent =
  | ProblemRaised
  | ProblemClassified
  | ProblemFiltered
  | ProblemPrioritized
  | SolutionProposed
  | SolutionRevised
  | TaskAssigned
  | TaskProgressReported
  | TaskDeadlineMoved
  | TaskCompleted
  | TaskCancelled
  | Escalated
  | EscalationResolved
  | ProblemResolved
  | ProblemReopened
  | ImpactRecorded;

/** `raised`: not yet filtered. Escalation is orthogonal and kept in `escalationPending`. */
export type ProblemStatus = 'raised' | 'accepted' | 'rejected' | 'resolved';

export interface TaskState {
  readonly status: TaskStatus;
  readonly responsibleEntity: string;
  readonly dueOn: string;
}

export interface ProblemState {
  readonly status: ProblemStatus | null;
  readonly problemId: string | null;
  readonly mesaId: string | null;
  /** whether the problem passed the filter (a resolved problem keeps its filter decision) */
  readonly accepted: boolean;
  readonly solutionRevision: number;
  readonly tasks: Readonly<Record<string, TaskState>>;
  readonly escalationPending: boolean;
  readonly timesResolved: number;
  readonly lastOccurredAt: string | null;
}

export const initialProblemState: ProblemState = {
  status: null,
  problemId: null,
  mesaId: null,
  accepted: false,
  solutionRevision: 0,
  tasks: {},
  escalationPending: false,
  timesResolved: 0,
  lastOccurredAt: null,
};

/** Folds one event into the state. Never throws: every rule was checked when it was decided. */
export function evolveProblem(state: ProblemState, event: ProblemEvent): ProblemState {
  const next: ProblemState = { ...state, lastOccurredAt: event.occurredAt };
  const withTask = (taskId: string, change: Partial<TaskState>): ProblemState => {
    const task = state.tasks[taskId];
    return task ? { ...next, tasks: { ...state.tasks, [taskId]: { ...task, ...change } } } : next;
  };
  switch (event.type) {
    case 'ProblemRaised':
      return {
        ...next,
        status: 'raised',
        problemId: event.data.problemId,
        mesaId: event.data.mesaId,
      };
    case 'ProblemFiltered':
      return event.data.decision === 'accepted'
        ? { ...next, status: 'accepted', accepted: true }
        : { ...next, status: 'rejected', accepted: false };
    case 'ProblemClassified':
    case 'ProblemPrioritized':
    case 'TaskProgressReported':
    case 'ImpactRecorded':
      return next;
    case 'SolutionProposed':
    case 'SolutionRevised':
      return { ...next, solutionRevision: event.data.revision };
    case 'TaskAssigned':
      return {
        ...next,
        tasks: {
          ...state.tasks,
          [event.data.taskId]: {
            status: 'open',
            responsibleEntity: event.data.responsibleEntity,
            dueOn: event.data.dueOn,
          },
        },
      };
    case 'TaskDeadlineMoved':
      return withTask(event.data.taskId, { dueOn: event.data.dueOn });
    case 'TaskCompleted':
      return withTask(event.data.taskId, { status: 'done' });
    case 'TaskCancelled':
      return withTask(event.data.taskId, { status: 'cancelled' });
    case 'Escalated':
      return { ...next, escalationPending: true };
    case 'EscalationResolved':
      return { ...next, escalationPending: false };
    case 'ProblemResolved':
      return { ...next, status: 'resolved', timesResolved: state.timesResolved + 1 };
    case 'ProblemReopened':
      return { ...next, status: state.accepted ? 'accepted' : 'raised' };
    default:
      return assertNever(event);
  }
}
