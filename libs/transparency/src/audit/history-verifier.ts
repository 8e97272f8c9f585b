import { Checkpoint, verifyCheckpoint } from '../checkpoint';
import { historyLeafHash } from '../history-leaf';
import { CanonicalJsonError } from '../jcs';
import {
  ConsistencyProof,
  InclusionProof,
  isHashHex,
  verifyConsistency,
  verifyInclusion,
} from '../merkle';
import { MerkleRootAccumulator } from '../merkle-accumulator';
import { EventData } from '../public-fields';
import { HistorySourceEvent, historyLeafOf } from '../public-history-leaf';

/**
 * The auditor's check of the public history (`mesas audit verify`, and anyone else's). It trusts nothing
 * the server computed: every leaf hash and the root are recomputed from the entries, the
 * checkpoint's signature is checked with the published key (pinned by a saved checkpoint when
 * there is one), and an earlier checkpoint must be a prefix of this log both by recomputation
 * and by the server's consistency proof. Every problem found is reported, not just the first.
 */

/** A checkpoint kept by an auditor: the signed head, and the key it was verified with. */
export interface SavedCheckpoint extends Checkpoint {
  readonly publicKeyPem?: string;
  readonly url?: string;
  readonly savedAt?: string;
}

export interface VerifyInput {
  readonly checkpoint: unknown;
  readonly publicKeyPem: string;
  /** the entries as served, in the order served (those with index ≥ treeSize are ignored) */
  readonly entries: AsyncIterable<unknown>;
  /** a checkpoint verified earlier: this log must extend it */
  readonly earlier?: SavedCheckpoint | null;
  /** the server's consistency proof (online only) */
  readonly consistencyProof?: (first: number, second: number) => Promise<unknown>;
  /** the server's inclusion proofs, spot-checked (online only) */
  readonly inclusionProof?: (index: number, treeSize: number) => Promise<unknown>;
  /** the audit log's envelopes in log order (with an auditor token) */
  readonly auditEvents?: AsyncIterable<unknown>;
  /**
   * The history's current tree size (a fresh checkpoint): when the audit log holds events past
   * the checkpoint, the verifier waits up to `catchUpMs` for the history to cover them.
   */
  readonly latestTreeSize?: () => Promise<number>;
  readonly catchUpMs?: number;
  readonly inclusionSamples?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly treeSize: number;
  readonly rootHash: string;
  /** what the checks that passed established, for the verdict */
  readonly passed: readonly string[];
  readonly problems: readonly string[];
  /**
   * With the audit log: the first index where the history does not hold the audit event at
   * that position (missing, lagging or different), when there is one.
   */
  readonly firstMissingIndex?: number;
}

/** At most this many problems of one kind are listed; the rest are counted. */
const MAX_LISTED = 20;

