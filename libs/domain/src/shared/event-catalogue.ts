import type { ProblemEvent } from '../problem/problem.events';
import type { MesaEvent } from '../mesa/mesa.events';
import {
  DataSchema,
  JsonSchema,
  arrayOf,
  boolean,
  calendarDate,
  constant,
  integer,
  matching,
  nullable,
  numeric,
  object,
  oneOf,
  schemaErrors,
  text,
} from './data-schema';
import { currentSchemaVersion } from './event-schemas';
import { ID_PATTERN } from './stream-ids';
import {
  BARRIERS,
  CADENCE_DAYS,
  ESCALATION_REASONS,
  FILTER_DECISIONS,
  MESA_KINDS,
  MESA_LEVELS,
  OWNERSHIPS,
  PARTICIPANT_ROLES,
  ROOT_CAUSES,
  SESSION_TYPES,
} from './vocabularies';

/*
 * The event catalogue: for every event type of the domain, what it means, which stream it goes
 * to, the JSON Schema of its data at the current schema version, and an example. It is the one
 * source the rest derives from: `eventDataErrors` (validation), the AsyncAPI document of
 * `mesas.events.v1`, and the decider specs, which check every event they decide against it. The
 * compiler checks each schema and example against the event's TypeScript type, and the mapped
 * type below makes a missing event type a compile error.
 */

export type DomainEventType = (MesaEvent | ProblemEvent)['type'];
export type EventDataOf<K extends DomainEventType> = Extract<
  MesaEvent | ProblemEvent,
  { type: K }
>['data'];

export interface EventCatalogueEntry<K extends DomainEventType> {
  /** the stream the event is appended to: `mesa-{mesaId}` or `problem-{problemId}` */
  readonly stream: 'mesa' | 'problem';
  readonly summary: string;
  readonly data: DataSchema<EventDataOf<K>>;
  readonly example: EventDataOf<K>;
}

export type EventCatalogue = { readonly [K in DomainEventType]: EventCatalogueEntry<K> };

const id = (description: string) => matching(ID_PATTERN, description);
const mesaId = id('the mesa');
const problemId = id('the problem');
const taskId = id('the task, unique within its problem');
const ofProblem = { mesaId, problemId };

const MESA = { mesaId: 'forestal' } as const;
const PROBLEM = { mesaId: 'forestal', problemId: 'registro-plantaciones' } as const;

