import fc from 'fast-check';
import { MesaEvent, evolveMesa, initialMesaState } from '../mesa/mesa.events';
import { Actor, CommandMeta } from '../shared/command-meta';
import { DomainError, NotFound, RuleViolation } from '../shared/domain-errors';
import { SpecDecider, deciderSpecification } from '../testing/decider-specification';
import { ProblemCommand, ProblemContext, decideProblem } from './problem.decider';
import {
  BARRIERS,
  ESCALATION_REASONS,
  EscalationReason,
  FILTER_DECISIONS,
  FilterDecision,
  OWNERSHIPS,
  ROOT_CAUSES,
} from '../shared/vocabularies';
import { ProblemEvent, evolveProblem, initialProblemState } from './problem.events';

// Business time of the fixtures: day n of March 2025 at 09:00 UTC; the server clock is later.
const at = (day: number, minutes = 0): string =>
  new Date(Date.UTC(2025, 2, 1 + day, 9, minutes)).toISOString();
const NOW = at(60);
const coordinator: Actor = { sub: 'team-1', role: 'coordinator' };
const meta = (occurredAt: string, extra: Partial<CommandMeta> = {}): CommandMeta => ({
  occurredAt,
  now: NOW,
  actor: coordinator,
  ...extra,
});

const M = 'm-forestal';
const P = 'pr-permits';
const ids = { mesaId: M, problemId: P };

// ---- the mesa a problem lives in, always folded from mesa events ---------------------------

const mesaProposed: MesaEvent = {
  type: 'MesaProposed',
  data: {
    mesaId: M,
    name: 'Mesa Ejecutiva Forestal',
    kind: 'sector',
    scope: 'forestry',
    level: 'national',
    region: null,
    convener: 'PRODUCE',
    cadenceDays: 14,
  },
  occurredAt: at(0),
};
const mesaViable: MesaEvent = {
  type: 'MesaViabilityAssessed',
  data: { mesaId: M, viable: true, notes: 'ok' },
  occurredAt: at(1),
};
const LAUNCH = at(2);
const mesaLaunched: MesaEvent = {
  type: 'MesaLaunched',
  data: { mesaId: M },
  occurredAt: LAUNCH,
};
const participant = (participantId: string, day: number): MesaEvent => ({
  type: 'ParticipantJoined',
  data: {
    mesaId: M,
    participantId,
    name: participantId,
    organisation: 'ORG',
    role: 'private',
  },
  occurredAt: at(day),
});
const session1: MesaEvent = {
  type: 'SessionHeld',
  data: {
    mesaId: M,
    sessionId: 's-1',
    type: 'regular',
    heldOn: '2025-03-05',
    attendees: ['p-adex'],
    problemIds: [],
    summary: null,
  },
  occurredAt: at(4),
};

/** launched on day 2, with p-adex and p-serfor (day 3) and session s-1 (day 4) */
const launchedMesa: MesaEvent[] = [
  mesaProposed,
  mesaViable,
  mesaLaunched,
  participant('p-adex', 3),
  participant('p-serfor', 3),
  session1,
];
const proposedMesa: MesaEvent[] = [mesaProposed, mesaViable, participant('p-adex', 1)];
const closedMesa: MesaEvent[] = [
  ...launchedMesa,
  {
    type: 'MesaClosed',
    data: { mesaId: M, reason: 'done' },
    occurredAt: at(30),
  },
];
const adexLeft: MesaEvent = {
  type: 'ParticipantLeft',
  data: { mesaId: M, participantId: 'p-adex', reason: null },
  occurredAt: at(4),
};

/**
 * The problem decider's state is a ProblemContext: the given events are problem events folded
 * into `problem`, while `mesa` is the state folded from the mesa events the spec starts from.
 */
function inMesa(mesaEvents: readonly MesaEvent[]) {
  const decider: SpecDecider<ProblemCommand, ProblemEvent, ProblemContext> = {
    decide: decideProblem,
    evolve: (context, event) => ({
      ...context,
      problem: evolveProblem(context.problem, event),
    }),
    initialState: {
      problem: initialProblemState,
      mesa: mesaEvents.reduce(evolveMesa, initialMesaState),
    },
  };
  return deciderSpecification(decider);
}
const spec = inMesa(launchedMesa);

// ---- problem events ------------------------------------------------------------------------