export async function verifyHistory(input: VerifyInput): Promise<VerifyReport> {
  const problems = new ProblemList();
  const passed: string[] = [];
  const checkpoint = input.checkpoint as Checkpoint;
  if (!isCheckpointShape(checkpoint)) {
    return {
      ok: false,
      treeSize: 0,
      rootHash: '',
      passed,
      problems: ['the checkpoint is malformed (want {treeSize, rootHash, signature})'],
    };
  }
  const n = checkpoint.treeSize;

  // 1. The signature, with the key the auditor pinned when there is one.
  const earlier = input.earlier ?? null;
  if (
    earlier?.publicKeyPem &&
    normalizePem(earlier.publicKeyPem) !== normalizePem(input.publicKeyPem)
  ) {
    problems.add('key', "the log's public key changed since the saved checkpoint");
  }
  if (verifyCheckpoint(input.publicKeyPem, checkpoint)) {
    passed.push(`checkpoint signature verified (tree size ${n})`);
  } else {
    problems.add('signature', 'the checkpoint signature does not verify with the published key');
  }
  if (earlier) {
    if (!isCheckpointShape(earlier)) {
      problems.add('earlier', 'the saved checkpoint is malformed');
    } else if (!verifyCheckpoint(earlier.publicKeyPem ?? input.publicKeyPem, earlier)) {
      problems.add('earlier', "the saved checkpoint's signature does not verify");
    }
    if (earlier.treeSize > n) {
      problems.add(
        'earlier',
        `the log shrank: the saved checkpoint has ${earlier.treeSize} entries, the current one ${n}`,
      );
    }
  }

  // 2. Every entry: continuity of indexes, its leaf, the root over all of them.
  const root = new MerkleRootAccumulator();
  const prefixSize = earlier && earlier.treeSize <= n ? earlier.treeSize : null;
  let prefixRoot: string | null = prefixSize === 0 ? root.root() : null;
  const samples = sampleIndexes(n, input.inclusionSamples ?? 4);
  const sampled = new Map<number, string>();
  const audit = input.auditEvents?.[Symbol.asyncIterator]() ?? null;
  let auditEnded = false;
  /** the first position where the entry is not its audit event */
  let firstAuditMismatch: number | null = null;
  let expected = 0;
  let count = 0;
  for await (const raw of input.entries) {
    const entry = raw as { index?: unknown; leafHash?: unknown; eventId?: unknown };
    if (typeof entry !== 'object' || entry === null || !Number.isSafeInteger(entry.index)) {
      problems.add('shape', `entry at position ${count} has no integer index`);
      continue;
    }
    const index = entry.index as number;
    if (index >= n) continue; // appended after the checkpoint
    const position = count++;
    if (index > expected) {
      problems.add(
        'continuity',
        index === expected + 1
          ? `index ${expected} is missing: a gap in the history before entry ${index}`
          : `indexes ${expected}..${index - 1} are missing: a gap in the history before entry ${index}`,
      );
    } else if (index < expected) {
      problems.add(
        'continuity',
        `entry ${index} comes after entry ${expected - 1}: entries are out of order or repeated`,
      );
    }
    expected = Math.max(expected, index + 1);

    let leaf: string | null = null;
    try {
      leaf = historyLeafHash(raw as object);
    } catch (error) {
      const why = error instanceof CanonicalJsonError ? error.message : String(error);
      problems.add('leaf', `entry ${index} cannot be canonicalized (${why})`);
    }
    if (leaf !== null && leaf !== entry.leafHash) {
      problems.add(
        'leaf',
        `entry ${index}: its leafHash does not match its contents (recomputed ${leaf})`,
      );
    }
    // The recomputed leaf, never the claimed one, goes into the root.
    const hashed = leaf ?? (isHashHex(entry.leafHash) ? entry.leafHash : '0'.repeat(64));
    root.push(hashed);
    if (samples.has(index) && index === position) sampled.set(index, hashed);
    if (prefixSize !== null && root.size === prefixSize) prefixRoot = root.root();

    if (audit && !auditEnded) {
      const next = await audit.next();
      if (next.done) {
        auditEnded = true;
        problems.add(
          'audit',
          `the audit log ends before entry ${index}: the public history has entries for events the log does not hold`,
        );
      } else {
        const mismatch = compareWithAuditEvent(
          raw as Record<string, unknown>,
          position,
          next.value,
        );
        if (mismatch) {
          problems.add('audit', mismatch);
          firstAuditMismatch ??= position;
        }
      }
    }
    input.onProgress?.(count, n);
  }
  if (count !== n) {
    problems.add(
      'continuity',
      `the history holds ${count} entries below index ${n}, the checkpoint covers ${n}`,
    );
  }
  if (count === n && problems.count('continuity') === 0 && problems.count('leaf') === 0) {
    passed.push(`${n} entries indexed 0..${n - 1} without gaps, every leaf hash recomputed`);
  }

  const computed = root.root();
  const rootMatches = computed === checkpoint.rootHash;
  if (rootMatches) {
    passed.push(`root recomputed over all ${n} leaves equals the signed root ${computed}`);
  } else {
    problems.add(
      'root',
      `the root recomputed over the ${count} entries is ${computed}, the signed checkpoint says ${checkpoint.rootHash}`,
    );
  }

  // 3. The earlier checkpoint is a prefix: by the leaves themselves, and by the server's proof.
  if (earlier && prefixSize !== null && isCheckpointShape(earlier)) {
    if (prefixRoot === earlier.rootHash) {
      passed.push(`the first ${prefixSize} entries still hash to the saved root`);
    } else {
      problems.add(
        'consistency',
        `the log is not consistent with the saved checkpoint: its first ${prefixSize} entries hash to ` +
          `${prefixRoot ?? '(too few entries)'}, the saved root is ${earlier.rootHash} — the history was rewritten`,
      );
    }
    if (input.consistencyProof) {
      const proof = await fetched(() => input.consistencyProof!(prefixSize, n), problems);
      if (proof !== undefined) {
        const valid =
          isConsistencyShape(proof) &&
          proof.first === prefixSize &&
          proof.second === n &&
          verifyConsistency(proof, earlier.rootHash, checkpoint.rootHash);
        if (valid)
          passed.push(`the server's consistency proof from ${prefixSize} to ${n} verifies`);
        else
          problems.add(
            'consistency',
            `the server's consistency proof from ${prefixSize} to ${n} does not verify against the saved and the signed roots`,
          );
      }
    }
  }

  // 4. Spot checks of the server's inclusion proofs against the signed root.
  if (input.inclusionProof && rootMatches && sampled.size > 0) {
    let good = 0;
    for (const [index, leaf] of sampled) {
      const proof = await fetched(() => input.inclusionProof!(index, n), problems);
      if (proof === undefined) continue;
      const valid =
        isInclusionShape(proof) &&
        proof.index === index &&
        proof.treeSize === n &&
        proof.leafHash === leaf &&
        verifyInclusion(proof, checkpoint.rootHash);
      if (valid) good++;
      else
        problems.add(
          'inclusion',
          `the server's inclusion proof for entry ${index} does not verify against the signed root`,
        );
    }
    if (good === sampled.size) passed.push(`${good} inclusion proofs from the server verify`);
  }

  // 5. The other direction: every audit event has its entry. Events after the checkpoint's
  // last entry are either newer than the checkpoint (the history must catch up with them
  // within `catchUpMs`) or missing from it: a history that misses or lags fails.
  let firstMissingIndex: number | undefined;
  if (audit) {
    const beyond: { eventId: string; type: string }[] = [];
    if (!auditEnded) {
      for (let next = await audit.next(); !next.done; next = await audit.next()) {
        const e = next.value as { eventId?: unknown; type?: unknown };
        beyond.push({ eventId: String(e?.eventId), type: String(e?.type) });
      }
    }
    const auditLength = count + beyond.length;
    let covered = n;
    if (beyond.length > 0 && input.latestTreeSize) {
      const deadline = Date.now() + (input.catchUpMs ?? 10_000);
      for (;;) {
        covered = await fetched(() => input.latestTreeSize!(), problems).then((s) => s ?? n);
        if (covered >= auditLength || Date.now() >= deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    if (covered < auditLength) {
      firstMissingIndex = Math.max(covered, count);
      const missing = beyond[firstMissingIndex - count];
      problems.add(
        'audit',
        `the public history misses audit events: the audit log holds ${auditLength} events, the ` +
          `history covers ${covered}; the first without an entry is event ${missing.eventId} ` +
          `(${missing.type}), index ${firstMissingIndex} — the history lags or lost events`,
      );
    } else if (beyond.length > 0) {
      passed.push(
        `the ${beyond.length} audit events appended after the checkpoint are in the history too (tree size now ${covered})`,
      );
    }
    // where the history and the log first part ways, wherever that is
    if (firstAuditMismatch !== null) firstMissingIndex = firstAuditMismatch;
    if (problems.count('audit') === 0 && !auditEnded) {
      passed.push(
        `each of the ${count} entries records its audit event (same id, order and public data), and every audit event has its entry`,
      );
    }
    await audit.return?.();
  }

  return {
    ok: problems.size === 0,
    treeSize: n,
    rootHash: checkpoint.rootHash,
    passed,
    problems: problems.list(),
    ...(firstMissingIndex !== undefined ? { firstMissingIndex } : {}),
  };
}

/**
 * The entry must be exactly what the projection makes of the audit log's event at the same
 * position: same event id, and the same leaf (type, mesa, problem, session, times, public data).
 */
function compareWithAuditEvent(
  entry: Record<string, unknown>,
  position: number,
  raw: unknown,
): string | null {
  const event = raw as {
    eventId?: unknown;
    type?: unknown;
    streamId?: unknown;
    occurredAt?: unknown;
    recordedAt?: unknown;
    data?: unknown;
    metadata?: { sessionId?: unknown };
  };
  if (typeof event !== 'object' || event === null || typeof event.eventId !== 'string') {
    return `the audit log's event at position ${position} is malformed`;
  }
  if (event.eventId !== entry.eventId) {
    return (
      `index ${position}: the audit log's event ${event.eventId} (${String(event.type)}) has no ` +
      `entry there; entry ${String(entry.index)} names event ${String(entry.eventId)} — the ` +
      `history misses or reorders events from index ${position}`
    );
  }
  try {
    const source: HistorySourceEvent = {
      eventId: event.eventId,
      type: String(event.type),
      streamId: String(event.streamId),
      occurredAt: String(event.occurredAt),
      recordedAt: String(event.recordedAt),
      data: event.data as EventData,
      ...(typeof event.metadata?.sessionId === 'string'
        ? { sessionId: event.metadata.sessionId }
        : {}),
    };
    const expected = historyLeafHash(historyLeafOf(source, position));
    let actual: string | null = null;
    try {
      actual = historyLeafHash(entry);
    } catch {
      actual = null;
    }
    if (expected !== actual) {
      return `entry ${String(entry.index)} does not record audit event ${event.eventId} faithfully (type, times, mesa, session or public data differ)`;
    }
  } catch (error) {
    return `audit event ${event.eventId} cannot be turned into an entry: ${String(error)}`;
  }
  return null;
}

class ProblemList {
  private readonly byKind = new Map<string, string[]>();
  private readonly order: string[] = [];

  add(kind: string, problem: string): void {
    let list = this.byKind.get(kind);
    if (!list) {
      list = [];
      this.byKind.set(kind, list);
      this.order.push(kind);
    }
    list.push(problem);
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.length ?? 0;
  }

  get size(): number {
    return this.order.reduce((n, k) => n + this.count(k), 0);
  }

  list(): string[] {
    return this.order.flatMap((kind) => {
      const all = this.byKind.get(kind)!;
      if (all.length <= MAX_LISTED) return all;
      return [
        ...all.slice(0, MAX_LISTED),
        `… and ${all.length - MAX_LISTED} more of the same kind`,
      ];
    });
  }
}

async function fetched<T>(get: () => Promise<T>, problems: ProblemList): Promise<T | undefined> {
  try {
    return await get();
  } catch (error) {
    problems.add(
      'fetch',
      `could not fetch a proof: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

/** First, last, middle and a few random indexes of a tree of size n. */
function sampleIndexes(n: number, random: number): Set<number> {
  const picked = new Set<number>();
  if (n === 0) return picked;
  picked
    .add(0)
    .add(n - 1)
    .add(Math.floor(n / 2));
  for (let i = 0; i < random; i++) picked.add(Math.floor(Math.random() * n));
  return picked;
}

function isCheckpointShape(value: unknown): value is Checkpoint {
  const c = value as Checkpoint;
  return (
    typeof c === 'object' &&
    c !== null &&
    Number.isSafeInteger(c.treeSize) &&
    c.treeSize >= 0 &&
    isHashHex(c.rootHash) &&
    typeof c.signature === 'string'
  );
}

function isConsistencyShape(value: unknown): value is ConsistencyProof {
  const p = value as ConsistencyProof;
  return typeof p === 'object' && p !== null && Array.isArray(p.path);
}

function isInclusionShape(value: unknown): value is InclusionProof {
  const p = value as InclusionProof;
  return typeof p === 'object' && p !== null && Array.isArray(p.auditPath);
}

function normalizePem(pem: string): string {
  return pem.replace(/\s+/g, '');
}
