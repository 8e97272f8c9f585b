import type { MesaEvent, ProblemEvent } from '@mesas/domain';

/** An event's data as the event store holds it (plain, mutable JSON). */
export type EventJsonValue =
  string | number | boolean | null | EventJsonValue[] | { [key: string]: EventJsonValue };
export type EventData = { [key: string]: EventJsonValue };
type JsonObject = EventData;

/**
 * The catalogue of event fields kept out of the public history (docs/API.md: an entry's `data` is
 * "the event's data less the fields marked internal"). Auditors still see every field through
 * `GET /audit/events`; the public history, its CSV/NDJSON exports and its summaries do not.
 *
 * One record per event type, typed over the domain's event union, so a new event type does not
 * compile until someone has decided what of it is public. Who sent a command (actor, role,
 * entity), the request digest and the idempotency key are metadata, never `data`, and so are
 * never in the history at all. Changing this catalogue changes the leaves of entries written
 * afterwards only if the projection is rebuilt: a rebuild with another catalogue yields another
 * root, which every auditor holding an earlier checkpoint sees as a rewrite. Treat it as part
 * of the published format (docs/history.md, decision 0008).
 */
export interface InternalField {
  readonly field: string;
  /** when present, the field is internal only for events whose data satisfies it */
  readonly when?: (data: JsonObject) => boolean;
  readonly why: string;
}

type EventType = (MesaEvent | ProblemEvent)['type'];

export const INTERNAL_FIELDS: Readonly<Record<EventType, readonly InternalField[]>> = {
  MesaProposed: [],
  MesaViabilityAssessed: [],
  MesaLaunched: [],
  MesaTransferred: [],
  MesaClosed: [],
  // Participants sit in a public body as representatives of organisations: their name,
  // organisation and role are what the portal must show. The events carry no contact details.
  ParticipantJoined: [],
  ParticipantLeft: [
    {
      field: 'reason',
      why: 'why a person left is often personal (health, a new job); the leaving itself is public',
    },
  ],
  SessionHeld: [
    {
      field: 'summary',
      when: (data) => data.type === 'inter_session',
      why:
        'inter-session meetings are working meetings (bilateral or public-only task forces) ' +
        'whose notes are internal; their date, attendees and problems discussed stay public',
    },
  ],
  ProblemRaised: [],
  ProblemClassified: [],
  ProblemFiltered: [],
  ProblemPrioritized: [],
  SolutionProposed: [],
  SolutionRevised: [],
  TaskAssigned: [],
  TaskProgressReported: [],
  TaskDeadlineMoved: [],
  TaskCompleted: [],
  TaskCancelled: [],
  Escalated: [],
  EscalationResolved: [],
  ProblemResolved: [],
  ProblemReopened: [],
  ImpactRecorded: [],
};

/**
 * The public part of an event's data. Unknown event types (none today) are published whole:
 * the contract is "less the fields marked internal", and nothing of them is marked.
 */
export function publicData(type: string, data: JsonObject): JsonObject {
  const internal = (INTERNAL_FIELDS as Readonly<Record<string, readonly InternalField[]>>)[type];
  if (!internal || internal.length === 0) return data;
  const hidden = internal.filter((f) => f.when === undefined || f.when(data)).map((f) => f.field);
  if (hidden.length === 0) return data;
  const out: { [key: string]: JsonObject[string] } = {};
  for (const [key, value] of Object.entries(data)) if (!hidden.includes(key)) out[key] = value;
  return out;
}
