import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { HISTORY_VECTORS as V } from '../../libs/transparency/src/testing/history-vectors';

/**
 * The portal's in-browser checks (public/portal.js, plain browser JavaScript with its own JCS and
 * proof walking) against the vectors the library passes (libs/transparency, history-vectors.json).
 * The script runs as a browser would load it, in a fresh context with the Web Crypto API; it
 * exports its checks when it finds `module`, and draws no page without `document`.
 */
interface PortalChecks {
  jcs(value: unknown): string;
  leafHashOf(entry: object): Promise<string>;
  verifyInclusionPath(
    leafHash: string,
    index: number,
    treeSize: number,
    auditPath: string[],
    rootHash: string,
  ): Promise<boolean>;
  verifyConsistencyPath(
    first: number,
    second: number,
    path: string[],
    firstRoot: string,
    secondRoot: string,
  ): Promise<boolean>;
}

function loadPortal(): PortalChecks {
  const code = readFileSync(join(__dirname, 'public', 'portal.js'), 'utf8');
  const module = { exports: {} as unknown };
  runInNewContext(
    code,
    { module, crypto: globalThis.crypto, TextEncoder },
    {
      filename: 'portal.js',
    },
  );
  return module.exports as PortalChecks;
}

describe('shared history vectors: the portal (portal.js)', () => {
  const portal = loadPortal();

  it.each(V.jcs.map((v) => [v.json, v.canonical]))('canonicalizes %s', (json, canonical) => {
    expect(portal.jcs(JSON.parse(json))).toBe(canonical);
  });

  it.each(V.jcsInvalid.map((v) => [v]))('refuses %s (no canonical form)', (json) => {
    expect(() => portal.jcs(JSON.parse(json))).toThrow(/lone surrogate/);
  });

  it('hashes each leaf as published, and no mutated one to the same hash', async () => {
    for (const leaf of V.leaves) expect(await portal.leafHashOf(leaf.entry)).toBe(leaf.leafHash);
    for (const m of V.leavesMutated) expect(await portal.leafHashOf(m.entry)).not.toBe(m.leafHash);
  });

  it('accepts exactly the valid inclusion proofs', async () => {
    const results = await Promise.all(
      V.inclusion.map((v) =>
        portal.verifyInclusionPath(v.leafHash, v.index, v.treeSize, v.auditPath, v.rootHash),
      ),
    );
    expect(results).toEqual(V.inclusion.map((v) => v.valid));
  });

  it('accepts exactly the valid consistency proofs', async () => {
    const results = await Promise.all(
      V.consistency.map((v) =>
        portal.verifyConsistencyPath(v.first, v.second, v.path, v.firstRoot, v.secondRoot),
      ),
    );
    expect(results).toEqual(V.consistency.map((v) => v.valid));
  });
});