const raised: ProblemEvent = {
  type: 'ProblemRaised',
  data: {
    ...ids,
    title: 'Forest permits take 18 months',
    description: null,
    barrier: 'red_tape',
    raisedBy: 'p-adex',
  },
  occurredAt: at(5),
};
const accepted = (day = 6): ProblemEvent => ({
  type: 'ProblemFiltered',
  data: { ...ids, decision: 'accepted', reason: null },
  occurredAt: at(day),
});
const rejected = (day = 6): ProblemEvent => ({
  type: 'ProblemFiltered',
  data: { ...ids, decision: 'rejected', reason: 'out of scope' },
  occurredAt: at(day),
});
const solution = (revision: number, day: number): ProblemEvent =>
  revision === 1
    ? {
        type: 'SolutionProposed',
        data: { ...ids, revision: 1, text: 'one-stop window', rationale: null },
        occurredAt: at(day),
      }
    : {
        type: 'SolutionRevised',
        data: {
          ...ids,
          revision,
          text: `one-stop window v${revision}`,
          rationale: null,
        },
        occurredAt: at(day),
      };
const taskAssigned = (taskId: string, day: number, dueOn = '2025-04-30'): ProblemEvent => ({
  type: 'TaskAssigned',
  data: {
    ...ids,
    taskId,
    title: 'draft decree',
    responsibleEntity: 'SERFOR',
    dueOn,
  },
  occurredAt: at(day),
});
const deadlineMoved = (
  taskId: string,
  previousDueOn: string,
  dueOn: string,
  day: number,
): ProblemEvent => ({
  type: 'TaskDeadlineMoved',
  data: { ...ids, taskId, previousDueOn, dueOn, reason: 'waiting for MEF' },
  occurredAt: at(day),
});
const taskCompleted = (taskId: string, day: number): ProblemEvent => ({
  type: 'TaskCompleted',
  data: { ...ids, taskId, outcome: 'published' },
  occurredAt: at(day),
});
const taskCancelled = (taskId: string, day: number): ProblemEvent => ({
  type: 'TaskCancelled',
  data: { ...ids, taskId, reason: 'superseded' },
  occurredAt: at(day),
});
const escalated = (day: number): ProblemEvent => ({
  type: 'Escalated',
  data: { ...ids, reason: 'budget', note: null },
  occurredAt: at(day),
});
const escalationDecided = (day: number): ProblemEvent => ({
  type: 'EscalationResolved',
  data: { ...ids, decision: 'MEF funds it', decidedBy: 'vice-minister' },
  occurredAt: at(day),
});
const resolved = (day: number): ProblemEvent => ({
  type: 'ProblemResolved',
  data: { ...ids, outcome: 'decree published' },
  occurredAt: at(day),
});
const reopened = (day: number): ProblemEvent => ({
  type: 'ProblemReopened',
  data: { ...ids, reason: 'decree not applied' },
  occurredAt: at(day),
});

// ---- commands ------------------------------------------------------------------------------

const raise = (m: CommandMeta, raisedBy = 'p-adex'): ProblemCommand => ({
  type: 'RaiseProblem',
  data: {
    ...ids,
    title: 'Forest permits take 18 months',
    description: null,
    barrier: 'red_tape',
    raisedBy,
  },
  meta: m,
});
const classify = (m: CommandMeta): ProblemCommand => ({
  type: 'ClassifyProblem',
  data: { ownership: 'YP', rootCause: 'regulation' },
  meta: m,
});
const filter = (
  decision: FilterDecision,
  reason: string | null,
  m: CommandMeta,
): ProblemCommand => ({
  type: 'FilterProblem',
  data: { decision, reason },
  meta: m,
});
const prioritize = (rank: number, m: CommandMeta): ProblemCommand => ({
  type: 'PrioritizeProblem',
  data: { rank },
  meta: m,
});
const propose = (text: string, m: CommandMeta): ProblemCommand => ({
  type: 'ProposeSolution',
  data: { text, rationale: 'as in Colombia' },
  meta: m,
});
const assign = (taskId: string, m: CommandMeta): ProblemCommand => ({
  type: 'AssignTask',
  data: {
    taskId,
    title: 'draft decree',
    responsibleEntity: 'SERFOR',
    dueOn: '2025-04-30',
  },
  meta: m,
});
const progress = (taskId: string, m: CommandMeta): ProblemCommand => ({
  type: 'ReportTaskProgress',
  data: { taskId, note: 'draft circulated' },
  meta: m,
});
const moveDeadline = (taskId: string, dueOn: string, m: CommandMeta): ProblemCommand => ({
  type: 'MoveTaskDeadline',
  data: { taskId, dueOn, reason: 'waiting for MEF' },
  meta: m,
});
const complete = (taskId: string, m: CommandMeta): ProblemCommand => ({
  type: 'CompleteTask',
  data: { taskId, outcome: null },
  meta: m,
});
const cancel = (taskId: string, m: CommandMeta): ProblemCommand => ({
  type: 'CancelTask',
  data: { taskId, reason: 'superseded' },
  meta: m,
});
const escalate = (m: CommandMeta, reason: EscalationReason = 'legal'): ProblemCommand => ({
  type: 'EscalateProblem',
  data: { reason, note: 'needs a law' },
  meta: m,
});
const decide = (m: CommandMeta): ProblemCommand => ({
  type: 'DecideEscalation',
  data: { decision: 'send a bill', decidedBy: 'premier' },
  meta: m,
});
const resolve = (m: CommandMeta): ProblemCommand => ({
  type: 'ResolveProblem',
  data: { outcome: 'decree published' },
  meta: m,
});
const reopen = (m: CommandMeta): ProblemCommand => ({
  type: 'ReopenProblem',
  data: { reason: 'backlog again' },
  meta: m,
});
const recordImpact = (m: CommandMeta): ProblemCommand => ({
  type: 'RecordImpact',
  data: { indicator: 'permit time', unit: 'months', before: 18, after: 3 },
  meta: m,
});

