import fc from 'fast-check';
import { Actor, CommandMeta } from '../shared/command-meta';
import { DomainError, NotFound, RuleViolation } from '../shared/domain-errors';
import { deciderSpecification } from '../testing/decider-specification';
import { MesaCommand, mesaDecider } from './mesa.decider';
import {
  CADENCE_DAYS,
  MESA_KINDS,
  MESA_LEVELS,
  PARTICIPANT_ROLES,
  ParticipantRole,
  SESSION_TYPES,
  SessionType,
} from '../shared/vocabularies';
import { MesaEvent, MesaState, evolveMesa, initialMesaState } from './mesa.events';

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

const proposed: MesaEvent = {
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
const assessed = (viable: boolean, day: number): MesaEvent => ({
  type: 'MesaViabilityAssessed',
  data: {
    mesaId: M,
    viable,
    notes: viable ? 'private sector committed' : 'no private partner',
  },
  occurredAt: at(day),
});
const launched = (day: number): MesaEvent => ({
  type: 'MesaLaunched',
  data: { mesaId: M },
  occurredAt: at(day),
});
const joined = (participantId: string, role: ParticipantRole, day: number): MesaEvent => ({
  type: 'ParticipantJoined',
  data: {
    mesaId: M,
    participantId,
    name: `Name ${participantId}`,
    organisation: 'ORG',
    role,
  },
  occurredAt: at(day),
});
const left = (participantId: string, day: number): MesaEvent => ({
  type: 'ParticipantLeft',
  data: { mesaId: M, participantId, reason: 'changed jobs' },
  occurredAt: at(day),
});
const sessionHeld = (sessionId: string, day: number): MesaEvent => ({
  type: 'SessionHeld',
  data: {
    mesaId: M,
    sessionId,
    type: 'regular',
    heldOn: at(day).slice(0, 10),
    attendees: ['p-serfor'],
    problemIds: [],
    summary: null,
  },
  occurredAt: at(day),
});
const transferred = (fromConvener: string, toConvener: string, day: number): MesaEvent => ({
  type: 'MesaTransferred',
  data: { mesaId: M, fromConvener, toConvener, reason: 'new minister' },
  occurredAt: at(day),
});
const closed = (day: number): MesaEvent => ({
  type: 'MesaClosed',
  data: { mesaId: M, reason: 'agenda completed' },
  occurredAt: at(day),
});

/** proposed (day 0), viable (1), launched (2), two participants (3), one session (4) */
const launchedMesa: MesaEvent[] = [
  proposed,
  assessed(true, 1),
  launched(2),
  joined('p-serfor', 'public', 3),
  joined('p-adex', 'private', 3),
  sessionHeld('s-1', 4),
];
const LAST = at(4);

const proposeMesa = (m: CommandMeta = meta(at(0))): MesaCommand => ({
  type: 'ProposeMesa',
  data: {
    ...(proposed.data as Extract<MesaEvent, { type: 'MesaProposed' }>['data']),
  },
  meta: m,
});
const assessViability = (viable: boolean, m: CommandMeta): MesaCommand => ({
  type: 'AssessMesaViability',
  data: { viable, notes: 'assessment' },
  meta: m,
});
const launch = (m: CommandMeta): MesaCommand => ({
  type: 'LaunchMesa',
  data: {},
  meta: m,
});
const join = (participantId: string, m: CommandMeta): MesaCommand => ({
  type: 'JoinParticipant',
  data: {
    participantId,
    name: 'Ana Quispe',
    organisation: 'MIDAGRI',
    role: 'public',
  },
  meta: m,
});
const remove = (participantId: string, m: CommandMeta): MesaCommand => ({
  type: 'RemoveParticipant',
  data: { participantId, reason: null },
  meta: m,
});
const holdSession = (
  m: CommandMeta,
  overrides: Partial<{
    sessionId: string;
    type: SessionType;
    attendees: string[];
    problemIds: string[];
    problemMesas: Record<string, string | null>;
  }> = {},
): MesaCommand => ({
  type: 'HoldSession',
  data: {
    sessionId: 's-2',
    type: 'regular',
    heldOn: '2025-03-01',
    attendees: ['p-serfor', 'p-adex'],
    problemIds: [],
    summary: 'second session',
    problemMesas: {},
    ...overrides,
  },
  meta: m,
});
const transfer = (convener: string, m: CommandMeta): MesaCommand => ({
  type: 'TransferMesa',
  data: { convener, reason: 'new minister' },
  meta: m,
});
const close = (m: CommandMeta): MesaCommand => ({
  type: 'CloseMesa',
  data: { reason: 'agenda completed' },
  meta: m,
});

const spec = deciderSpecification(mesaDecider);

describe('mesa decider', () => {
  describe('proposing', () => {
    it('a new mesa is proposed with its data at occurredAt', () => {
      spec
        .given([])
        .when(proposeMesa(meta(at(0))))
        .then([proposed]);
    });

    it('proposing a mesa that already exists is refused', () => {
      spec
        .given([proposed])
        .when(proposeMesa(meta(at(1))))
        .thenThrows(RuleViolation, /already exists/);
    });

    it('proposing again a mesa that was closed is refused', () => {
      spec
        .given([...launchedMesa, closed(5)])
        .when(proposeMesa(meta(at(6))))
        .thenThrows(RuleViolation, /already exists/);
    });

    it('a proposal cannot occur in the future', () => {
      spec
        .given([])
        .when(proposeMesa(meta(at(61))))
        .thenThrows(RuleViolation, /in the future/);
    });

    it('a proposal cannot name a session: a new mesa has held none', () => {
      spec
        .given([])
        .when(proposeMesa(meta(at(0), { sessionId: 's-1' })))
        .thenThrows(RuleViolation, /session s-1 is not a session of mesa/);
    });

    it('any other command on a mesa never proposed is NotFound', () => {
      spec
        .given([])
        .when(launch(meta(at(1))))
        .thenThrows(NotFound, /unknown mesa/);
    });
  });

  describe('viability and launch', () => {
    it('a proposed mesa is assessed, the assessment recorded with its mesaId', () => {
      spec
        .given([proposed])
        .when(assessViability(false, meta(at(1))))
        .then([
          {
            type: 'MesaViabilityAssessed',
            data: { mesaId: M, viable: false, notes: 'assessment' },
            occurredAt: at(1),
          },
        ]);
    });

    it('viability cannot be assessed once the mesa is launched', () => {
      spec
        .given([proposed, assessed(true, 1), launched(2)])
        .when(assessViability(false, meta(at(3))))
        .thenThrows(RuleViolation, /already launched/);
    });

    it('a mesa assessed viable is launched', () => {
      spec
        .given([proposed, assessed(true, 1)])
        .when(launch(meta(at(2))))
        .then([{ type: 'MesaLaunched', data: { mesaId: M }, occurredAt: at(2) }]);
    });

    it('a mesa never assessed cannot be launched', () => {
      spec
        .given([proposed])
        .when(launch(meta(at(1))))
        .thenThrows(RuleViolation, /before its viability is assessed/);
    });

    it('a mesa assessed not viable cannot be launched', () => {
      spec
        .given([proposed, assessed(false, 1)])
        .when(launch(meta(at(2))))
        .thenThrows(RuleViolation, /assessed not viable/);
    });

    it('a mesa re-assessed viable after a not-viable assessment can be launched', () => {
      spec
        .given([proposed, assessed(false, 1), assessed(true, 2)])
        .when(launch(meta(at(3))))
        .then([{ type: 'MesaLaunched', data: { mesaId: M }, occurredAt: at(3) }]);
    });

    it('the latest assessment counts: viable then not viable cannot be launched', () => {
      spec
        .given([proposed, assessed(true, 1), assessed(false, 2)])
        .when(launch(meta(at(3))))
        .thenThrows(RuleViolation, /assessed not viable/);
    });

    it('a mesa cannot be launched twice', () => {
      spec
        .given([proposed, assessed(true, 1), launched(2)])
        .when(launch(meta(at(3))))
        .thenThrows(RuleViolation, /already launched/);
    });
  });

  describe('participants', () => {
    it('a participant joins with name, organisation and role', () => {
      spec
        .given([proposed])
        .when(join('p-midagri', meta(at(1))))
        .then([
          {
            type: 'ParticipantJoined',
            data: {
              mesaId: M,
              participantId: 'p-midagri',
              name: 'Ana Quispe',
              organisation: 'MIDAGRI',
              role: 'public',
            },
            occurredAt: at(1),
          },
        ]);
    });

    it('a current participant cannot join again', () => {
      spec
        .given(launchedMesa)
        .when(join('p-serfor', meta(LAST)))
        .thenThrows(RuleViolation, /already in mesa/);
    });

    it('a participant who left may join again', () => {
      spec
        .given([...launchedMesa, left('p-serfor', 5)])
        .when(join('p-serfor', meta(at(6))))
        .then([
          {
            type: 'ParticipantJoined',
            data: {
              mesaId: M,
              participantId: 'p-serfor',
              name: 'Ana Quispe',
              organisation: 'MIDAGRI',
              role: 'public',
            },
            occurredAt: at(6),
          },
        ]);
    });

    it('a participant leaves, with an optional reason', () => {
      spec
        .given(launchedMesa)
        .when(remove('p-adex', meta(at(5))))
        .then([
          {
            type: 'ParticipantLeft',
            data: { mesaId: M, participantId: 'p-adex', reason: null },
            occurredAt: at(5),
          },
        ]);
    });

    it('removing someone who is not a participant is NotFound', () => {
      spec
        .given([...launchedMesa, left('p-adex', 5)])
        .when(remove('p-adex', meta(at(6))))
        .thenThrows(NotFound, /p-adex is not in mesa/);
    });
  });

  describe('sessions', () => {
    it('a launched mesa holds a session of current participants (problemMesas is not recorded)', () => {
      spec
        .given(launchedMesa)
        .when(
          holdSession(meta(at(5)), {
            problemIds: ['pr-1'],
            problemMesas: { 'pr-1': M },
          }),
        )
        .then([
          {
            type: 'SessionHeld',
            data: {
              mesaId: M,
              sessionId: 's-2',
              type: 'regular',
              heldOn: '2025-03-01',
              attendees: ['p-serfor', 'p-adex'],
              problemIds: ['pr-1'],
              summary: 'second session',
            },
            occurredAt: at(5),
          },
        ]);
    });

    it('a session cannot be recorded before the day it was held (Lima time)', () => {
      spec
        .given(launchedMesa)
        .when({
          ...holdSession(meta(at(5))),
          data: { ...holdSession(meta(at(5))).data, heldOn: '2025-03-07' },
        } as MesaCommand)
        .thenThrows(RuleViolation, /held on 2025-03-07 cannot be recorded/);
    });

    it('a session may be recorded on the day it was held', () => {
      const command = holdSession(meta(at(5)));
      const sameDay = {
        ...command,
        data: { ...command.data, heldOn: '2025-03-06' },
      } as MesaCommand;
      expect(
        mesaDecider.decide(
          sameDay,
          [...launchedMesa].reduce(mesaDecider.evolve, mesaDecider.initialState),
        ),
      ).toHaveLength(1);
    });

    it('a session needs a launched mesa', () => {
      spec
        .given([proposed, assessed(true, 1), joined('p-serfor', 'public', 2)])
        .when(holdSession(meta(at(3)), { attendees: ['p-serfor'] }))
        .thenThrows(RuleViolation, /must be launched before sessions are held/);
    });

    it('attendees must be participants of the mesa', () => {
      spec
        .given(launchedMesa)
        .when(holdSession(meta(at(5)), { attendees: ['p-serfor', 'p-stranger'] }))
        .thenThrows(RuleViolation, /attendees not participating .*: p-stranger/);
    });

    it('a participant who left cannot attend', () => {
      spec
        .given([...launchedMesa, left('p-adex', 5)])
        .when(holdSession(meta(at(6)), { attendees: ['p-serfor', 'p-adex'] }))
        .thenThrows(RuleViolation, /attendees not participating .*: p-adex/);
    });

    it('a session needs at least one attendee', () => {
      spec
        .given(launchedMesa)
        .when(holdSession(meta(at(5)), { attendees: [] }))
        .thenThrows(RuleViolation, /needs attendees/);
    });

    it('problems discussed must be problems of this mesa', () => {
      spec
        .given(launchedMesa)
        .when(
          holdSession(meta(at(5)), {
            problemIds: ['pr-1', 'pr-other'],
            problemMesas: { 'pr-1': M, 'pr-other': 'm-acuicola' },
          }),
        )
        .thenThrows(RuleViolation, /problems not raised in mesa m-forestal: pr-other$/);
    });

    it('problems discussed must exist', () => {
      spec
        .given(launchedMesa)
        .when(
          holdSession(meta(at(5)), {
            problemIds: ['pr-ghost'],
            problemMesas: { 'pr-ghost': null },
          }),
        )
        .thenThrows(RuleViolation, /problems not raised in mesa m-forestal: pr-ghost/);
    });

    it('a problem the handler did not look up is not taken as of this mesa', () => {
      spec
        .given(launchedMesa)
        .when(holdSession(meta(at(5)), { problemIds: ['pr-1'], problemMesas: {} }))
        .thenThrows(RuleViolation, /problems not raised/);
    });

    it('a session id already recorded is refused', () => {
      spec
        .given(launchedMesa)
        .when(holdSession(meta(at(5)), { sessionId: 's-1' }))
        .thenThrows(RuleViolation, /session s-1 is already recorded/);
    });

    it('HoldSession may name the new session itself in meta.sessionId', () => {
      spec
        .given(launchedMesa)
        .when(
          holdSession(meta(at(5), { sessionId: 's-2' }), {
            type: 'inter_session',
          }),
        )
        .then([
          {
            type: 'SessionHeld',
            data: {
              mesaId: M,
              sessionId: 's-2',
              type: 'inter_session',
              heldOn: '2025-03-01',
              attendees: ['p-serfor', 'p-adex'],
              problemIds: [],
              summary: 'second session',
            },
            occurredAt: at(5),
          },
        ]);
    });

    it('HoldSession cannot name in meta.sessionId a session other than the new one', () => {
      spec
        .given(launchedMesa)
        .when(holdSession(meta(at(5), { sessionId: 's-1' })))
        .thenThrows(RuleViolation, /names the session itself/);
    });
  });

  describe('transfer and closing', () => {
    it('a transfer records the convener it comes from', () => {
      spec
        .given(launchedMesa)
        .when(transfer('MINAM', meta(at(5))))
        .then([
          {
            type: 'MesaTransferred',
            data: {
              mesaId: M,
              fromConvener: 'PRODUCE',
              toConvener: 'MINAM',
              reason: 'new minister',
            },
            occurredAt: at(5),
          },
        ]);
    });

    it('after a transfer, the next one comes from the new convener', () => {
      spec
        .given([...launchedMesa, transferred('PRODUCE', 'MINAM', 5)])
        .when(transfer('MIDAGRI', meta(at(6))))
        .then([
          {
            type: 'MesaTransferred',
            data: {
              mesaId: M,
              fromConvener: 'MINAM',
              toConvener: 'MIDAGRI',
              reason: 'new minister',
            },
            occurredAt: at(6),
          },
        ]);
    });

    it('a mesa is transferred only once launched', () => {
      spec
        .given([proposed, assessed(true, 1)])
        .when(transfer('MINAM', meta(at(2))))
        .thenThrows(RuleViolation, /must be launched before it is transferred/);
    });

    it('a transfer to the current convener is refused', () => {
      spec
        .given(launchedMesa)
        .when(transfer('PRODUCE', meta(at(5))))
        .thenThrows(RuleViolation, /already convened by PRODUCE/);
    });

    it('a mesa is closed with a reason', () => {
      spec
        .given(launchedMesa)
        .when(close(meta(at(5))))
        .then([
          {
            type: 'MesaClosed',
            data: { mesaId: M, reason: 'agenda completed' },
            occurredAt: at(5),
          },
        ]);
    });

    const afterClose = meta(at(6));
    it.each<[string, MesaCommand]>([
      ['AssessMesaViability', assessViability(true, afterClose)],
      ['LaunchMesa', launch(afterClose)],
      ['JoinParticipant', join('p-new', afterClose)],
      ['RemoveParticipant', remove('p-serfor', afterClose)],
      ['HoldSession', holdSession(afterClose)],
      ['TransferMesa', transfer('MINAM', afterClose)],
      ['CloseMesa', close(afterClose)],
    ])('a closed mesa accepts nothing: %s is refused', (_name, command) => {
      spec
        .given([...launchedMesa, closed(5)])
        .when(command)
        .thenThrows(RuleViolation, /mesa m-forestal is closed/);
    });
  });

  describe('business time and sessions in meta', () => {
    it('occurredAt in the future (after meta.now) is refused', () => {
      spec
        .given(launchedMesa)
        .when(join('p-new', meta(at(60, 1))))
        .thenThrows(RuleViolation, /is in the future/);
    });

    it('occurredAt equal to meta.now is accepted', () => {
      spec
        .given(launchedMesa)
        .when(remove('p-adex', meta(NOW)))
        .then([
          {
            type: 'ParticipantLeft',
            data: { mesaId: M, participantId: 'p-adex', reason: null },
            occurredAt: NOW,
          },
        ]);
    });

    it("occurredAt earlier than the stream's last event is refused", () => {
      spec
        .given(launchedMesa)
        .when(remove('p-adex', meta(at(3, 59))))
        .thenThrows(RuleViolation, /earlier than the stream's last event/);
    });

    it("occurredAt equal to the stream's last event is accepted", () => {
      spec
        .given(launchedMesa)
        .when(remove('p-adex', meta(LAST)))
        .then([
          {
            type: 'ParticipantLeft',
            data: { mesaId: M, participantId: 'p-adex', reason: null },
            occurredAt: LAST,
          },
        ]);
    });

    it('the same instant written with another offset counts as equal', () => {
      spec
        .given(launchedMesa)
        .when(remove('p-adex', meta('2025-03-05T04:00:00-05:00')))
        .then([
          {
            type: 'ParticipantLeft',
            data: { mesaId: M, participantId: 'p-adex', reason: null },
            occurredAt: '2025-03-05T04:00:00-05:00',
          },
        ]);
    });

    it('a command decided in a session of this mesa is accepted', () => {
      spec
        .given(launchedMesa)
        .when(transfer('MINAM', meta(at(5), { sessionId: 's-1' })))
        .then([
          {
            type: 'MesaTransferred',
            data: {
              mesaId: M,
              fromConvener: 'PRODUCE',
              toConvener: 'MINAM',
              reason: 'new minister',
            },
            occurredAt: at(5),
          },
        ]);
    });

    it('a command naming a session this mesa never held is refused', () => {
      spec
        .given(launchedMesa)
        .when(close(meta(at(5), { sessionId: 's-elsewhere' })))
        .thenThrows(RuleViolation, /session s-elsewhere is not a session of mesa m-forestal/);
    });
  });
});

// ---- properties --------------------------------------------------------------------------

const ids = fc.constantFrom('a', 'b', 'c');
const isoTime = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 31) })
  .map((ms) => new Date(ms).toISOString());
