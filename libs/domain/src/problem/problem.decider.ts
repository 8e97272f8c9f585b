import { CommandMeta, assertBusinessTime, assertNever } from '../shared/command-meta';
import { NotFound, RuleViolation } from '../shared/domain-errors';
import type {
  EscalationReason,
  FilterDecision,
  Ownership,
  RootCause,
} from '../shared/vocabularies';
import { MesaState } from '../mesa/mesa.events';
import {
  ProblemEvent,
  ProblemRaised,
  ProblemState,
  TaskState,
  evolveProblem,
  initialProblemState,
} from './problem.events';

interface Cmd<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly meta: CommandMeta;
}
type TaskCmd<TType extends string, TData> = Cmd<TType, TData & { taskId: string }>;

export type RaiseProblem = Cmd<'RaiseProblem', ProblemRaised['data']>;
export type ClassifyProblem = Cmd<
  'ClassifyProblem',
  { ownership: Ownership; rootCause: RootCause }
>;
export type FilterProblem = Cmd<
  'FilterProblem',
  { decision: FilterDecision; reason: string | null }
>;
export type PrioritizeProblem = Cmd<'PrioritizeProblem', { rank: number }>;
/** The first solution of a problem is proposed; every later one revises it. */
export type ProposeSolution = Cmd<'ProposeSolution', { text: string; rationale: string | null }>;
export type AssignTask = TaskCmd<
  'AssignTask',
  { title: string; responsibleEntity: string; dueOn: string }
>;
export type ReportTaskProgress = TaskCmd<'ReportTaskProgress', { note: string }>;
export type MoveTaskDeadline = TaskCmd<'MoveTaskDeadline', { dueOn: string; reason: string }>;
export type CompleteTask = TaskCmd<'CompleteTask', { outcome: string | null }>;
export type CancelTask = TaskCmd<'CancelTask', { reason: string }>;
export type EscalateProblem = Cmd<
  'EscalateProblem',
  { reason: EscalationReason; note: string | null }
>;
export type DecideEscalation = Cmd<'DecideEscalation', { decision: string; decidedBy: string }>;
export type ResolveProblem = Cmd<'ResolveProblem', { outcome: string }>;
export type ReopenProblem = Cmd<'ReopenProblem', { reason: string }>;
export type RecordImpact = Cmd<
  'RecordImpact',
  { indicator: string; unit: string; before: number; after: number }
>;

export type ProblemCommand =
  | RaiseProblem
  | ClassifyProblem
  | FilterProblem
  | PrioritizeProblem
  | ProposeSolution
  | AssignTask
  | ReportTaskProgress
  | MoveTaskDeadline
  | CompleteTask
  | CancelTask
  | EscalateProblem
  | DecideEscalation
  | ResolveProblem
  | ReopenProblem
  | RecordImpact;

/** A problem is decided in the context of its mesa (launched? closed? who participates?). */
export interface ProblemContext {
  readonly problem: ProblemState;
  readonly mesa: MesaState;
}

/**
 * Decides what a command on a problem means. Every rule of a problem's life lives here:
 * filtering before work, one pending escalation at a time, closed tasks stay closed, and
 * business time that never goes backwards within the stream.
 */
