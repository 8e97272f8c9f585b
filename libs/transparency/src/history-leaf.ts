import { JsonValue, canonicalBytes, canonicalize } from './jcs';
import { leafHash, leafHashOfText } from './merkle';

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
 * as historyLeafOf makes it): the text of the bytes historyLeafBytes gives, without copying it.
 */
export function historyLeafText(leaf: object): string {
  for (const field of FIELDS_OUTSIDE_LEAF)
    if (Object.prototype.hasOwnProperty.call(leaf, field))
      throw new TypeError(`a leaf has no ${field}: use historyLeafBytes for an entry`);
  return canonicalize(leaf as JsonValue);
}

/** historyLeafText and the leaf hash of that text. */
export function historyLeafTextAndHash(leaf: object): { text: string; leafHash: string } {
  const text = historyLeafText(leaf);
  return { text, leafHash: leafHashOfText(text) };
}