/** every command of the union, for rules that hold for all of them */
const everyCommand = (m: CommandMeta): Array<[ProblemCommand['type'], ProblemCommand]> =>
  [
    raise(m),
    classify(m),
    filter('accepted', null, m),
    prioritize(1, m),
    propose('x', m),
    assign('t-new', m),
    progress('t-1', m),
    moveDeadline('t-1', '2025-05-31', m),
    complete('t-1', m),
    cancel('t-1', m),
    escalate(m),
    decide(m),
    resolve(m),
    reopen(m),
    recordImpact(m),
  ].map((command) => [command.type, command]);

const openProblem = [raised, accepted()];
const withTask = [...openProblem, taskAssigned('t-1', 7)];

describe('problem decider', () => {
  describe('raising', () => {
    it('a participant raises a problem in a launched mesa', () => {
      spec
        .given([])
        .when(raise(meta(at(5))))
        .then([raised]);
    });

    it('problems need a launched mesa', () => {
      inMesa(proposedMesa)
        .given([])
        .when(raise(meta(at(5))))
        .thenThrows(RuleViolation, /must be launched before problems are raised/);
    });

    it('problems need a mesa that exists', () => {
      inMesa([])
        .given([])
        .when(raise(meta(at(5))))
        .thenThrows(NotFound, /unknown mesa/);
    });

    it('raisedBy must be a participant of the mesa', () => {
      spec
        .given([])
        .when(raise(meta(at(5)), 'p-stranger'))
        .thenThrows(RuleViolation, /raisedBy p-stranger is not a participant/);
    });

    it('raisedBy cannot be a participant who left', () => {
      inMesa([...launchedMesa, adexLeft])
        .given([])
        .when(raise(meta(at(5)), 'p-adex'))
        .thenThrows(RuleViolation, /raisedBy p-adex is not a participant/);
    });

    it('a problem cannot be raised twice', () => {
      spec
        .given([raised])
        .when(raise(meta(at(6))))
        .thenThrows(RuleViolation, /already exists/);
    });

    it("a problem cannot be raised before the mesa's launch", () => {
      spec
        .given([])
        .when(raise(meta(at(1, 59))))
        .thenThrows(RuleViolation, /earlier than the stream's last event/);
    });

    it("a problem can be raised at the instant of the mesa's launch", () => {
      spec
        .given([])
        .when(raise(meta(LAUNCH)))
        .then([{ ...raised, occurredAt: LAUNCH }]);
    });

    it.each(everyCommand(meta(at(10))).filter(([type]) => type !== 'RaiseProblem'))(
      'a problem that was never raised is NotFound: %s',
      (_type, command) => {
        spec
          .given([])
          .when(command)
          .thenThrows(NotFound, /unknown problem/);
      },
    );

    it.each(everyCommand(meta(at(31))))(
      'a closed mesa accepts no problem command: %s is refused',
      (_type, command) => {
        inMesa(closedMesa)
          .given(withTask)
          .when(command)
          .thenThrows(RuleViolation, /mesa m-forestal is closed/);
      },
    );
  });

  describe('classifying and filtering', () => {
    it('a problem is classified by ownership and root cause', () => {
      spec
        .given([raised])
        .when(classify(meta(at(6))))
        .then([
          {
            type: 'ProblemClassified',
            data: { ...ids, ownership: 'YP', rootCause: 'regulation' },
            occurredAt: at(6),
          },
        ]);
    });

    it('a rejected problem is not classified', () => {
      spec
        .given([raised, rejected()])
        .when(classify(meta(at(7))))
        .thenThrows(RuleViolation, /was rejected/);
    });

    it('the filter accepts a problem without a reason', () => {
      spec
        .given([raised])
        .when(filter('accepted', null, meta(at(6))))
        .then([accepted()]);
    });

    it('the filter rejects a problem with a reason', () => {
      spec
        .given([raised])
        .when(filter('rejected', 'out of scope', meta(at(6))))
        .then([rejected()]);
    });

    it.each<[string, string | null]>([
      ['null', null],
      ['empty', ''],
      ['whitespace', ' \t\n '],
    ])('rejecting needs a reason: a %s reason is refused', (_what, reason) => {
      spec
        .given([raised])
        .when(filter('rejected', reason, meta(at(6))))
        .thenThrows(RuleViolation, /rejecting a problem needs a reason/);
    });

    it('a problem is filtered only once (after acceptance)', () => {
      spec
        .given(openProblem)
        .when(filter('rejected', 'changed our minds', meta(at(7))))
        .thenThrows(RuleViolation, /already filtered/);
    });

    it('a problem is filtered only once (after rejection)', () => {
      spec
        .given([raised, rejected()])
        .when(filter('accepted', null, meta(at(7))))
        .thenThrows(RuleViolation, /already filtered/);
    });

    it('a problem accepted, resolved and reopened is not filtered again', () => {
      spec
        .given([...openProblem, resolved(7), reopened(8)])
        .when(filter('accepted', null, meta(at(9))))
        .thenThrows(RuleViolation, /already filtered/);
    });
  });

  describe('prioritising', () => {
    it('an accepted problem is given a rank', () => {
      spec
        .given(openProblem)
        .when(prioritize(2, meta(at(7))))
        .then([
          {
            type: 'ProblemPrioritized',
            data: { ...ids, rank: 2 },
            occurredAt: at(7),
          },
        ]);
    });

    it('a problem not yet filtered cannot be prioritised', () => {
      spec
        .given([raised])
        .when(prioritize(1, meta(at(6))))
        .thenThrows(RuleViolation, /must be accepted by the filter before it is prioritised/);
    });

    it('a rejected problem cannot be prioritised', () => {
      spec
        .given([raised, rejected()])
        .when(prioritize(1, meta(at(7))))
        .thenThrows(RuleViolation, /is rejected and cannot be prioritised/);
    });

    it('a resolved problem cannot be prioritised', () => {
      spec
        .given([...openProblem, resolved(7)])
        .when(prioritize(1, meta(at(8))))
        .thenThrows(RuleViolation, /is resolved and cannot be prioritised/);
    });

    it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
      'rank must be an integer of at least 1: %p is refused',
      (rank) => {
        spec
          .given(openProblem)
          .when(prioritize(rank, meta(at(7))))
          .thenThrows(RuleViolation, /rank must be an integer of at least 1/);
      },
    );
  });

  describe('solutions', () => {
    it('the first solution is SolutionProposed with revision 1', () => {
      spec
        .given(openProblem)
        .when(propose('one-stop window', meta(at(7))))
        .then([
          {
            type: 'SolutionProposed',
            data: {
              ...ids,
              revision: 1,
              text: 'one-stop window',
              rationale: 'as in Colombia',
            },
            occurredAt: at(7),
          },
        ]);
    });

    it('a solution may be proposed before the problem is filtered', () => {
      spec
        .given([raised])
        .when(propose('one-stop window', meta(at(6))))
        .then([
          {
            type: 'SolutionProposed',
            data: {
              ...ids,
              revision: 1,
              text: 'one-stop window',
              rationale: 'as in Colombia',
            },
            occurredAt: at(6),
          },
        ]);
    });

    it('a later solution is SolutionRevised with the next revision', () => {
      spec
        .given([...openProblem, solution(1, 7), solution(2, 8)])
        .when(propose('digital permits', meta(at(9))))
        .then([
          {
            type: 'SolutionRevised',
            data: {
              ...ids,
              revision: 3,
              text: 'digital permits',
              rationale: 'as in Colombia',
            },
            occurredAt: at(9),
          },
        ]);
    });

    it('revisions keep counting after a reopening', () => {
      spec
        .given([...openProblem, solution(1, 7), resolved(8), reopened(9)])
        .when(propose('digital permits', meta(at(10))))
        .then([
          {
            type: 'SolutionRevised',
            data: {
              ...ids,
              revision: 2,
              text: 'digital permits',
              rationale: 'as in Colombia',
            },
            occurredAt: at(10),
          },
        ]);
    });

    it('no solution for a rejected problem', () => {
      spec
        .given([raised, rejected()])
        .when(propose('x', meta(at(7))))
        .thenThrows(RuleViolation, /was rejected/);
    });

    it('no solution for a resolved problem', () => {
      spec
        .given([...openProblem, solution(1, 7), resolved(8)])
        .when(propose('x', meta(at(9))))
        .thenThrows(RuleViolation, /is resolved; reopen it first/);
    });
  });

  describe('tasks', () => {
    it('an accepted problem is given a task', () => {
      spec
        .given(openProblem)
        .when(assign('t-1', meta(at(7))))
        .then([taskAssigned('t-1', 7)]);
    });

    it('a problem not yet filtered is given no task', () => {
      spec
        .given([raised])
        .when(assign('t-1', meta(at(6))))
        .thenThrows(RuleViolation, /must be accepted by the filter before it is given tasks/);
    });

    it('a rejected problem is given no task', () => {
      spec
        .given([raised, rejected()])
        .when(assign('t-1', meta(at(7))))
        .thenThrows(RuleViolation, /is rejected and cannot be given tasks/);
    });

    it('a resolved problem is given no task', () => {
      spec
        .given([...openProblem, resolved(7)])
        .when(assign('t-1', meta(at(8))))
        .thenThrows(RuleViolation, /is resolved and cannot be given tasks/);
    });

    it('a task id already used is refused', () => {
      spec
        .given(withTask)
        .when(assign('t-1', meta(at(8))))
        .thenThrows(RuleViolation, /task t-1 already exists/);
    });

    it('a task id already used is refused even when that task was cancelled', () => {
      spec
        .given([...withTask, taskCancelled('t-1', 8)])
        .when(assign('t-1', meta(at(9))))
        .thenThrows(RuleViolation, /task t-1 already exists/);
    });

    it('progress is reported on an open task', () => {
      spec
        .given(withTask)
        .when(progress('t-1', meta(at(8))))
        .then([
          {
            type: 'TaskProgressReported',
            data: { ...ids, taskId: 't-1', note: 'draft circulated' },
            occurredAt: at(8),
          },
        ]);
    });

    it('a deadline move records the previous due date', () => {
      spec
        .given(withTask)
        .when(moveDeadline('t-1', '2025-05-31', meta(at(8))))
        .then([deadlineMoved('t-1', '2025-04-30', '2025-05-31', 8)]);
    });

    it('a second deadline move records the date the first one set', () => {
      spec
        .given([...withTask, deadlineMoved('t-1', '2025-04-30', '2025-05-31', 8)])
        .when(moveDeadline('t-1', '2025-06-30', meta(at(9))))
        .then([deadlineMoved('t-1', '2025-05-31', '2025-06-30', 9)]);
    });

    it('moving a deadline to the date it already has is refused', () => {
      spec
        .given(withTask)
        .when(moveDeadline('t-1', '2025-04-30', meta(at(8))))
        .thenThrows(RuleViolation, /already due on 2025-04-30/);
    });

    it('an open task is completed', () => {
      spec
        .given(withTask)
        .when(complete('t-1', meta(at(8))))
        .then([
          {
            type: 'TaskCompleted',
            data: { ...ids, taskId: 't-1', outcome: null },
            occurredAt: at(8),
          },
        ]);
    });

    it('an open task is cancelled', () => {
      spec
        .given(withTask)
        .when(cancel('t-1', meta(at(8))))
        .then([taskCancelled('t-1', 8)]);
    });

    const later = meta(at(9));
    const onTask: Array<[string, ProblemCommand]> = [
      ['progress', progress('t-1', later)],
      ['completion', complete('t-1', later)],
      ['cancellation', cancel('t-1', later)],
      ['deadline move', moveDeadline('t-1', '2025-05-31', later)],
    ];

    it.each(onTask)('an unknown task is NotFound: %s', (_what, command) => {
      spec
        .given(openProblem)
        .when({
          ...command,
          data: { ...command.data, taskId: 't-ghost' },
        } as ProblemCommand)
        .thenThrows(NotFound, /unknown task t-ghost/);
    });

    it.each(onTask)('a completed task takes no more %s', (_what, command) => {
      spec
        .given([...withTask, taskCompleted('t-1', 8)])
        .when(command)
        .thenThrows(RuleViolation, /task t-1 is already done/);
    });

    it.each(onTask)('a cancelled task takes no more %s', (_what, command) => {
      spec
        .given([...withTask, taskCancelled('t-1', 8)])
        .when(command)
        .thenThrows(RuleViolation, /task t-1 is already cancelled/);
    });

    it('closing one task leaves the others open', () => {
      spec
        .given([...withTask, taskAssigned('t-2', 7), taskCompleted('t-1', 8)])
        .when(progress('t-2', meta(at(9))))
        .then([
          {
            type: 'TaskProgressReported',
            data: { ...ids, taskId: 't-2', note: 'draft circulated' },
            occurredAt: at(9),
          },
        ]);
    });
  });

  describe('escalation', () => {
    it('an accepted problem is escalated', () => {
      spec
        .given(openProblem)
        .when(escalate(meta(at(7)), 'political'))
        .then([
          {
            type: 'Escalated',
            data: { ...ids, reason: 'political', note: 'needs a law' },
            occurredAt: at(7),
          },
        ]);
    });

    it('a problem not yet filtered is not escalated', () => {
      spec
        .given([raised])
        .when(escalate(meta(at(6))))
        .thenThrows(RuleViolation, /must be accepted by the filter before it is escalated/);
    });

    it('a rejected problem is not escalated', () => {
      spec
        .given([raised, rejected()])
        .when(escalate(meta(at(7))))
        .thenThrows(RuleViolation, /is rejected and cannot be escalated/);
    });

    it('a resolved problem is not escalated', () => {
      spec
        .given([...openProblem, resolved(7)])
        .when(escalate(meta(at(8))))
        .thenThrows(RuleViolation, /is resolved and cannot be escalated/);
    });

    it('only one escalation may await its decision', () => {
      spec
        .given([...openProblem, escalated(7)])
        .when(escalate(meta(at(8))))
        .thenThrows(RuleViolation, /already has an escalation awaiting its decision/);
    });

    it('once decided, a problem may be escalated again', () => {
      spec
        .given([...openProblem, escalated(7), escalationDecided(8)])
        .when(escalate(meta(at(9))))
        .then([
          {
            type: 'Escalated',
            data: { ...ids, reason: 'legal', note: 'needs a law' },
            occurredAt: at(9),
          },
        ]);
    });

    it('a pending escalation is decided', () => {
      spec
        .given([...openProblem, escalated(7)])
        .when(decide(meta(at(8))))
        .then([
          {
            type: 'EscalationResolved',
            data: { ...ids, decision: 'send a bill', decidedBy: 'premier' },
            occurredAt: at(8),
          },
        ]);
    });

    it('a decision needs a pending escalation', () => {
      spec
        .given(openProblem)
        .when(decide(meta(at(7))))
        .thenThrows(RuleViolation, /has no escalation awaiting a decision/);
    });

    it('an escalation is decided only once', () => {
      spec
        .given([...openProblem, escalated(7), escalationDecided(8)])
        .when(decide(meta(at(9))))
        .thenThrows(RuleViolation, /has no escalation awaiting a decision/);
    });

    it('a problem with a pending escalation cannot be resolved', () => {
      spec
        .given([...openProblem, escalated(7)])
        .when(resolve(meta(at(8))))
        .thenThrows(RuleViolation, /has an escalation awaiting its decision/);
    });

    it('once the escalation is decided the problem can be resolved', () => {
      spec
        .given([...openProblem, escalated(7), escalationDecided(8)])
        .when(resolve(meta(at(9))))
        .then([resolved(9)]);
    });
  });

  describe('resolution, reopening and impact', () => {
    it('an accepted problem is resolved', () => {
      spec
        .given(openProblem)
        .when(resolve(meta(at(7))))
        .then([resolved(7)]);
    });

    it('a problem not yet filtered may be resolved', () => {
      spec
        .given([raised])
        .when(resolve(meta(at(6))))
        .then([resolved(6)]);
    });

    it('a resolved problem cannot be resolved again', () => {
      spec
        .given([...openProblem, resolved(7)])
        .when(resolve(meta(at(8))))
        .thenThrows(RuleViolation, /is already resolved/);
    });

    it('a rejected problem cannot be resolved', () => {
      spec
        .given([raised, rejected()])
        .when(resolve(meta(at(7))))
        .thenThrows(RuleViolation, /was rejected/);
    });

    it('a resolved problem is reopened', () => {
      spec
        .given([...openProblem, resolved(7)])
        .when(reopen(meta(at(8))))
        .then([
          {
            type: 'ProblemReopened',
            data: { ...ids, reason: 'backlog again' },
            occurredAt: at(8),
          },
        ]);
    });

    it('a problem that is not resolved cannot be reopened', () => {
      spec
        .given(openProblem)
        .when(reopen(meta(at(7))))
        .thenThrows(RuleViolation, /only a resolved problem can be reopened/);
    });

    it('a rejected problem cannot be reopened', () => {
      spec
        .given([raised, rejected()])
        .when(reopen(meta(at(7))))
        .thenThrows(RuleViolation, /only a resolved problem can be reopened/);
    });

    it('a reopened problem can be resolved again', () => {
      spec
        .given([...openProblem, resolved(7), reopened(8)])
        .when(resolve(meta(at(9))))
        .then([resolved(9)]);
    });

    it('a reopened problem is accepted again: it can be given tasks', () => {
      spec
        .given([...openProblem, resolved(7), reopened(8)])
        .when(assign('t-9', meta(at(9))))
        .then([{ ...taskAssigned('t-9', 9) }]);
    });

    it('a problem resolved before filtering and reopened still awaits the filter', () => {
      spec
        .given([raised, resolved(6), reopened(7)])
        .when(filter('accepted', null, meta(at(8))))
        .then([accepted(8)]);
    });

    it('impact is recorded after a resolution', () => {
      spec
        .given([...openProblem, resolved(7)])
        .when(recordImpact(meta(at(8))))
        .then([
          {
            type: 'ImpactRecorded',
            data: {
              ...ids,
              indicator: 'permit time',
              unit: 'months',
              before: 18,
              after: 3,
            },
            occurredAt: at(8),
          },
        ]);
    });

    it('impact may still be recorded after the problem was reopened', () => {
      spec
        .given([...openProblem, resolved(7), reopened(8)])
        .when(recordImpact(meta(at(9))))
        .then([
          {
            type: 'ImpactRecorded',
            data: {
              ...ids,
              indicator: 'permit time',
              unit: 'months',
              before: 18,
              after: 3,
            },
            occurredAt: at(9),
          },
        ]);
    });

    it('impact is refused before any resolution', () => {
      spec
        .given(openProblem)
        .when(recordImpact(meta(at(7))))
        .thenThrows(RuleViolation, /impact is recorded for a problem that has been resolved/);
    });
  });

  describe('business time and sessions in meta', () => {
    it('occurredAt in the future (after meta.now) is refused', () => {
      spec
        .given(openProblem)
        .when(prioritize(1, meta(at(60, 1))))
        .thenThrows(RuleViolation, /is in the future/);
    });

    it('raising a problem in the future is refused', () => {
      spec
        .given([])
        .when(raise(meta(at(61))))
        .thenThrows(RuleViolation, /is in the future/);
    });

    it("occurredAt earlier than the problem stream's last event is refused", () => {
      spec
        .given(openProblem)
        .when(prioritize(1, meta(at(5, 30))))
        .thenThrows(
          RuleViolation,
          /earlier than the stream's last event \(2025-03-07T09:00:00.000Z\)/,
        );
    });

    it("occurredAt equal to the problem stream's last event is accepted", () => {
      spec
        .given(openProblem)
        .when(prioritize(1, meta(at(6))))
        .then([
          {
            type: 'ProblemPrioritized',
            data: { ...ids, rank: 1 },
            occurredAt: at(6),
          },
        ]);
    });

    it('a problem is raised in a session of its mesa', () => {
      spec
        .given([])
        .when(raise(meta(at(5), { sessionId: 's-1' })))
        .then([raised]);
    });

    it('a problem command decided in a session of the mesa is accepted', () => {
      spec
        .given(openProblem)
        .when(prioritize(3, meta(at(7), { sessionId: 's-1' })))
        .then([
          {
            type: 'ProblemPrioritized',
            data: { ...ids, rank: 3 },
            occurredAt: at(7),
          },
        ]);
    });

    it('raising a problem in a session the mesa never held is refused', () => {
      spec
        .given([])
        .when(raise(meta(at(5), { sessionId: 's-other-mesa' })))
        .thenThrows(RuleViolation, /session s-other-mesa is not a session of mesa m-forestal/);
    });

    it('a problem command naming a session the mesa never held is refused', () => {
      spec
        .given(openProblem)
        .when(resolve(meta(at(7), { sessionId: 's-2' })))
        .thenThrows(RuleViolation, /session s-2 is not a session of mesa m-forestal/);
    });
  });
});