const text = fc.string({ maxLength: 8 });
const role = fc.constantFrom(...PARTICIPANT_ROLES);

const mesaEvent: fc.Arbitrary<MesaEvent> = fc.oneof(
  fc.record({
    type: fc.constant('MesaProposed' as const),
    data: fc.record({
      mesaId: ids,
      name: text,
      kind: fc.constantFrom(...MESA_KINDS),
      scope: text,
      level: fc.constantFrom(...MESA_LEVELS),
      region: fc.option(text, { nil: null }),
      convener: ids,
      cadenceDays: fc.constantFrom(...CADENCE_DAYS),
    }),
    occurredAt: isoTime,
  }),
  fc.record({
    type: fc.constant('MesaViabilityAssessed' as const),
    data: fc.record({ mesaId: ids, viable: fc.boolean(), notes: text }),
    occurredAt: isoTime,
  }),
  fc.record({
    type: fc.constant('MesaLaunched' as const),
    data: fc.record({ mesaId: ids }),
    occurredAt: isoTime,
  }),
  fc.record({
    type: fc.constant('MesaTransferred' as const),
    data: fc.record({
      mesaId: ids,
      fromConvener: ids,
      toConvener: ids,
      reason: text,
    }),
    occurredAt: isoTime,
  }),
  fc.record({
    type: fc.constant('MesaClosed' as const),
    data: fc.record({ mesaId: ids, reason: text }),
    occurredAt: isoTime,
  }),
  fc.record({
    type: fc.constant('ParticipantJoined' as const),
    data: fc.record({
      mesaId: ids,
      participantId: ids,
      name: text,
      organisation: text,
      role,
    }),
    occurredAt: isoTime,
  }),
  fc.record({
    type: fc.constant('ParticipantLeft' as const),
    data: fc.record({
      mesaId: ids,
      participantId: ids,
      reason: fc.option(text, { nil: null }),
    }),
    occurredAt: isoTime,
  }),
  fc.record({
    type: fc.constant('SessionHeld' as const),
    data: fc.record({
      mesaId: ids,
      sessionId: ids,
      type: fc.constantFrom(...SESSION_TYPES),
      heldOn: fc.constant('2025-03-01'),
      attendees: fc.array(ids, { maxLength: 3 }),
      problemIds: fc.array(ids, { maxLength: 3 }),
      summary: fc.option(text, { nil: null }),
    }),
    occurredAt: isoTime,
  }),
);

