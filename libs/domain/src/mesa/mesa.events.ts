import { DomainEvent, assertNever } from '../shared/command-meta';
import type {
  CadenceDays,
  MesaKind,
  MesaLevel,
  MesaStatus,
  ParticipantRole,
  SessionType,
} from '../shared/vocabularies';

export type MesaProposed = DomainEvent<
  'MesaProposed',
  {
    mesaId: string;
    name: string;
    kind: MesaKind;
    scope: string;
    level: MesaLevel;
    region: string | null;
    convener: string;
    cadenceDays: CadenceDays;
  }
>;
export type MesaViabilityAssessed = DomainEvent<
  'MesaViabilityAssessed',
  { mesaId: string; viable: boolean; notes: string }
>;
export type MesaLaunched = DomainEvent<'MesaLaunched', { mesaId: string }>;
export type MesaTransferred = DomainEvent<
  'MesaTransferred',
  { mesaId: string; fromConvener: string; toConvener: string; reason: string }
>;
export type MesaClosed = DomainEvent<'MesaClosed', { mesaId: string; reason: string }>;
export type ParticipantJoined = DomainEvent<
  'ParticipantJoined',
  {
    mesaId: string;
    participantId: string;
    name: string;
    organisation: string;
    role: ParticipantRole;
  }
>;
export type ParticipantLeft = DomainEvent<
  'ParticipantLeft',
  { mesaId: string; participantId: string; reason: string | null }
>;
export type SessionHeld = DomainEvent<
  'SessionHeld',
  {
    mesaId: string;
    sessionId: string;
    type: SessionType;
    heldOn: string;
    attendees: string[];
    problemIds: string[];
    summary: string | null;
  }
>;

export type MesaEvent =
  | MesaProposed
  | MesaViabilityAssessed
  | MesaLaunched
  | MesaTransferred
  | MesaClosed
  | ParticipantJoined
  | ParticipantLeft
  | SessionHeld;

export interface MesaState {
  /** null until MesaProposed */
  readonly status: MesaStatus | null;
  readonly mesaId: string | null;
  readonly convener: string | null;
  /** the latest viability assessment, null before any */
  readonly viable: boolean | null;
  readonly launchedAt: string | null;
  /** participants currently in the mesa, by id */
  readonly participants: Readonly<Record<string, ParticipantRole>>;
  readonly sessionIds: ReadonlySet<string>;
  readonly lastOccurredAt: string | null;
}

export const initialMesaState: MesaState = {
  status: null,
  mesaId: null,
  convener: null,
  viable: null,
  launchedAt: null,
  participants: {},
  sessionIds: new Set(),
  lastOccurredAt: null,
};

/** Folds one event into the state. Never throws: every rule was checked when it was decided. */
export function evolveMesa(state: MesaState, event: MesaEvent): MesaState {
  const next = { ...state, lastOccurredAt: event.occurredAt };
  switch (event.type) {
    case 'MesaProposed':
      return {
        ...next,
        status: 'proposed',
        mesaId: event.data.mesaId,
        convener: event.data.convener,
      };
    case 'MesaViabilityAssessed':
      return { ...next, viable: event.data.viable };
    case 'MesaLaunched':
      return { ...next, status: 'launched', launchedAt: event.occurredAt };
    case 'MesaTransferred':
      return { ...next, convener: event.data.toConvener };
    case 'MesaClosed':
      return { ...next, status: 'closed' };
    case 'ParticipantJoined':
      return {
        ...next,
        participants: { ...state.participants, [event.data.participantId]: event.data.role },
      };
    case 'ParticipantLeft': {
      const participants = { ...state.participants };
      delete participants[event.data.participantId];
      return { ...next, participants };
    }
    case 'SessionHeld':
      return { ...next, sessionIds: new Set([...state.sessionIds, event.data.sessionId]) };
    default:
      return assertNever(event);
  }
}
