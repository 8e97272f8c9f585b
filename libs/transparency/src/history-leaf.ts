import { JsonValue, canonicalBytes } from './jcs';
import { leafHash } from './merkle';

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
