import type {
  Barrier,
  EscalationReason,
  MesaKind,
  MesaLevel,
  MesaEvent,
  Ownership,
  ParticipantRole,
  ProblemEvent,
  RootCause,
  SessionType,
} from '@mesas/domain';
import type { Lang } from './lang';

/**
 * Words for the domain's codes, in each language of the portal. Keyed by the domain's own types,
 * so a new code does not compile until it has a label in both languages. The one place to
 * replace when the domain publishes its own label catalogue.
 */
type Labels<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

type RowStatus = 'raised' | 'rejected' | 'open' | 'escalated' | 'resolved';
type MesaStatus = 'proposed' | 'launched' | 'closed';
type TaskStatus = 'open' | 'done' | 'cancelled';
type EventType = MesaEvent['type'] | ProblemEvent['type'];

export const VOCABULARY_LABELS = {
  barrier: {
    es: {
      regulation: 'regulación',
      red_tape: 'trámites',
      innovation: 'innovación',
      funding: 'financiamiento',
      infrastructure: 'infraestructura',
      market_access: 'acceso a mercados',
      skills: 'capacidades',
      other: 'otra',
    },
    en: {
      regulation: 'regulation',
      red_tape: 'red tape',
      innovation: 'innovation',
      funding: 'funding',
      infrastructure: 'infrastructure',
      market_access: 'market access',
      skills: 'skills',
      other: 'other',
    },
  } satisfies Labels<Barrier>,
  ownership: {
    es: { MP: 'del Estado (MP)', YP: 'de las empresas (YP)' },
    en: { MP: "the state's (MP)", YP: "the firms' (YP)" },
  } satisfies Labels<Ownership>,
  rootCause: {
    es: {
      law: 'ley',
      regulation: 'reglamento',
      implementation: 'implementación',
      capacity: 'capacidad subnacional',
      unknown: 'por determinar',
    },
    en: {
      law: 'law',
      regulation: 'regulation',
      implementation: 'implementation',
      capacity: 'sub-national capacity',
      unknown: 'not yet known',
    },
  } satisfies Labels<RootCause>,
  escalationReason: {
    es: {
      budget: 'presupuesto',
      disagreement: 'desacuerdo',
      political: 'decisión política',
      legal: 'legal',
      other: 'otro',
    },
    en: {
      budget: 'budget',
      disagreement: 'disagreement',
      political: 'political decision',
      legal: 'legal',
      other: 'other',
    },
  } satisfies Labels<EscalationReason>,
  kind: {
    es: { sector: 'sectorial', factor: 'de factor' },
    en: { sector: 'sector', factor: 'factor' },
  } satisfies Labels<MesaKind>,
  level: {
    es: { national: 'nacional', regional: 'regional' },
    en: { national: 'national', regional: 'regional' },
  } satisfies Labels<MesaLevel>,
  role: {
    es: {
      private: 'sector privado',
      public: 'sector público',
      dedicated_team: 'equipo dedicado',
      high_level: 'alto nivel',
    },
    en: {
      private: 'private sector',
      public: 'public sector',
      dedicated_team: 'dedicated team',
      high_level: 'high level',
    },
  } satisfies Labels<ParticipantRole>,
  sessionType: {
    es: { regular: 'ordinaria', inter_session: 'intersesión' },
    en: { regular: 'regular', inter_session: 'inter-session' },
  } satisfies Labels<SessionType>,
  rowStatus: {
    es: {
      raised: 'planteado',
      rejected: 'rechazado',
      open: 'en curso',
      escalated: 'escalado',
      resolved: 'resuelto',
    },
    en: {
      raised: 'raised',
      rejected: 'rejected',
      open: 'open',
      escalated: 'escalated',
      resolved: 'resolved',
    },
  } satisfies Labels<RowStatus>,
  mesaStatus: {
    es: { proposed: 'propuesta', launched: 'en marcha', closed: 'cerrada' },
    en: { proposed: 'proposed', launched: 'launched', closed: 'closed' },
  } satisfies Labels<MesaStatus>,
  taskStatus: {
    es: { open: 'pendiente', done: 'cumplida', cancelled: 'cancelada' },
    en: { open: 'open', done: 'done', cancelled: 'cancelled' },
  } satisfies Labels<TaskStatus>,
  eventType: {
    es: {
      MesaProposed: 'Mesa propuesta',
      MesaViabilityAssessed: 'Viabilidad evaluada',
      MesaLaunched: 'Mesa lanzada',
      ParticipantJoined: 'Participante incorporado',
      ParticipantLeft: 'Participante retirado',
      SessionHeld: 'Sesión realizada',
      MesaTransferred: 'Mesa transferida',
      MesaClosed: 'Mesa cerrada',
      ProblemRaised: 'Problema planteado',
      ProblemClassified: 'Problema clasificado',
      ProblemFiltered: 'Problema filtrado',
      ProblemPrioritized: 'Problema priorizado',
      SolutionProposed: 'Solución propuesta',
      SolutionRevised: 'Solución revisada',
      TaskAssigned: 'Tarea asignada',
      TaskProgressReported: 'Avance de tarea',
      TaskDeadlineMoved: 'Plazo de tarea modificado',
      TaskCompleted: 'Tarea cumplida',
      TaskCancelled: 'Tarea cancelada',
      Escalated: 'Escalado al nivel superior',
      EscalationResolved: 'Decisión del nivel superior',
      ProblemResolved: 'Problema resuelto',
      ProblemReopened: 'Problema reabierto',
      ImpactRecorded: 'Impacto registrado',
    },
    en: {
      MesaProposed: 'Mesa proposed',
      MesaViabilityAssessed: 'Viability assessed',
      MesaLaunched: 'Mesa launched',
      ParticipantJoined: 'Participant joined',
      ParticipantLeft: 'Participant left',
      SessionHeld: 'Session held',
      MesaTransferred: 'Mesa transferred',
      MesaClosed: 'Mesa closed',
      ProblemRaised: 'Problem raised',
      ProblemClassified: 'Problem classified',
      ProblemFiltered: 'Problem filtered',
      ProblemPrioritized: 'Problem prioritised',
      SolutionProposed: 'Solution proposed',
      SolutionRevised: 'Solution revised',
      TaskAssigned: 'Task assigned',
      TaskProgressReported: 'Task progress',
      TaskDeadlineMoved: 'Task deadline moved',
      TaskCompleted: 'Task completed',
      TaskCancelled: 'Task cancelled',
      Escalated: 'Escalated to the higher level',
      EscalationResolved: 'Higher-level decision',
      ProblemResolved: 'Problem resolved',
      ProblemReopened: 'Problem reopened',
      ImpactRecorded: 'Impact recorded',
    },
  } satisfies Labels<EventType>,
} as const;

export type Vocabulary = keyof typeof VOCABULARY_LABELS;

/** Every event type, in the order of a problem's life (for the history's type filter). */
export const EVENT_TYPES = Object.keys(VOCABULARY_LABELS.eventType.es) as EventType[];

/**
 * The word for `code` in `lang`. A code the catalogue does not know (data written before a
 * vocabulary changed) is shown as it is, never dropped.
 */
export function labelOf(
  vocabulary: Vocabulary,
  code: string | null | undefined,
  lang: Lang,
): string {
  if (code === null || code === undefined) return '';
  const words = VOCABULARY_LABELS[vocabulary][lang] as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(words, code) ? words[code] : code;
}
