import type { MesaEvent, ProblemEvent } from '@mesas/domain';
import { MAX_HISTORY_INDEX, historyLeafOf } from '@mesas/projections';
import { historyLeafBytes } from '@mesas/transparency';
import { INPUT_LIMITS, MAX_LEAF_BYTES } from './input-limits';

type KnownEvent = MesaEvent | ProblemEvent;
type DataOf = { [T in KnownEvent['type']]: Extract<KnownEvent, { type: T }>['data'] };

/**
 * The largest history leaf the API can cause, computed from the limits the request DTOs
 * enforce: every text at its limit in 4-byte characters (the most any accepted code point takes
 * in the leaf, see input-limits.ts), every id 64 characters, every list full, every number at
 * its longest JavaScript form. Typed over the event union, so a new event type must be added
 * here before it compiles.
 */
const text = (max: number) => '𝄞'.repeat(max);
const id = (prefix = 'x') => `${prefix}${'-'.repeat(63)}`.slice(0, 64);
const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `${i}${'-'.repeat(63)}`.slice(0, 64));
const day = '2015-09-30';
const longestNumber = -1.2345678901234568e-300;
const mesa = { mesaId: id('m') };
const problem = { mesaId: id('m'), problemId: id('p') };
const { name, code, unit, reason, list } = INPUT_LIMITS;
const free = INPUT_LIMITS.text;

const WORST: DataOf = {
  MesaProposed: {
    ...mesa,
    name: text(name),
    kind: 'factor',
    scope: text(name),
    level: 'national',
    region: text(name),
    convener: text(name),
    cadenceDays: 14,
  },
  MesaViabilityAssessed: { ...mesa, viable: false, notes: text(free) },
  MesaLaunched: { ...mesa },
  MesaTransferred: {
    ...mesa,
    fromConvener: text(name),
    toConvener: text(name),
    reason: text(reason),
  },
  MesaClosed: { ...mesa, reason: text(reason) },
  ParticipantJoined: {
    ...mesa,
    participantId: id(),
    name: text(name),
    organisation: text(name),
    role: 'dedicated_team',
  },
  ParticipantLeft: { ...mesa, participantId: id(), reason: text(reason) },
  SessionHeld: {
    ...mesa,
    sessionId: id('s'),
    type: 'regular',
    heldOn: day,
    attendees: ids(list),
    problemIds: ids(list),
    summary: text(free),
  },
  ProblemRaised: {
    ...problem,
    title: text(name),
    description: text(free),
    barrier: 'market_access',
    raisedBy: id(),
  },
  ProblemClassified: { ...problem, ownership: 'MP', rootCause: 'implementation' },
  ProblemFiltered: { ...problem, decision: 'rejected', reason: text(reason) },
  ProblemPrioritized: { ...problem, rank: Number.MAX_SAFE_INTEGER },
  SolutionProposed: { ...problem, revision: 1, text: text(free), rationale: text(free) },
  SolutionRevised: {
    ...problem,
    revision: Number.MAX_SAFE_INTEGER,
    text: text(free),
    rationale: text(free),
  },
  TaskAssigned: {
    ...problem,
    taskId: id('t'),
    title: text(name),
    responsibleEntity: text(code),
    dueOn: day,
  },
  TaskProgressReported: { ...problem, taskId: id('t'), note: text(free) },
  TaskDeadlineMoved: {
    ...problem,
    taskId: id('t'),
    previousDueOn: day,
    dueOn: day,
    reason: text(reason),
  },
  TaskCompleted: { ...problem, taskId: id('t'), outcome: text(free) },
  TaskCancelled: { ...problem, taskId: id('t'), reason: text(reason) },
  Escalated: { ...problem, reason: 'disagreement', note: text(free) },
  EscalationResolved: { ...problem, decision: text(free), decidedBy: text(name) },
  ProblemResolved: { ...problem, outcome: text(free) },
  ProblemReopened: { ...problem, reason: text(reason) },
  ImpactRecorded: {
    ...problem,
    indicator: text(name),
    unit: text(unit),
    before: longestNumber,
    after: longestNumber,
  },
};

function worstLeafBytes(type: KnownEvent['type']): number {
  const leaf = historyLeafOf(
    {
      eventId: '00000000-0000-4000-8000-000000000000',
      type,
      streamId: `problem-${id('p')}`,
      occurredAt: '2015-09-30T15:00:00.000Z',
      recordedAt: '2015-09-30T15:00:00.000Z',
      data: WORST[type] as unknown as Parameters<typeof historyLeafOf>[0]['data'],
      sessionId: id('s'),
    },
    MAX_HISTORY_INDEX,
  );
  return historyLeafBytes(leaf).length;
}

describe('the largest history leaf the API can cause', () => {
  const sizes = Object.keys(WORST).map((type) => ({
    type,
    bytes: worstLeafBytes(type as KnownEvent['type']),
  }));
  const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));

  it('stays well under the 65,535 bytes a C2SP tile entry can hold', () => {
    // stated in README.md ("Limits"): change both together
    expect(largest).toEqual({ type: 'SessionHeld', bytes: 43_372 });
    expect(largest.bytes).toBeLessThan(MAX_LEAF_BYTES * 0.7);
  });

  it('every event type is bounded', () => {
    for (const { bytes } of sizes) expect(bytes).toBeLessThan(MAX_LEAF_BYTES);
  });
});
