import { JsonValue, canonicalBytes, canonicalString, canonicalize } from './jcs';
import { leafHash, leafHashOfText } from './merkle';
import type { HistoryLeaf } from './public-history-leaf';

/**
 * The one definition of a public history entry's leaf (docs/API.md, "Public history and its
 * proofs"), shared by the projection that writes the log and by the offline auditor: the RFC 8785
 * canonical JSON of the entry without `summary` (it depends on the reader's language) and
 * without `leafHash` (it is derived from the leaf). Every other member counts, so an optional
 * member must be absent, not undefined (undefined is rejected, not dropped).
 */
export const FIELDS_OUTSIDE_LEAF: readonly string[] = ['summary', 'leafHash'];

export function historyLeafBytes(entry: object): Buffer {
  const leaf: Record<string, unknown> = { ...entry };
  for (const field of FIELDS_OUTSIDE_LEAF) delete leaf[field];
  return canonicalBytes(leaf as JsonValue);
}

export function historyLeafHash(entry: object): string {
  return leafHash(historyLeafBytes(entry));
}

/**
 * The leaf's canonical text, for a value that is the leaf itself (no member outside the leaf,
 * as historyLeafOf makes it): the text of the bytes historyLeafBytes gives, without copying it,
 * written by historyLeafCanonicalText.
 */
export function historyLeafText(leaf: object): string {
  for (const field of FIELDS_OUTSIDE_LEAF)
    if (Object.prototype.hasOwnProperty.call(leaf, field))
      throw new TypeError(`a leaf has no ${field}: use historyLeafBytes for an entry`);
  return historyLeafCanonicalText(leaf as HistoryLeaf);
}

/** historyLeafText and the leaf hash of that text. */
export function historyLeafTextAndHash(leaf: object): { text: string; leafHash: string } {
  const text = historyLeafText(leaf);
  return { text, leafHash: leafHashOfText(text) };
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