/** Commands from small pools of ids and days, so that many are accepted and many refused. */
const mesaCommand: fc.Arbitrary<MesaCommand> = fc
  .record({
    day: fc.integer({ min: 0, max: 62 }),
    sessionId: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: ids },
    ),
    // closing ends the run, so it is drawn rarely
    pick: fc.integer({ min: 0, max: 20 }).map((n) => (n === 20 ? 7 : n % 7)),
    id: ids,
    viable: fc.boolean(),
    attendees: fc.array(ids, { minLength: 1, maxLength: 2 }),
    problemIds: fc.array(ids, { maxLength: 2 }),
    problemMesa: fc.option(fc.constantFrom(M, 'm-other'), { nil: null }),
  })
  .map(({ day, sessionId, pick, id, viable, attendees, problemIds, problemMesa }): MesaCommand => {
    const m = meta(at(day), sessionId === undefined ? {} : { sessionId });
    switch (pick) {
      case 0:
        return proposeMesa(m);
      case 1:
        return assessViability(viable, m);
      case 2:
        return launch(m);
      case 3:
        return join(id, m);
      case 4:
        return remove(id, m);
      case 5:
        return holdSession(m, {
          sessionId: id,
          attendees,
          problemIds,
          problemMesas: Object.fromEntries(problemIds.map((p) => [p, problemMesa])),
        });
      case 6:
        return transfer(id, m);
      default:
        return close(m);
    }
  });

