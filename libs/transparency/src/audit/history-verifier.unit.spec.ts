import { Checkpoint, generateKeyPair, signCheckpoint } from '../checkpoint';
import { historyLeafHash } from '../history-leaf';
import {
  consistencyProofFromLeafHashes,
  inclusionProofFromLeafHashes,
  rootFromLeafHashes,
} from '../merkle';
import { MerkleRootAccumulator } from '../merkle-accumulator';
import { EventData } from '../public-fields';
import { HistoryLeaf, historyLeafOf } from '../public-history-leaf';

type JsonObject = EventData;
type HistoryEntry = HistoryLeaf & { summary: string; leafHash: string };
import { CONSISTENCY, LEAF_HASHES, ROOTS } from '../testing/reference-tree';
import { VerifyInput, verifyHistory } from './history-verifier';

const KEY = generateKeyPair();
const OTHER_KEY = generateKeyPair();

/** An audit envelope and the entry the projection makes of it, for a log of n events. */
type Envelope = {
  eventId: string;
  type: string;
  streamId: string;
  occurredAt: string;
  recordedAt: string;
  data: JsonObject;
  metadata: { sessionId?: string };
};

function log(n: number, salt = '') {
  const envelopes = Array.from({ length: n }, (_, i): Envelope => ({
    eventId: `ev-${salt}${i}`,
    type: i % 3 === 0 ? 'MesaLaunched' : 'ProblemPrioritized',
    streamId: i % 3 === 0 ? 'mesa-m1' : 'problem-p1',
    occurredAt: new Date(Date.UTC(2015, 0, 1 + i)).toISOString(),
    recordedAt: new Date(Date.UTC(2015, 0, 1 + i, 1)).toISOString(),
    data: i % 3 === 0 ? { mesaId: 'm1' } : { mesaId: 'm1', problemId: 'p1', rank: i },
    metadata: i % 4 === 1 ? { sessionId: 's1' } : {},
  }));
  const entries: HistoryEntry[] = envelopes.map((e, i) => {
    const { metadata, ...rest } = e;
    const leaf = historyLeafOf(
      { ...rest, ...(metadata.sessionId ? { sessionId: metadata.sessionId } : {}) },
      i,
    );
    return { ...leaf, summary: `entrada ${i}`, leafHash: historyLeafHash(leaf) };
  });
  return { envelopes, entries, hashes: entries.map((e) => e.leafHash) };
}

async function* iterate<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

function checkpointOf(hashes: readonly string[], key = KEY): Checkpoint {
  return signCheckpoint(key.privateKeyPem, hashes.length, rootFromLeafHashes(hashes));
}

/** An honest server over `entries`: every proof computed from the leaves themselves. */
function honest(entries: HistoryEntry[], extra: Partial<VerifyInput> = {}): VerifyInput {
  const hashes = entries.map((e) => e.leafHash);
  return {
    checkpoint: checkpointOf(hashes),
    publicKeyPem: KEY.publicKeyPem,
    entries: iterate(entries),
    consistencyProof: async (first, second) => ({
      first,
      second,
      path: consistencyProofFromLeafHashes(hashes.slice(0, second), first),
    }),
    inclusionProof: async (index, treeSize) => ({
      index,
      treeSize,
      leafHash: hashes[index],
      auditPath: inclusionProofFromLeafHashes(hashes.slice(0, treeSize), index),
    }),
    ...extra,
  };
}

const flip = (hash: string, at = 0): string =>
  hash.slice(0, at) + (parseInt(hash[at], 16) ^ 1).toString(16) + hash.slice(at + 1);

describe('MerkleRootAccumulator', () => {
  it('gives the published roots of the RFC 9162 reference tree, leaf by leaf', () => {
    const acc = new MerkleRootAccumulator();
    LEAF_HASHES.forEach((h, i) => {
      acc.push(h);
      expect(acc.root()).toBe(ROOTS[i]);
    });
  });

  it('equals the RFC recursion for every size up to 130', () => {
    const hashes = log(130).hashes;
    const acc = new MerkleRootAccumulator();
    expect(acc.root()).toBe(rootFromLeafHashes([]));
    hashes.forEach((h, i) => {
      acc.push(h);
      expect(acc.root()).toBe(rootFromLeafHashes(hashes.slice(0, i + 1)));
    });
  });
});