export const EVENT_CATALOGUE: EventCatalogue = {
  MesaProposed: {
    stream: 'mesa',
    summary: 'A mesa is proposed for a sector or a factor, with its convener.',
    data: object({
      mesaId,
      name: text(),
      kind: oneOf(MESA_KINDS),
      scope: text('the sector or factor it works on'),
      level: oneOf(MESA_LEVELS),
      region: nullable(text('the region of a regional mesa')),
      convener: text('the minister-level sponsor, e.g. PRODUCE'),
      cadenceDays: oneOf(CADENCE_DAYS, 'days between regular sessions'),
    }),
    example: {
      ...MESA,
      name: 'Mesa Ejecutiva Forestal',
      kind: 'sector',
      scope: 'forestal',
      level: 'national',
      region: null,
      convener: 'PRODUCE',
      cadenceDays: 14,
    },
  },
  MesaViabilityAssessed: {
    stream: 'mesa',
    summary: 'Whether the mesa is viable was assessed (only a viable mesa can be launched).',
    data: object({ mesaId, viable: boolean(), notes: text() }),
    example: { ...MESA, viable: true, notes: 'Gremios organizados y cuellos de botella claros' },
  },
  MesaLaunched: {
    stream: 'mesa',
    summary: 'The mesa starts working.',
    data: object({ mesaId }),
    example: { ...MESA },
  },
  MesaTransferred: {
    stream: 'mesa',
    summary: 'The mesa moves to another convener.',
    data: object({ mesaId, fromConvener: text(), toConvener: text(), reason: text() }),
    example: { ...MESA, fromConvener: 'PRODUCE', toConvener: 'MINAGRI', reason: 'Competencia' },
  },
  MesaClosed: {
    stream: 'mesa',
    summary: 'The mesa is closed; it accepts nothing more.',
    data: object({ mesaId, reason: text() }),
    example: { ...MESA, reason: 'Agenda cumplida' },
  },
  ParticipantJoined: {
    stream: 'mesa',
    summary: 'A person joins the mesa for an organisation, in a role.',
    data: object({
      mesaId,
      participantId: id('the participant, unique within the mesa'),
      name: text(),
      organisation: text('the association, entity or team represented'),
      role: oneOf(PARTICIPANT_ROLES),
    }),
    example: {
      ...MESA,
      participantId: 'gremio-forestal',
      name: 'Representante del gremio',
      organisation: 'Asociación de Productores Forestales',
      role: 'private',
    },
  },
  ParticipantLeft: {
    stream: 'mesa',
    summary: 'A participant leaves the mesa.',
    data: object({ mesaId, participantId: id('the participant'), reason: nullable(text()) }),
    example: { ...MESA, participantId: 'gremio-forestal', reason: null },
  },
  SessionHeld: {
    stream: 'mesa',
    summary: 'A session of the mesa was held (regular, or between regular sessions).',
    data: object({
      mesaId,
      sessionId: id('the session, unique within the mesa'),
      type: oneOf(SESSION_TYPES),
      heldOn: calendarDate('the day it was held'),
      attendees: arrayOf(id('a participant'), 'participants present'),
      problemIds: arrayOf(id('a problem'), 'problems discussed'),
      summary: nullable(text()),
    }),
    example: {
      ...MESA,
      sessionId: 's1',
      type: 'regular',
      heldOn: '2015-03-01',
      attendees: ['gremio-forestal'],
      problemIds: ['registro-plantaciones'],
      summary: 'Se priorizó el registro de plantaciones',
    },
  },
  ProblemRaised: {
    stream: 'problem',
    summary: 'A participant raises a bottleneck of the sector.',
    data: object({
      ...ofProblem,
      title: text(),
      description: nullable(text()),
      barrier: oneOf(BARRIERS),
      raisedBy: id('the participant who raised it'),
    }),
    example: {
      ...PROBLEM,
      title: 'Registro de plantaciones lento',
      description: null,
      barrier: 'red_tape',
      raisedBy: 'gremio-forestal',
    },
  },
  ProblemClassified: {
    stream: 'problem',
    summary: 'Who owns the problem (MP/YP) and its root cause.',
    data: object({
      ...ofProblem,
      ownership: oneOf(OWNERSHIPS),
      rootCause: oneOf(ROOT_CAUSES),
    }),
    example: { ...PROBLEM, ownership: 'MP', rootCause: 'regulation' },
  },
  ProblemFiltered: {
    stream: 'problem',
    summary: 'The filter accepts the problem for the mesa, or rejects it with a reason.',
    data: object({
      ...ofProblem,
      decision: oneOf(FILTER_DECISIONS),
      reason: nullable(text('why it was rejected (required then)')),
    }),
    example: { ...PROBLEM, decision: 'accepted', reason: null },
  },
  ProblemPrioritized: {
    stream: 'problem',
    summary: 'The problem gets a rank in the mesa (1 first).',
    data: object({ ...ofProblem, rank: integer() }),
    example: { ...PROBLEM, rank: 1 },
  },
  SolutionProposed: {
    stream: 'problem',
    summary: 'The first version of the solution.',
    data: object({
      ...ofProblem,
      revision: constant(1),
      text: text(),
      rationale: nullable(text()),
    }),
    example: { ...PROBLEM, revision: 1, text: 'Ventanilla única', rationale: null },
  },
  SolutionRevised: {
    stream: 'problem',
    summary: 'A new version of the solution, after what execution taught.',
    data: object({
      ...ofProblem,
      revision: integer('2 or more'),
      text: text(),
      rationale: nullable(text()),
    }),
    example: { ...PROBLEM, revision: 2, text: 'Registro en línea', rationale: 'Más rápido' },
  },
  TaskAssigned: {
    stream: 'problem',
    summary: 'A concrete action with a responsible public entity and a fixed deadline.',
    data: object({
      ...ofProblem,
      taskId,
      title: text(),
      responsibleEntity: text('code of the responsible public entity, e.g. SERFOR'),
      dueOn: calendarDate('the deadline'),
    }),
    example: {
      ...PROBLEM,
      taskId: 't1',
      title: 'Publicar lineamientos',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-04-30',
    },
  },
  TaskProgressReported: {
    stream: 'problem',
    summary: 'The responsible entity reports progress on a task.',
    data: object({ ...ofProblem, taskId, note: text() }),
    example: { ...PROBLEM, taskId: 't1', note: 'Borrador listo' },
  },
  TaskDeadlineMoved: {
    stream: 'problem',
    summary: "A task's deadline moves, with the reason.",
    data: object({
      ...ofProblem,
      taskId,
      previousDueOn: calendarDate(),
      dueOn: calendarDate(),
      reason: text(),
    }),
    example: {
      ...PROBLEM,
      taskId: 't1',
      previousDueOn: '2015-04-30',
      dueOn: '2015-05-15',
      reason: 'Consulta pública',
    },
  },
  TaskCompleted: {
    stream: 'problem',
    summary: 'A task is done.',
    data: object({ ...ofProblem, taskId, outcome: nullable(text()) }),
    example: { ...PROBLEM, taskId: 't1', outcome: 'Lineamientos publicados' },
  },
  TaskCancelled: {
    stream: 'problem',
    summary: 'A task is dropped, with the reason.',
    data: object({ ...ofProblem, taskId, reason: text() }),
    example: { ...PROBLEM, taskId: 't1', reason: 'Otra entidad lo asumió' },
  },
  Escalated: {
    stream: 'problem',
    summary: 'The problem goes to the high level for a decision.',
    data: object({
      ...ofProblem,
      reason: oneOf(ESCALATION_REASONS),
      note: nullable(text()),
    }),
    example: { ...PROBLEM, reason: 'budget', note: null },
  },
  EscalationResolved: {
    stream: 'problem',
    summary: 'The high level decides on the pending escalation.',
    data: object({ ...ofProblem, decision: text(), decidedBy: text() }),
    example: { ...PROBLEM, decision: 'MEF asigna presupuesto', decidedBy: 'Consejo de Ministros' },
  },
  ProblemResolved: {
    stream: 'problem',
    summary: 'The bottleneck was removed.',
    data: object({ ...ofProblem, outcome: text() }),
    example: { ...PROBLEM, outcome: 'Registro en 3 días' },
  },
  ProblemReopened: {
    stream: 'problem',
    summary: 'A resolved problem is open again, with the reason.',
    data: object({ ...ofProblem, reason: text() }),
    example: { ...PROBLEM, reason: 'Volvió a demorar' },
  },
  ImpactRecorded: {
    stream: 'problem',
    summary: 'A measured indicator before and after the solution.',
    data: object({
      ...ofProblem,
      indicator: text(),
      unit: text(),
      before: numeric(),
      after: numeric(),
    }),
    example: {
      ...PROBLEM,
      indicator: 'tiempo de registro',
      unit: 'días',
      before: 120,
      after: 3,
    },
  },
};

/** Every event type, in the catalogue's order. */
export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as DomainEventType[];

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, type);
}

/** The JSON Schema of an event type's data at its current schema version. */
export function eventDataSchema(type: DomainEventType): JsonSchema {
  return EVENT_CATALOGUE[type].data.json;
}

/** The version new events of this type are written at (see `EVENT_UPCASTERS`). */
export function eventSchemaVersion(type: DomainEventType): number {
  return currentSchemaVersion(type);
}

/**
 * What is wrong with an event's data for its type at the current version (after upcasting);
 * empty when it conforms. An unknown type is one error.
 */
export function eventDataErrors(type: string, data: unknown): string[] {
  if (!isDomainEventType(type)) return [`unknown event type ${type}`];
  return schemaErrors(eventDataSchema(type), data, 'data');
}
