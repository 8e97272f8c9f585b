import {
  ACTOR_ROLES,
  BARRIERS,
  Barrier,
  CADENCE_DAYS,
  CadenceDays,
  ESCALATION_REASONS,
  EscalationReason,
  FILTER_DECISIONS,
  FilterDecision,
  MATRIX_STATUSES,
  MESA_KINDS,
  MESA_LEVELS,
  MESA_STATUSES,
  MatrixStatus,
  MesaKind,
  MesaLevel,
  MesaStatus,
  OWNERSHIPS,
  Ownership,
  PARTICIPANT_ROLES,
  ParticipantRole,
  ROOT_CAUSES,
  Role,
  RootCause,
  SESSION_TYPES,
  SessionType,
  TASK_STATUSES,
  TaskStatus,
} from './vocabularies';

/**
 * The Spanish and English name of every code of every vocabulary, for people (the portal, the
 * history's summaries).
 *
 * They live in the domain, beside the codes, although they are what people read rather than
 * rules: they are pure data (no formatting, no I/O), the Spanish names are the domain's own
 * words (the Mesas Ejecutivas work in Spanish), and each table is a `Record` over the
 * vocabulary's type, so a code added to a vocabulary fails to compile until it is named in both
 * languages. Every app and lib that shows a code reads this one place; the static portal gets
 * it as JSON from `GET /api/v1/vocabularies`.
 */
