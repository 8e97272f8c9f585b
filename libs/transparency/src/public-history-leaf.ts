import { parseStreamId } from '@mesas/domain';
import { JsonValue, canonicalString, canonicalize } from './jcs';
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

/**
 * The leaf's RFC 8785 text, written member by member in the order RFC 8785 sorts a leaf's
 * members (data, eventId, index, mesaId, occurredAt, problemId?, recordedAt, sessionId?, type);
 * only `data` goes through the general canonicalization. The text `canonicalize(leaf)` gives (a
 * property test compares them) for a leaf as historyLeafOf makes it, at a fraction of the cost:
 * a leaf is written for every event. Anything else, or a string RFC 8785 refuses, is handed to
 * `canonicalize`, which writes it or says why not.
 */
export function historyLeafCanonicalText(leaf: HistoryLeaf): string {
  const { index, mesaId, problemId, sessionId } = leaf;
  if (
    Object.keys(leaf).length !==
      7 + (problemId !== undefined ? 1 : 0) + (sessionId !== undefined ? 1 : 0) ||
    !Number.isSafeInteger(index) ||
    typeof leaf.eventId !== 'string' ||
    typeof leaf.type !== 'string' ||
    typeof leaf.occurredAt !== 'string' ||
    typeof leaf.recordedAt !== 'string' ||
    (problemId !== undefined && typeof problemId !== 'string') ||
    (sessionId !== undefined && typeof sessionId !== 'string') ||
    (mesaId !== null && typeof mesaId !== 'string')
  ) {
    return canonicalize(leaf as unknown as JsonValue);
  }
  try {
    return (
      `{"data":${canonicalize(leaf.data as JsonValue)}` +
      `,"eventId":${canonicalString(leaf.eventId)}` +
      `,"index":${index}` +
      `,"mesaId":${mesaId === null ? 'null' : canonicalString(mesaId)}` +
      `,"occurredAt":${canonicalString(leaf.occurredAt)}` +
      (problemId !== undefined ? `,"problemId":${canonicalString(problemId)}` : '') +
      `,"recordedAt":${canonicalString(leaf.recordedAt)}` +
      (sessionId !== undefined ? `,"sessionId":${canonicalString(sessionId)}` : '') +
      `,"type":${canonicalString(leaf.type)}}`
    );
  } catch {
    return canonicalize(leaf as unknown as JsonValue);
  }
}