// ---- properties --------------------------------------------------------------------------

const pool = fc.constantFrom('a', 'b', 'c');
const isoTime = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 31) })
  .map((ms) => new Date(ms).toISOString());
const text = fc.string({ maxLength: 8 });
const maybeText = fc.option(text, { nil: null });
const ofProblem = { mesaId: pool, problemId: pool };
const event = <T extends ProblemEvent['type'], D>(type: T, data: fc.Arbitrary<D>) =>
  fc.record({ type: fc.constant(type), data, occurredAt: isoTime });

const problemEvent: fc.Arbitrary<ProblemEvent> = fc.oneof(
  event(
    'ProblemRaised',
    fc.record({
      ...ofProblem,
      title: text,
      description: maybeText,
      barrier: fc.constantFrom(...BARRIERS),
      raisedBy: pool,
    }),
  ),
  event(
    'ProblemClassified',
    fc.record({
      ...ofProblem,
      ownership: fc.constantFrom(...OWNERSHIPS),
      rootCause: fc.constantFrom(...ROOT_CAUSES),
    }),
  ),
  event(
    'ProblemFiltered',
    fc.record({
      ...ofProblem,
      decision: fc.constantFrom(...FILTER_DECISIONS),
      reason: maybeText,
    }),
  ),
  event('ProblemPrioritized', fc.record({ ...ofProblem, rank: fc.integer() })),
  event(
    'SolutionProposed',
    fc.record({
      ...ofProblem,
      revision: fc.constant(1 as const),
      text,
      rationale: maybeText,
    }),
  ),
  event(
    'SolutionRevised',
    fc.record({
      ...ofProblem,
      revision: fc.integer(),
      text,
      rationale: maybeText,
    }),
  ),
  event(
    'TaskAssigned',
    fc.record({
      ...ofProblem,
      taskId: pool,
      title: text,
      responsibleEntity: pool,
      dueOn: text,
    }),
  ),
  event('TaskProgressReported', fc.record({ ...ofProblem, taskId: pool, note: text })),
  event(
    'TaskDeadlineMoved',
    fc.record({
      ...ofProblem,
      taskId: pool,
      previousDueOn: text,
      dueOn: text,
      reason: text,
    }),
  ),
  event('TaskCompleted', fc.record({ ...ofProblem, taskId: pool, outcome: maybeText })),
  event('TaskCancelled', fc.record({ ...ofProblem, taskId: pool, reason: text })),
  event(
    'Escalated',
    fc.record({
      ...ofProblem,
      reason: fc.constantFrom(...ESCALATION_REASONS),
      note: maybeText,
    }),
  ),
  event('EscalationResolved', fc.record({ ...ofProblem, decision: text, decidedBy: text })),
  event('ProblemResolved', fc.record({ ...ofProblem, outcome: text })),
  event('ProblemReopened', fc.record({ ...ofProblem, reason: text })),
  event(
    'ImpactRecorded',
    fc.record({
      ...ofProblem,
      indicator: text,
      unit: text,
      before: fc.double(),
      after: fc.double(),
    }),
  ),
);

