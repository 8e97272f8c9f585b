import { CommandMeta, assertBusinessTime, assertNever } from '../shared/command-meta';
import { NotFound, RuleViolation } from '../shared/domain-errors';
import type { ParticipantRole, SessionType } from '../shared/vocabularies';
import { MesaEvent, MesaProposed, MesaState, evolveMesa, initialMesaState } from './mesa.events';

interface Cmd<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly meta: CommandMeta;
}

export type ProposeMesa = Cmd<'ProposeMesa', MesaProposed['data']>;
export type AssessMesaViability = Cmd<'AssessMesaViability', { viable: boolean; notes: string }>;
export type LaunchMesa = Cmd<'LaunchMesa', Record<string, never>>;
export type JoinParticipant = Cmd<
  'JoinParticipant',
  { participantId: string; name: string; organisation: string; role: ParticipantRole }
>;
export type RemoveParticipant = Cmd<
  'RemoveParticipant',
  { participantId: string; reason: string | null }
>;
export type HoldSession = Cmd<
  'HoldSession',
  {
    sessionId: string;
    type: SessionType;
    heldOn: string;
    attendees: string[];
    problemIds: string[];
    summary: string | null;
    /**
     * The mesa each listed problem belongs to, as the handler found it (null: no such problem).
     * Problems live in their own streams, so the handler looks them up and the decider judges.
     */
    problemMesas: Readonly<Record<string, string | null>>;
  }
>;
export type TransferMesa = Cmd<'TransferMesa', { convener: string; reason: string }>;
export type CloseMesa = Cmd<'CloseMesa', { reason: string }>;

export type MesaCommand =
  | ProposeMesa
  | AssessMesaViability
  | LaunchMesa
  | JoinParticipant
  | RemoveParticipant
  | HoldSession
  | TransferMesa
  | CloseMesa;

/**
 * Decides what a command on a mesa means, given everything that happened to it.
 * Every business rule of the mesa lifecycle lives here; it reads no clock and does no I/O.
 */
export function decideMesa(command: MesaCommand, state: MesaState): MesaEvent[] {
  const at = command.meta.occurredAt;
  if (command.type === 'ProposeMesa') {
    if (state.status !== null) throw new RuleViolation(`mesa ${state.mesaId} already exists`);
    assertBusinessTime(command.meta, null);
    if (command.meta.sessionId !== undefined) {
      throw new RuleViolation(
        `session ${command.meta.sessionId} is not a session of mesa ${command.data.mesaId}`,
      );
    }
    return [{ type: 'MesaProposed', data: { ...command.data }, occurredAt: at }];
  }

  if (state.status === null || state.mesaId === null) throw new NotFound('unknown mesa');
  const mesaId = state.mesaId;
  if (state.status === 'closed') throw new RuleViolation(`mesa ${mesaId} is closed`);
  assertBusinessTime(command.meta, state.lastOccurredAt);
  assertSessionOfMesa(command, state);

  switch (command.type) {
    case 'AssessMesaViability':
      if (state.status !== 'proposed') {
        throw new RuleViolation(`mesa ${mesaId} is already launched; viability is assessed before`);
      }
      return [{ type: 'MesaViabilityAssessed', data: { mesaId, ...command.data }, occurredAt: at }];

    case 'LaunchMesa':
      if (state.status !== 'proposed')
        throw new RuleViolation(`mesa ${mesaId} is already launched`);
      if (state.viable !== true) {
        throw new RuleViolation(
          state.viable === null
            ? `mesa ${mesaId} cannot be launched before its viability is assessed`
            : `mesa ${mesaId} was assessed not viable and cannot be launched`,
        );
      }
      return [{ type: 'MesaLaunched', data: { mesaId }, occurredAt: at }];

    case 'JoinParticipant':
      if (state.participants[command.data.participantId] !== undefined) {
        throw new RuleViolation(
          `participant ${command.data.participantId} is already in mesa ${mesaId}`,
        );
      }
      return [{ type: 'ParticipantJoined', data: { mesaId, ...command.data }, occurredAt: at }];

    case 'RemoveParticipant':
      if (state.participants[command.data.participantId] === undefined) {
        throw new NotFound(`participant ${command.data.participantId} is not in mesa ${mesaId}`);
      }
      return [{ type: 'ParticipantLeft', data: { mesaId, ...command.data }, occurredAt: at }];

    case 'HoldSession': {
      const { problemMesas, ...data } = command.data;
      assertLaunched(state, 'sessions are held');
      if (state.sessionIds.has(data.sessionId)) {
        throw new RuleViolation(`session ${data.sessionId} is already recorded`);
      }
      if (data.attendees.length === 0) throw new RuleViolation('a session needs attendees');
      // a session is recorded once held: its day (in Lima, UTC-5) cannot be after the record's time
      if (Date.parse(`${data.heldOn}T00:00:00-05:00`) > Date.parse(at)) {
        throw new RuleViolation(
          `a session held on ${data.heldOn} cannot be recorded at ${at}, before it happened`,
        );
      }
      const strangers = data.attendees.filter((id) => state.participants[id] === undefined);
      if (strangers.length > 0) {
        throw new RuleViolation(
          `attendees not participating in mesa ${mesaId}: ${strangers.join(', ')}`,
        );
      }
      const foreign = data.problemIds.filter((id) => problemMesas[id] !== mesaId);
      if (foreign.length > 0) {
        throw new RuleViolation(`problems not raised in mesa ${mesaId}: ${foreign.join(', ')}`);
      }
      return [{ type: 'SessionHeld', data: { mesaId, ...data }, occurredAt: at }];
    }

    case 'TransferMesa':
      assertLaunched(state, 'it is transferred');
      if (command.data.convener === state.convener) {
        throw new RuleViolation(`mesa ${mesaId} is already convened by ${state.convener}`);
      }
      return [
        {
          type: 'MesaTransferred',
          data: {
            mesaId,
            fromConvener: state.convener ?? '',
            toConvener: command.data.convener,
            reason: command.data.reason,
          },
          occurredAt: at,
        },
      ];

    case 'CloseMesa':
      return [
        { type: 'MesaClosed', data: { mesaId, reason: command.data.reason }, occurredAt: at },
      ];

    default:
      return assertNever(command);
  }
}

function assertLaunched(state: MesaState, what: string): void {
  if (state.status !== 'launched') {
    throw new RuleViolation(`mesa ${state.mesaId} must be launched before ${what}`);
  }
}

/** A command that names a session must name one this mesa held (a new session names itself). */
function assertSessionOfMesa(command: MesaCommand, state: MesaState): void {
  const sessionId = command.meta.sessionId;
  if (sessionId === undefined) return;
  if (command.type === 'HoldSession') {
    if (sessionId !== command.data.sessionId) {
      throw new RuleViolation(
        `a session names the session itself: ${sessionId} is not ${command.data.sessionId}`,
      );
    }
    return;
  }
  if (!state.sessionIds.has(sessionId)) {
    throw new RuleViolation(`session ${sessionId} is not a session of mesa ${state.mesaId}`);
  }
}

export const mesaDecider = {
  decide: decideMesa,
  evolve: evolveMesa,
  initialState: initialMesaState,
} as const;
