import { parseStreamId } from '@mesas/domain';
import { EventData, publicData } from './public-fields';

type JsonObject = EventData;

/**
 * What a public history entry commits to (its Merkle leaf): docs/API.md's
 * `{index, eventId, type, mesaId, problemId?, occurredAt, recordedAt, data}` plus, as our
 * extension, `sessionId` when the command named the session where it was decided (so the
 * provenance is verifiable, not just displayed). Optional members are absent, never undefined:
 * RFC 8785 has no undefined, and the leaf must be the same text for the writer and the auditor.
 */
export type HistoryLeaf = {
  index: number;
  eventId: string;
  type: string;
  /** null only for an event outside any mesa (none in today's catalogue) */
  mesaId: string | null;
  problemId?: string;
  sessionId?: string;
  occurredAt: string;
  recordedAt: string;
  data: JsonObject;
};

/** The parts of a stored event (or of its audit envelope) that an entry is made of. */
export interface HistorySourceEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly data: JsonObject;
  /** the event metadata's sessionId */
  readonly sessionId?: string;
}

/**
 * The leaf of the event at `index` of the global log. Pure, and the one definition shared by
 * the history projection and by the auditor's verifier (`verifyHistory`) (which rebuilds it from the audit envelopes to
 * check that every entry records its event faithfully).
 */
export function historyLeafOf(event: HistorySourceEvent, index: number): HistoryLeaf {
  const { data } = event;
  const stream = parseStreamId(event.streamId);
  const mesaId =
    typeof data.mesaId === 'string' ? data.mesaId : stream?.kind === 'mesa' ? stream.id : null;
  return {
    index,
    eventId: event.eventId,
    type: event.type,
    mesaId,
    ...(typeof data.problemId === 'string' ? { problemId: data.problemId } : {}),
    ...(typeof event.sessionId === 'string' ? { sessionId: event.sessionId } : {}),
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    data: publicData(event.type, data),
  };
}
