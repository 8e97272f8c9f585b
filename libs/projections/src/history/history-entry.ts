import type { JsonObject } from '@mesas/event-store';
import { LANGS, Lang, parseStreamId } from '@mesas/domain';
import { MAX_ENTRY_BYTES, historyLeafBytes, historyLeafHash, leafHash } from '@mesas/transparency';
import { publicData } from './public-fields';

/**
 * What a public history entry commits to (its Merkle leaf): API.md's
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

/** An entry as served: the leaf, its one-line summary in the reader's language, its leaf hash. */
export type HistoryEntry = HistoryLeaf & { summary: string; leafHash: string };

/** The languages of the summaries: those every label of the domain is written in. */
export type HistoryLang = Lang;
export const HISTORY_LANGS = LANGS;

/** An entry as stored: both summaries (they are outside the leaf), so either is served as is. */
export type HistoryEntryDoc = HistoryLeaf & {
  summaries: Readonly<Record<HistoryLang, string>>;
  leafHash: string;
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
 * the projection and by `mesas audit verify` (which rebuilds it from the audit envelopes to
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

/** The entry as served in `lang`: the stored document with its summary in that language. */
export function toHistoryEntry(doc: HistoryEntryDoc, lang: HistoryLang = 'es'): HistoryEntry {
  // Everything stored except the summaries is served, so what an auditor hashes is what is kept.
  const { summaries, leafHash, ...leaf } = doc;
  return { ...leaf, summary: summaries[lang] ?? summaries.es, leafHash };
}

export function leafHashOf(leaf: HistoryLeaf): string {
  return historyLeafHash(leaf);
}

/**
 * A leaf too large for a C2SP entry bundle (uint16 length prefix: at most 65,535 bytes). The
 * history refuses it rather than truncate it or publish an entry no tile client can read; the
 * API's body and field limits keep real events far below (docs/history.md, "Entry size").
 */
export class HistoryLeafTooLarge extends Error {
  constructor(
    readonly index: number,
    readonly eventId: string,
    readonly bytes: number,
  ) {
    super(
      `history entry ${index} (event ${eventId}) is ${bytes} bytes of canonical JSON; ` +
        `a tile entry holds at most ${MAX_ENTRY_BYTES}`,
    );
    this.name = 'HistoryLeafTooLarge';
  }
}

/** The leaf's bytes (RFC 8785) and hash, refusing a leaf of 65,536 bytes or more. */
export function checkedLeafOf(leaf: HistoryLeaf): { bytes: Buffer; leafHash: string } {
  const bytes = historyLeafBytes(leaf);
  if (bytes.length > MAX_ENTRY_BYTES)
    throw new HistoryLeafTooLarge(leaf.index, leaf.eventId, bytes.length);
  return { bytes, leafHash: leafHash(bytes) };
}

/** Entry keys are the index zero-padded to 12 digits, so key order is index order. */
export const ENTRY_KEY_DIGITS = 12;
export const MAX_HISTORY_INDEX = 10 ** ENTRY_KEY_DIGITS - 1;

export function entryKey(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0 || index > MAX_HISTORY_INDEX) {
    throw new RangeError(`history index ${index} is outside 0..${MAX_HISTORY_INDEX}`);
  }
  return String(index).padStart(ENTRY_KEY_DIGITS, '0');
}