/** Commands from small pools of task ids and days, so that many are accepted and many refused. */
const problemCommand: fc.Arbitrary<ProblemCommand> = fc
  .record({
    day: fc.integer({ min: 5, max: 62 }),
    sessionId: fc.option(fc.constantFrom('s-1', 's-2'), { nil: undefined }),
    pick: fc.integer({ min: 0, max: 14 }),
    taskId: pool,
    rank: fc.integer({ min: -1, max: 3 }),
    raisedBy: fc.constantFrom('p-adex', 'p-stranger'),
    reason: fc.constantFrom(null, '', 'why'),
    decision: fc.constantFrom(...FILTER_DECISIONS),
    dueOn: fc.constantFrom('2025-04-30', '2025-05-31'),
  })
  .map(({ day, sessionId, pick, taskId, rank, raisedBy, reason, decision, dueOn }) => {
    const m = meta(at(day), sessionId === undefined ? {} : { sessionId });
    const commands: ProblemCommand[] = [
      raise(m, raisedBy),
      classify(m),
      filter(decision, reason, m),
      prioritize(rank, m),
      propose('x', m),
      assign(taskId, m),
      progress(taskId, m),
      moveDeadline(taskId, dueOn, m),
      complete(taskId, m),
      cancel(taskId, m),
      escalate(m),
      decide(m),
      resolve(m),
      reopen(m),
      recordImpact(m),
    ];
    return commands[pick];
  });

