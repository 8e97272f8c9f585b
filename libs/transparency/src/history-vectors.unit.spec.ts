import { historyLeafHash } from './history-leaf';
import { CanonicalJsonError, JsonValue, canonicalize } from './jcs';
import { EMPTY_TREE_ROOT, verifyConsistency, verifyInclusion } from './merkle';
import { HISTORY_VECTORS as V } from './testing/history-vectors';

/**
 * The shared vectors, through the library. The portal's in-browser checks run the very same
 * file (apps/portal/portal-verify.unit.spec.ts): a reader's browser and an auditor's CLI agree.
 */
describe('shared history vectors: libs/transparency', () => {
  it('has the empty tree root of RFC 9162', () => {
    expect(V.emptyTreeRoot).toBe(EMPTY_TREE_ROOT);
  });

  it.each(V.jcs.map((v) => [v.json, v.canonical]))('canonicalizes %s', (json, canonical) => {
    expect(canonicalize(JSON.parse(json) as JsonValue)).toBe(canonical);
  });

  it.each(V.jcsInvalid.map((v) => [v]))('refuses %s (no canonical form)', (json) => {
    expect(() => canonicalize(JSON.parse(json) as JsonValue)).toThrow(CanonicalJsonError);
  });

  it('hashes each leaf as published, and no mutated one to the same hash', () => {
    for (const leaf of V.leaves) expect(historyLeafHash(leaf.entry)).toBe(leaf.leafHash);
    for (const m of V.leavesMutated) expect(historyLeafHash(m.entry)).not.toBe(m.leafHash);
  });

  it('accepts exactly the valid inclusion proofs', () => {
    const results = V.inclusion.map((v) => verifyInclusion(v, v.rootHash));
    expect(results).toEqual(V.inclusion.map((v) => v.valid));
    expect(V.inclusion.filter((v) => !v.valid).length).toBeGreaterThan(20);
  });

  it('accepts exactly the valid consistency proofs', () => {
    const results = V.consistency.map((v) => verifyConsistency(v, v.firstRoot, v.secondRoot));
    expect(results).toEqual(V.consistency.map((v) => v.valid));
    expect(V.consistency.filter((v) => !v.valid).length).toBeGreaterThan(15);
  });
});
