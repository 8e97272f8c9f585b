import { LANGS, Lang } from '@mesas/domain';
import {
  HistoryLeaf,
  MAX_ENTRY_BYTES,
  historyLeafHash,
  historyLeafText,
} from '@mesas/transparency';

// The event → leaf mapping lives in @mesas/transparency, beside the Merkle code and the
// verifier that recompute it; re-exported here for the projection's readers.
export { historyLeafOf, type HistoryLeaf, type HistorySourceEvent } from '@mesas/transparency';

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

/**
 * The entry as served in `lang`: the stored document with its summary in that language, its
 * members in the order of docs/API.md whatever order the store kept them in (an entry is
 * stored as its leaf's canonical text, whose members are sorted).
 */
export function toHistoryEntry(doc: HistoryEntryDoc, lang: HistoryLang = 'es'): HistoryEntry {
  // Everything stored except the summaries is served, so what an auditor hashes is what is kept.
  const {
    summaries,
    leafHash,
    index,
    eventId,
    type,
    mesaId,
    occurredAt,
    recordedAt,
    data,
    ...rest
  } = doc;
  return {
    index,
    eventId,
    type,
    mesaId,
    ...rest,
    occurredAt,
    recordedAt,
    data,
    summary: summaries[lang] ?? summaries.es,
    leafHash,
  };
}

/**
 * The stored entry as JSON text, from its leaf's canonical text: the leaf's members (sorted, as
 * RFC 8785 has them), then `summaries` and `leafHash`. The leaf is serialized once, for its
 * hash, instead of once more for the store.
 */
export function entryJson(
  leafText: string,
  summaries: HistoryEntryDoc['summaries'],
  leafHash: string,
): string {
  return entryJsonOf(leafText, JSON.stringify(summaries), leafHash);
}

/** entryJson, with the summaries already JSON text. */
export function entryJsonOf(leafText: string, summariesJson: string, leafHash: string): string {
  return `${leafText.slice(0, -1)},"summaries":${summariesJson},"leafHash":"${leafHash}"}`;
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

/** The leaf's canonical (RFC 8785) text, refusing a leaf of 65,536 bytes or more. */
export function checkedLeafText(leaf: HistoryLeaf): string {
  const text = historyLeafText(leaf);
  // only a text of more than MAX_ENTRY_BYTES / 3 code units can be that long in UTF-8
  const bytes = text.length * 3 > MAX_ENTRY_BYTES ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > MAX_ENTRY_BYTES) throw new HistoryLeafTooLarge(leaf.index, leaf.eventId, bytes);
  return text;
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
