import { VOCABULARIES, labelOf as domainLabelOf } from '@mesas/domain';
import type { MesaEvent, ProblemEvent, VocabularyName } from '@mesas/domain';
import type { Lang } from './lang';

/**
 * Words for codes in each language of the portal. The domain's vocabularies (barrier,
 * ownership, statuses…) are named by the domain's own catalogue (`VOCABULARIES`), the one the
 * API serves at `/vocabularies` and the history summaries use; the portal keeps only what the
 * domain has no catalogue for: the names of the event types, typed by the event unions, so a
 * new event type does not compile until it is named in both languages.
 */
type Labels<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;
type EventType = MesaEvent['type'] | ProblemEvent['type'];

const EVENT_TYPE_LABELS = {
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
} satisfies Labels<EventType>;

/** The vocabularies a page may name: the domain's, and the event types. */
export type Vocabulary = VocabularyName | 'eventType';

/** Every event type, in the order of a problem's life (for the history's type filter). */
export const EVENT_TYPES = Object.keys(EVENT_TYPE_LABELS.es) as EventType[];

/** The domain vocabularies the portal lists, for tests that every code has a word. */
export const PORTAL_VOCABULARIES = VOCABULARIES;

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
  if (vocabulary === 'eventType') {
    const words: Readonly<Record<string, string>> = EVENT_TYPE_LABELS[lang];
    return Object.prototype.hasOwnProperty.call(words, code) ? words[code] : code;
  }
  return domainLabelOf(vocabulary, code)?.[lang] ?? code;
}