/** The languages every label is written in; Spanish first, the portal's default. */
export const LANGS = ['es', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type Label = Readonly<Record<Lang, string>>;

export type Labels<T extends string | number> = Readonly<Record<T, Label>>;

export const MESA_KIND_LABELS: Labels<MesaKind> = {
  sector: { es: 'sector', en: 'sector' },
  factor: { es: 'factor', en: 'factor' },
};

export const MESA_LEVEL_LABELS: Labels<MesaLevel> = {
  national: { es: 'nacional', en: 'national' },
  regional: { es: 'regional', en: 'regional' },
};

export const CADENCE_DAYS_LABELS: Labels<CadenceDays> = {
  7: { es: 'semanal', en: 'weekly' },
  14: { es: 'quincenal', en: 'fortnightly' },
};

export const MESA_STATUS_LABELS: Labels<MesaStatus> = {
  proposed: { es: 'propuesta', en: 'proposed' },
  launched: { es: 'lanzada', en: 'launched' },
  closed: { es: 'cerrada', en: 'closed' },
};

export const PARTICIPANT_ROLE_LABELS: Labels<ParticipantRole> = {
  private: { es: 'representante privado', en: 'private representative' },
  public: { es: 'representante público', en: 'public representative' },
  dedicated_team: { es: 'equipo dedicado', en: 'dedicated team' },
  high_level: { es: 'nivel superior', en: 'higher-level body' },
};

export const SESSION_TYPE_LABELS: Labels<SessionType> = {
  regular: { es: 'sesión ordinaria', en: 'regular session' },
  inter_session: { es: 'reunión intersesional', en: 'inter-session meeting' },
};

export const BARRIER_LABELS: Labels<Barrier> = {
  regulation: { es: 'regulación', en: 'regulation' },
  red_tape: { es: 'trámites', en: 'red tape' },
  innovation: { es: 'innovación', en: 'innovation' },
  funding: { es: 'financiamiento', en: 'funding' },
  infrastructure: { es: 'infraestructura', en: 'infrastructure' },
  market_access: { es: 'acceso a mercados', en: 'market access' },
  skills: { es: 'capacidades', en: 'skills' },
  other: { es: 'otra', en: 'other' },
};

export const OWNERSHIP_LABELS: Labels<Ownership> = {
  MP: { es: 'MP (del Estado)', en: 'MP (state)' },
  YP: { es: 'YP (de las empresas)', en: 'YP (firms)' },
};

export const ROOT_CAUSE_LABELS: Labels<RootCause> = {
  law: { es: 'ley', en: 'law' },
  regulation: { es: 'reglamento', en: 'regulation' },
  implementation: { es: 'implementación', en: 'implementation' },
  capacity: { es: 'capacidad subnacional', en: 'sub-national capacity' },
  unknown: { es: 'por determinar', en: 'to be determined' },
};

export const FILTER_DECISION_LABELS: Labels<FilterDecision> = {
  accepted: { es: 'aceptado', en: 'accepted' },
  rejected: { es: 'rechazado', en: 'rejected' },
};

export const ESCALATION_REASON_LABELS: Labels<EscalationReason> = {
  budget: { es: 'presupuesto', en: 'budget' },
  disagreement: { es: 'desacuerdo', en: 'disagreement' },
  political: { es: 'decisión política', en: 'political decision' },
  legal: { es: 'legal', en: 'legal' },
  other: { es: 'otro', en: 'other' },
};

export const TASK_STATUS_LABELS: Labels<TaskStatus> = {
  open: { es: 'en curso', en: 'open' },
  done: { es: 'cumplida', en: 'done' },
  cancelled: { es: 'cancelada', en: 'cancelled' },
};

export const MATRIX_STATUS_LABELS: Labels<MatrixStatus> = {
  raised: { es: 'planteado', en: 'raised' },
  rejected: { es: 'rechazado', en: 'rejected' },
  open: { es: 'en curso', en: 'open' },
  escalated: { es: 'escalado', en: 'escalated' },
  resolved: { es: 'resuelto', en: 'resolved' },
};

export const ROLE_LABELS: Labels<Role> = {
  coordinator: { es: 'coordinación (equipo dedicado)', en: 'coordinator (dedicated team)' },
  private_rep: { es: 'representante privado', en: 'private representative' },
  public_rep: { es: 'representante público', en: 'public representative' },
  high_level: { es: 'nivel superior', en: 'higher-level body' },
  auditor: { es: 'auditoría', en: 'auditor' },
};

/** A vocabulary: its codes in display order, and the name of each. */
export interface Vocabulary<T extends string | number> {
  readonly codes: readonly T[];
  readonly labels: Labels<T>;
}

function vocabulary<T extends string | number>(
  codes: readonly T[],
  labels: Labels<T>,
): Vocabulary<T> {
  return { codes, labels };
}

/**
 * Every vocabulary, by the name the public API gives its field (`barrier`, `rootCause`…;
 * `role` is a token's role, `participantRole` a participant's).
 */
export const VOCABULARIES = {
  mesaKind: vocabulary(MESA_KINDS, MESA_KIND_LABELS),
  mesaLevel: vocabulary(MESA_LEVELS, MESA_LEVEL_LABELS),
  cadenceDays: vocabulary(CADENCE_DAYS, CADENCE_DAYS_LABELS),
  mesaStatus: vocabulary(MESA_STATUSES, MESA_STATUS_LABELS),
  participantRole: vocabulary(PARTICIPANT_ROLES, PARTICIPANT_ROLE_LABELS),
  sessionType: vocabulary(SESSION_TYPES, SESSION_TYPE_LABELS),
  barrier: vocabulary(BARRIERS, BARRIER_LABELS),
  ownership: vocabulary(OWNERSHIPS, OWNERSHIP_LABELS),
  rootCause: vocabulary(ROOT_CAUSES, ROOT_CAUSE_LABELS),
  filterDecision: vocabulary(FILTER_DECISIONS, FILTER_DECISION_LABELS),
  escalationReason: vocabulary(ESCALATION_REASONS, ESCALATION_REASON_LABELS),
  taskStatus: vocabulary(TASK_STATUSES, TASK_STATUS_LABELS),
  matrixStatus: vocabulary(MATRIX_STATUSES, MATRIX_STATUS_LABELS),
  role: vocabulary(ACTOR_ROLES, ROLE_LABELS),
} as const;

export type VocabularyName = keyof typeof VOCABULARIES;

/**
 * The label of `code` in vocabulary `name`, or undefined when `code` is not one of its codes
 * (for values read from JSON, which the compiler cannot vouch for).
 */
export function labelOf(name: VocabularyName, code: unknown): Label | undefined {
  const labels: Readonly<Record<string, Label>> = VOCABULARIES[name].labels;
  return (typeof code === 'string' || typeof code === 'number') &&
    Object.prototype.hasOwnProperty.call(labels, code)
    ? labels[code]
    : undefined;
}