const commandRun = fc.array(mesaCommand, {
  minLength: 5,
  maxLength: 40,
  size: 'medium',
});

describe('mesa decider properties', () => {
  it('evolve never throws, whatever the events and their order', () => {
    fc.assert(
      fc.property(fc.array(mesaEvent, { maxLength: 30 }), (events) => {
        const state = events.reduce(evolveMesa, initialMesaState);
        expect(state.lastOccurredAt).toBe(
          events.length ? events[events.length - 1].occurredAt : null,
        );
      }),
    );
  });

  it('a refused command leaves no events and the state untouched; an accepted one records at occurredAt', () => {
    fc.assert(
      fc.property(commandRun, fc.boolean(), (generated, inOrder) => {
        // a proposal first, and in business-time order, lets most commands reach the later rules
        const sorted = inOrder
          ? [...generated].sort((a, b) => a.meta.occurredAt.localeCompare(b.meta.occurredAt))
          : generated;
        const commands = [proposeMesa(meta(at(0))), ...sorted];
        let log: MesaEvent[] = [];
        for (const command of commands) {
          const state: MesaState = log.reduce(evolveMesa, initialMesaState);
          const snapshot = structuredClone(state);
          let produced: MesaEvent[] | null = null;
          try {
            produced = mesaDecider.decide(command, state);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
          }
          expect(state).toEqual(snapshot);
          if (produced === null) continue;
          expect(produced).toHaveLength(1);
          expect(produced[0].occurredAt).toBe(command.meta.occurredAt);
          log = [...log, ...produced];
        }
      }),
    );
  });
});