export function decideProblem(command: ProblemCommand, context: ProblemContext): ProblemEvent[] {
  const { problem, mesa } = context;
  const at = command.meta.occurredAt;
  if (mesa.status === null || mesa.mesaId === null) throw new NotFound('unknown mesa');
  if (mesa.status === 'closed') throw new RuleViolation(`mesa ${mesa.mesaId} is closed`);
  const sessionId = command.meta.sessionId;
  if (sessionId !== undefined && !mesa.sessionIds.has(sessionId)) {
    throw new RuleViolation(`session ${sessionId} is not a session of mesa ${mesa.mesaId}`);
  }

  if (command.type === 'RaiseProblem') {
    if (problem.status !== null) {
      throw new RuleViolation(`problem ${command.data.problemId} already exists`);
    }
    if (mesa.status !== 'launched' || mesa.launchedAt === null) {
      throw new RuleViolation(`mesa ${mesa.mesaId} must be launched before problems are raised`);
    }
    assertBusinessTime(command.meta, mesa.launchedAt);
    if (mesa.participants[command.data.raisedBy] === undefined) {
      throw new RuleViolation(
        `raisedBy ${command.data.raisedBy} is not a participant of mesa ${mesa.mesaId}`,
      );
    }
    return [{ type: 'ProblemRaised', data: { ...command.data }, occurredAt: at }];
  }

  if (problem.status === null || problem.problemId === null || problem.mesaId === null) {
    throw new NotFound('unknown problem');
  }
  assertBusinessTime(command.meta, problem.lastOccurredAt);
  const ids = { mesaId: problem.mesaId, problemId: problem.problemId };
  const status = problem.status;

  switch (command.type) {
    case 'ClassifyProblem':
      refuseWhen(status === 'rejected', `problem ${ids.problemId} was rejected`);
      return [{ type: 'ProblemClassified', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'FilterProblem':
      refuseWhen(status !== 'raised', `problem ${ids.problemId} was already filtered`);
      if (command.data.decision === 'rejected' && !command.data.reason?.trim()) {
        throw new RuleViolation('rejecting a problem needs a reason');
      }
      return [{ type: 'ProblemFiltered', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'PrioritizeProblem':
      refuseWhen(status !== 'accepted', onlyAccepted(ids.problemId, status, 'prioritised'));
      refuseWhen(
        !Number.isInteger(command.data.rank) || command.data.rank < 1,
        'rank must be an integer of at least 1',
      );
      return [{ type: 'ProblemPrioritized', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'ProposeSolution': {
      refuseWhen(status === 'rejected', `problem ${ids.problemId} was rejected`);
      refuseWhen(status === 'resolved', `problem ${ids.problemId} is resolved; reopen it first`);
      const data = { ...ids, ...command.data };
      return problem.solutionRevision === 0
        ? [{ type: 'SolutionProposed', data: { ...data, revision: 1 }, occurredAt: at }]
        : [
            {
              type: 'SolutionRevised',
              data: { ...data, revision: problem.solutionRevision + 1 },
              occurredAt: at,
            },
          ];
    }

    case 'AssignTask':
      refuseWhen(status !== 'accepted', onlyAccepted(ids.problemId, status, 'given tasks'));
      refuseWhen(
        problem.tasks[command.data.taskId] !== undefined,
        `task ${command.data.taskId} already exists`,
      );
      return [{ type: 'TaskAssigned', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'ReportTaskProgress':
      openTask(problem, command.data.taskId);
      return [{ type: 'TaskProgressReported', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'MoveTaskDeadline': {
      const task = openTask(problem, command.data.taskId);
      refuseWhen(task.dueOn === command.data.dueOn, `task is already due on ${task.dueOn}`);
      return [
        {
          type: 'TaskDeadlineMoved',
          data: { ...ids, ...command.data, previousDueOn: task.dueOn },
          occurredAt: at,
        },
      ];
    }

    case 'CompleteTask':
      openTask(problem, command.data.taskId);
      return [{ type: 'TaskCompleted', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'CancelTask':
      openTask(problem, command.data.taskId);
      return [{ type: 'TaskCancelled', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'EscalateProblem':
      refuseWhen(status !== 'accepted', onlyAccepted(ids.problemId, status, 'escalated'));
      refuseWhen(
        problem.escalationPending,
        `problem ${ids.problemId} already has an escalation awaiting its decision`,
      );
      return [{ type: 'Escalated', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'DecideEscalation':
      refuseWhen(
        !problem.escalationPending,
        `problem ${ids.problemId} has no escalation awaiting a decision`,
      );
      return [{ type: 'EscalationResolved', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'ResolveProblem':
      refuseWhen(status === 'resolved', `problem ${ids.problemId} is already resolved`);
      refuseWhen(status === 'rejected', `problem ${ids.problemId} was rejected`);
      refuseWhen(
        problem.escalationPending,
        `problem ${ids.problemId} has an escalation awaiting its decision`,
      );
      return [{ type: 'ProblemResolved', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'ReopenProblem':
      refuseWhen(status !== 'resolved', `only a resolved problem can be reopened`);
      return [{ type: 'ProblemReopened', data: { ...ids, ...command.data }, occurredAt: at }];

    case 'RecordImpact':
      refuseWhen(
        problem.timesResolved === 0,
        `impact is recorded for a problem that has been resolved`,
      );
      return [{ type: 'ImpactRecorded', data: { ...ids, ...command.data }, occurredAt: at }];

    default:
      return assertNever(command);
  }
}

function refuseWhen(condition: boolean, message: string): void {
  if (condition) throw new RuleViolation(message);
}

function onlyAccepted(problemId: string, status: string, what: string): string {
  return status === 'raised'
    ? `problem ${problemId} must be accepted by the filter before it is ${what}`
    : `problem ${problemId} is ${status} and cannot be ${what}`;
}

function openTask(problem: ProblemState, taskId: string): TaskState {
  const task = problem.tasks[taskId];
  if (!task) throw new NotFound(`unknown task ${taskId}`);
  if (task.status !== 'open') throw new RuleViolation(`task ${taskId} is already ${task.status}`);
  return task;
}

export const problemDecider = {
  decide: decideProblem,
  evolve: evolveProblem,
  initialState: initialProblemState,
} as const;