describe('verifyHistory', () => {
  const { entries, envelopes, hashes } = log(23);

  it('passes an honest log, its proofs and its audit events, and says what it checked', async () => {
    const earlier = { ...checkpointOf(hashes.slice(0, 9)), publicKeyPem: KEY.publicKeyPem };
    const report = await verifyHistory(
      honest(entries, { earlier, auditEvents: iterate(envelopes) }),
    );
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.passed).toEqual([
      'checkpoint signature verified (tree size 23)',
      '23 entries indexed 0..22 without gaps, every leaf hash recomputed',
      `root recomputed over all 23 leaves equals the signed root ${rootFromLeafHashes(hashes)}`,
      'the first 9 entries still hash to the saved root',
      "the server's consistency proof from 9 to 23 verifies",
      expect.stringMatching(/^\d inclusion proofs from the server verify$/),
      'each of the 23 entries records its audit event (same id, order and public data), and every audit event has its entry',
    ]);
  });

  it('ignores entries appended after the checkpoint', async () => {
    const longer = log(30).entries;
    const report = await verifyHistory(honest(entries, { entries: iterate(longer) }));
    expect(report.problems).toEqual([]);
  });

  describe('refuses a checkpoint that is not signed by the published key', () => {
    const good = checkpointOf(hashes);
    it.each([
      ['signed by another key', checkpointOf(hashes, OTHER_KEY)],
      [
        'with a flipped signature byte',
        {
          ...good,
          signature: Buffer.from(
            Buffer.from(good.signature, 'base64').map((b, i) => (i === 5 ? b ^ 1 : b)),
          ).toString('base64'),
        },
      ],
      [
        'with the signature of another size',
        { ...good, signature: signCheckpoint(KEY.privateKeyPem, 22, good.rootHash).signature },
      ],
      ['with an empty signature', { ...good, signature: '' }],
    ])('%s', async (_name, checkpoint) => {
      const report = await verifyHistory(honest(entries, { checkpoint }));
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([
        'the checkpoint signature does not verify with the published key',
      ]);
    });

    it('when the published key is not the one pinned by the saved checkpoint', async () => {
      const earlier = {
        ...checkpointOf(hashes.slice(0, 5), OTHER_KEY),
        publicKeyPem: OTHER_KEY.publicKeyPem,
      };
      const report = await verifyHistory(honest(entries, { earlier }));
      expect(report.problems).toEqual(["the log's public key changed since the saved checkpoint"]);
    });

    it('and a malformed checkpoint', async () => {
      const report = await verifyHistory(
        honest(entries, { checkpoint: { treeSize: -1, rootHash: 'x', signature: 1 } }),
      );
      expect(report).toMatchObject({ ok: false, problems: [expect.stringMatching(/malformed/)] });
    });
  });

  describe('refuses a consistency proof that does not prove the saved checkpoint is a prefix', () => {
    const earlier = { ...checkpointOf(hashes.slice(0, 9)), publicKeyPem: KEY.publicKeyPem };
    const path = consistencyProofFromLeafHashes(hashes, 9);
    const mutations: [string, (p: { first: number; second: number; path: string[] }) => unknown][] =
      [
        ...path.map(
          (_, i): [string, (p: { first: number; second: number; path: string[] }) => unknown] => [
            `element ${i} flipped`,
            (p) => ({ ...p, path: p.path.map((h, j) => (j === i ? flip(h, 7) : h)) }),
          ],
        ),
        ['last element dropped', (p) => ({ ...p, path: p.path.slice(0, -1) })],
        ['an element appended', (p) => ({ ...p, path: [...p.path, p.path[0]] })],
        ['elements swapped', (p) => ({ ...p, path: [p.path[1], p.path[0], ...p.path.slice(2)] })],
        ['empty path', (p) => ({ ...p, path: [] })],
        ['another first size', (p) => ({ ...p, first: 8 })],
        ['not hex', (p) => ({ ...p, path: p.path.map((h) => h.toUpperCase()) })],
        ['not a proof', () => 'nonsense'],
      ];
    it.each(mutations)('%s', async (_name, mutate) => {
      const report = await verifyHistory(
        honest(entries, {
          earlier,
          consistencyProof: async (first, second) => mutate({ first, second, path }),
        }),
      );
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([
        "the server's consistency proof from 9 to 23 does not verify against the saved and the signed roots",
      ]);
    });

    // The published transparency-dev consistency vectors, as a server would send them, with one
    // bit flipped in each element: the verifier accepts the originals and refuses every mutant.
    it.each(CONSISTENCY.filter((v) => v.path.length > 0))(
      'reference proof $first → $second and its mutants',
      async (v) => {
        const signed = signCheckpoint(KEY.privateKeyPem, v.second, ROOTS[v.second - 1]);
        const saved = {
          ...signCheckpoint(KEY.privateKeyPem, v.first, ROOTS[v.first - 1]),
          publicKeyPem: KEY.publicKeyPem,
        };
        // the reference leaves are not history entries: only the proof's verdict is looked at here
        const run = (path: string[]) =>
          verifyHistory({
            checkpoint: signed,
            publicKeyPem: KEY.publicKeyPem,
            entries: iterate([]),
            earlier: saved,
            consistencyProof: async () => ({ first: v.first, second: v.second, path }),
          });
        const good = await run(v.path);
        expect(good.problems.filter((p) => p.includes('consistency proof'))).toEqual([]);
        for (let i = 0; i < v.path.length; i++) {
          const bad = await run(v.path.map((h, j) => (j === i ? flip(h, 1) : h)));
          expect(bad.problems).toContain(
            `the server's consistency proof from ${v.first} to ${v.second} does not verify against the saved and the signed roots`,
          );
        }
      },
    );
  });

  it('refuses inclusion proofs that do not lead to the signed root', async () => {
    const report = await verifyHistory(
      honest(entries, {
        inclusionProof: async (index, treeSize) => {
          const auditPath = inclusionProofFromLeafHashes(hashes.slice(0, treeSize), index);
          return {
            index,
            treeSize,
            leafHash: hashes[index],
            auditPath: auditPath.map((h, j) => (j === 0 ? flip(h) : h)),
          };
        },
      }),
    );
    expect(report.problems.length).toBeGreaterThanOrEqual(3);
    for (const p of report.problems)
      expect(p).toMatch(
        /^the server's inclusion proof for entry \d+ does not verify against the signed root$/,
      );
  });

  it('refuses a saved checkpoint that this log does not extend, or a log that shrank', async () => {
    const rewritten = log(23, 'x').hashes;
    const earlier = { ...checkpointOf(rewritten.slice(0, 9)), publicKeyPem: KEY.publicKeyPem };
    const report = await verifyHistory(honest(entries, { earlier }));
    expect(report.problems).toEqual([
      expect.stringMatching(
        /^the log is not consistent with the saved checkpoint: its first 9 entries hash to [0-9a-f]{64}, the saved root is [0-9a-f]{64} — the history was rewritten$/,
      ),
      "the server's consistency proof from 9 to 23 does not verify against the saved and the signed roots",
    ]);
    const bigger = { ...checkpointOf(log(30).hashes), publicKeyPem: KEY.publicKeyPem };
    expect((await verifyHistory(honest(entries, { earlier: bigger }))).problems).toEqual([
      'the log shrank: the saved checkpoint has 30 entries, the current one 23',
    ]);
  });

  it('names a changed entry, a gap, a reordering and an unreadable line', async () => {
    const changed = entries.map((e) =>
      e.index === 4 ? { ...e, data: { ...e.data, rank: 99 } } : e,
    );
    expect((await verifyHistory(honest(entries, { entries: iterate(changed) }))).problems).toEqual([
      expect.stringMatching(
        /^entry 4: its leafHash does not match its contents \(recomputed [0-9a-f]{64}\)$/,
      ),
      expect.stringMatching(/^the root recomputed over the 23 entries is/),
    ]);

    const gap = entries.filter((e) => e.index !== 6 && e.index !== 7);
    expect((await verifyHistory(honest(entries, { entries: iterate(gap) }))).problems).toEqual([
      'indexes 6..7 are missing: a gap in the history before entry 8',
      'the history holds 21 entries below index 23, the checkpoint covers 23',
      expect.stringMatching(/^the root recomputed over the 21 entries/),
    ]);

    const swapped = [...entries];
    [swapped[10], swapped[11]] = [swapped[11], swapped[10]];
    expect((await verifyHistory(honest(entries, { entries: iterate(swapped) }))).problems).toEqual([
      'index 10 is missing: a gap in the history before entry 11',
      'entry 10 comes after entry 11: entries are out of order or repeated',
      expect.stringMatching(/^the root recomputed over the 23 entries/),
    ]);

    const unreadable = entries.map((e, i) => (i === 3 ? { unreadableLine: 4 } : e));
    const report = await verifyHistory(honest(entries, { entries: iterate(unreadable) }));
    expect(report.problems[0]).toBe('entry at position 3 has no integer index');
    expect(report.ok).toBe(false);
  });

  it('checks every entry against its audit event: same id at the same position, same public content', async () => {
    const otherId = envelopes.map((e, i) => (i === 5 ? { ...e, eventId: 'ev-other' } : e));
    expect(
      (await verifyHistory(honest(entries, { auditEvents: iterate(otherId) }))).problems,
    ).toEqual([
      "index 5: the audit log's event ev-other (ProblemPrioritized) has no entry there; entry 5 names event ev-5 — the history misses or reorders events from index 5",
    ]);
    const otherData = envelopes.map((e, i) =>
      i === 8 ? { ...e, data: { ...e.data, rank: 1 } } : e,
    );
    expect(
      (await verifyHistory(honest(entries, { auditEvents: iterate(otherData) }))).problems,
    ).toEqual([
      'entry 8 does not record audit event ev-8 faithfully (type, times, mesa, session or public data differ)',
    ]);
    const movedSession = envelopes.map((e, i) =>
      i === 1 ? { ...e, metadata: { sessionId: 's2' } } : e,
    );
    expect(
      (await verifyHistory(honest(entries, { auditEvents: iterate(movedSession) }))).problems,
    ).toEqual([
      'entry 1 does not record audit event ev-1 faithfully (type, times, mesa, session or public data differ)',
    ]);
    const shorter = envelopes.slice(0, 20);
    expect(
      (await verifyHistory(honest(entries, { auditEvents: iterate(shorter) }))).problems,
    ).toEqual([
      'the audit log ends before entry 20: the public history has entries for events the log does not hold',
    ]);
  });

  it('checks the other direction: every audit event has its entry, and names the first missing index', async () => {
    // events appended after the checkpoint are fine once the history covers them
    const longer = [...envelopes, ...log(25).envelopes.slice(23)];
    const caughtUp = await verifyHistory(
      honest(entries, { auditEvents: iterate(longer), latestTreeSize: async () => 25 }),
    );
    expect(caughtUp.problems).toEqual([]);
    expect(caughtUp.passed).toContain(
      'the 2 audit events appended after the checkpoint are in the history too (tree size now 25)',
    );
    // a history that does not cover them (it lags, or stopped) fails, naming the first missing
    const lagging = await verifyHistory(
      honest(entries, {
        auditEvents: iterate(longer),
        latestTreeSize: async () => 23,
        catchUpMs: 0,
      }),
    );
    expect(lagging.ok).toBe(false);
    expect(lagging.firstMissingIndex).toBe(23);
    expect(lagging.problems).toEqual([
      'the public history misses audit events: the audit log holds 25 events, the history covers 23; the first without an entry is event ev-23 (ProblemPrioritized), index 23 — the history lags or lost events',
    ]);
    // without a fresh tree size, only the checkpoint counts
    expect(
      (await verifyHistory(honest(entries, { auditEvents: iterate(longer) }))).firstMissingIndex,
    ).toBe(23);

    // a signed, self-consistent history of the first 5 events of 23: everything it holds
    // verifies, yet it misses most of the log
    const stopped = await verifyHistory(
      honest(entries.slice(0, 5), {
        auditEvents: iterate(envelopes),
        latestTreeSize: async () => 5,
        catchUpMs: 0,
      }),
    );
    expect(stopped.ok).toBe(false);
    expect(stopped.firstMissingIndex).toBe(5);
    expect(stopped.problems).toEqual([
      expect.stringMatching(
        /holds 23 events, the history covers 5; the first without an entry is event ev-5 \(ProblemPrioritized\), index 5/,
      ),
    ]);

    // an event skipped in the middle: named where the history and the log part ways
    const skipped = entries.filter((_, i) => i !== 7).map((e, i) => reindexed(e, i));
    const skipReport = await verifyHistory(
      honest(skipped, { auditEvents: iterate(envelopes), catchUpMs: 0 }),
    );
    expect(skipReport.ok).toBe(false);
    expect(skipReport.firstMissingIndex).toBe(7);
    expect(skipReport.problems[0]).toBe(
      "index 7: the audit log's event ev-7 (ProblemPrioritized) has no entry there; entry 7 names event ev-8 — the history misses or reorders events from index 7",
    );
  });
});

/** The entry as the projection would have written it at another index. */
function reindexed(entry: HistoryEntry, index: number): HistoryEntry {
  const { summary, leafHash: _old, ...leaf } = entry;
  const moved = { ...leaf, index };
  return { ...moved, summary, leafHash: historyLeafHash(moved) };
}
