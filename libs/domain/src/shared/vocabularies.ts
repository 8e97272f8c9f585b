/**
 * Every closed set of codes of the domain, declared once. Each is an `as const` array (its order
 * is the order in which the codes are listed to people, e.g. in the portal) with its type derived
 * from it, so that the events, the commands, the HTTP edge's validation, the read models, the
 * labels and the tests all read the same list: a code added here is accepted everywhere, and a
 * place that needs a label or a case for it fails to compile until it has one.
 *
 * A code is never removed or renamed once events carry it: stored events are immutable.
 */

/** What a mesa works on: a productive sector (forestry, aquaculture…) or a cross-cutting factor. */
export const MESA_KINDS = ['sector', 'factor'] as const;
export type MesaKind = (typeof MESA_KINDS)[number];

export const MESA_LEVELS = ['national', 'regional'] as const;
export type MesaLevel = (typeof MESA_LEVELS)[number];

/** Days between regular sessions. */
export const CADENCE_DAYS = [7, 14] as const;
export type CadenceDays = (typeof CADENCE_DAYS)[number];

/** A mesa's lifecycle. */
export const MESA_STATUSES = ['proposed', 'launched', 'closed'] as const;
export type MesaStatus = (typeof MESA_STATUSES)[number];

/** The lane a participant sits in within a mesa. */
export const PARTICIPANT_ROLES = ['private', 'public', 'dedicated_team', 'high_level'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const SESSION_TYPES = ['regular', 'inter_session'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** The kind of bottleneck a problem is, as raised. */
export const BARRIERS = [
  'regulation',
  'red_tape',
  'innovation',
  'funding',
  'infrastructure',
  'market_access',
  'skills',
  'other',
] as const;
export type Barrier = (typeof BARRIERS)[number];

/** MP: the state must act ("my problem"); YP: the firms' own problem ("your problem"). */
export const OWNERSHIPS = ['MP', 'YP'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

export const ROOT_CAUSES = ['law', 'regulation', 'implementation', 'capacity', 'unknown'] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

/** The outcome of the filter a raised problem goes through. */
export const FILTER_DECISIONS = ['accepted', 'rejected'] as const;
export type FilterDecision = (typeof FILTER_DECISIONS)[number];

/** Why a problem goes to the higher-level body. */
export const ESCALATION_REASONS = [
  'budget',
  'disagreement',
  'political',
  'legal',
  'other',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A problem's status in the published matrix: `raised` (not yet filtered), `rejected`, `open`
 * (accepted, being worked on), `escalated` (an escalation is pending), `resolved`.
 */
export const MATRIX_STATUSES = ['raised', 'rejected', 'open', 'escalated', 'resolved'] as const;
export type MatrixStatus = (typeof MATRIX_STATUSES)[number];

/** The roles a bearer token carries; `coordinator` is the dedicated team, `auditor` reads only. */
export const ACTOR_ROLES = [
  'coordinator',
  'private_rep',
  'public_rep',
  'high_level',
  'auditor',
] as const;
export type Role = (typeof ACTOR_ROLES)[number];

/** Whether `value` is one of `codes`, narrowing it (for values read from JSON or the command line). */
export function isCode<T extends string | number>(codes: readonly T[], value: unknown): value is T {
  return (codes as readonly unknown[]).includes(value);
}