const commandRun = fc.array(problemCommand, {
  minLength: 5,
  maxLength: 40,
  size: 'medium',
});

describe('problem decider properties', () => {
  it('evolve never throws, whatever the events and their order', () => {
    fc.assert(
      fc.property(fc.array(problemEvent, { maxLength: 30 }), (events) => {
        const state = events.reduce(evolveProblem, initialProblemState);
        expect(state.lastOccurredAt).toBe(
          events.length ? events[events.length - 1].occurredAt : null,
        );
      }),
    );
  });

  it('a refused command leaves no events and the context untouched; an accepted one records at occurredAt', () => {
    const mesa = launchedMesa.reduce(evolveMesa, initialMesaState);
    fc.assert(
      fc.property(commandRun, fc.boolean(), (generated, inOrder) => {
        // a raise first, and in business-time order, lets most commands reach the later rules
        const sorted = inOrder
          ? [...generated].sort((a, b) => a.meta.occurredAt.localeCompare(b.meta.occurredAt))
          : generated;
        const commands = [raise(meta(at(5))), ...sorted];
        let log: ProblemEvent[] = [];
        for (const command of commands) {
          const context: ProblemContext = {
            problem: log.reduce(evolveProblem, initialProblemState),
            mesa,
          };
          const snapshot = structuredClone(context);
          let produced: ProblemEvent[] | null = null;
          try {
            produced = decideProblem(command, context);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
          }
          expect(context).toEqual(snapshot);
          if (produced === null) continue;
          expect(produced).toHaveLength(1);
          expect(produced[0].occurredAt).toBe(command.meta.occurredAt);
          expect(produced[0].data).toMatchObject(ids);
          log = [...log, ...produced];
        }
      }),
    );
  });
});
