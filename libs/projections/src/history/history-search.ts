import type { DocumentStore } from '../document-store.port';
import { HistoryEntryDoc, HistoryLang, entryKey, toHistoryEntry } from './history-entry';
import { HISTORY, HISTORY_ENTRIES } from './history.queries';

/** What a reader may narrow the public history to; every field optional, all must hold. */
export interface HistoryFilter {
  readonly mesaId?: string;
  readonly problemId?: string;
  /** event types, e.g. `['Escalated', 'EscalationResolved']`; empty or absent: every type */
  readonly types?: readonly string[];
  /** ISO-8601 instants, inclusive bounds on the entry's `occurredAt` (business time) */
  readonly from?: string;
  readonly to?: string;
}

export interface HistoryNewestPage {
  /** newest first (descending index) */
  readonly entries: HistoryEntryDoc[];
  /**
   * Pass as `before` to read on: the search stopped just above this index. Null when the
   * search reached the oldest entry (of the mesa, with a mesa filter).
   */
  readonly nextBefore: number | null;
  /** how many entries were read to answer (at most `scanLimit`) */
  readonly scanned: number;
}

/** Whether an entry passes the filter (the mesa too, so the function stands alone). */
export function matchesHistoryFilter(entry: HistoryEntryDoc, filter: HistoryFilter): boolean {
  if (filter.mesaId !== undefined && entry.mesaId !== filter.mesaId) return false;
  if (filter.problemId !== undefined && entry.problemId !== filter.problemId) return false;
  if (filter.types && filter.types.length > 0 && !filter.types.includes(entry.type)) return false;
  const at = Date.parse(entry.occurredAt);
  if (filter.from !== undefined && at < Date.parse(filter.from)) return false;
  if (filter.to !== undefined && at > Date.parse(filter.to)) return false;
  return true;
}

/**
 * The public history newest first, filtered, for readers (the portal): entries with index below
 * `before` (from the newest when absent) that pass `filter`, at most `limit`.
 *
 * The mesa narrows the read itself (entries are partitioned by mesa); the other filters are
 * applied while reading backwards, because business time is not index order (minutes typed in
 * later, history imported). So that one request costs a bounded amount whatever the filter, at
 * most `scanLimit` entries are read: a page may then hold fewer than `limit` entries and still
 * have a `nextBefore` to continue from. Nothing matching is ever skipped: pages continue exactly
 * where the previous one stopped reading.
 */
export async function historyPageNewestFirst(
  documents: DocumentStore,
  options: { before?: number; limit: number; filter?: HistoryFilter; scanLimit?: number },
): Promise<HistoryNewestPage> {
  const filter = options.filter ?? {};
  const scanLimit = Math.max(options.limit, options.scanLimit ?? 5000);
  const entries: HistoryEntryDoc[] = [];
  let before = options.before;
  let scanned = 0;
  if (before !== undefined && before <= 0) return { entries, nextBefore: null, scanned };
  for (;;) {
    const batch = Math.min(Math.max(options.limit * 2, 100), scanLimit - scanned);
    const docs = (await documents.range(HISTORY, HISTORY_ENTRIES, {
      ...(filter.mesaId !== undefined ? { partition: filter.mesaId } : {}),
      ...(before !== undefined ? { beforeKey: entryKey(before) } : {}),
      limit: batch,
      descending: true,
    })) as unknown as HistoryEntryDoc[];
    for (const [i, doc] of docs.entries()) {
      scanned++;
      before = doc.index;
      if (!matchesHistoryFilter(doc, filter)) continue;
      entries.push(doc);
      if (entries.length === options.limit) {
        const lastOfAll = docs.length < batch && i === docs.length - 1;
        return { entries, nextBefore: lastOfAll || doc.index === 0 ? null : doc.index, scanned };
      }
    }
    if (docs.length < batch || before === 0) return { entries, nextBefore: null, scanned };
    if (scanned >= scanLimit) return { entries, nextBefore: before ?? null, scanned };
  }
}

/** One entry of a problem's timeline (`GET /problems/{p}`): public fields only. */
export interface ProblemTimelineEntry {
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly sessionId?: string;
  readonly summary: string;
  readonly historyIndex: number;
  /** the entry's public data (the same as in the history), for the details of each step */
  readonly data: HistoryEntryDoc['data'];
}

/**
 * Every history entry of one problem, oldest first (index order, which is each stream's order).
 * Reads the problem's mesa partition of the history: its cost grows with the mesa's entries.
 */
export async function problemTimeline(
  documents: DocumentStore,
  options: { mesaId: string; problemId: string; lang: HistoryLang },
): Promise<ProblemTimelineEntry[]> {
  const timeline: ProblemTimelineEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const docs = (await documents.range(HISTORY, HISTORY_ENTRIES, {
      partition: options.mesaId,
      ...(after !== undefined ? { afterKey: after } : {}),
      limit: 1000,
    })) as unknown as HistoryEntryDoc[];
    for (const doc of docs) {
      if (doc.problemId !== options.problemId) continue;
      const entry = toHistoryEntry(doc, options.lang);
      timeline.push({
        type: entry.type,
        occurredAt: entry.occurredAt,
        recordedAt: entry.recordedAt,
        ...(entry.sessionId !== undefined ? { sessionId: entry.sessionId } : {}),
        summary: entry.summary,
        historyIndex: entry.index,
        data: entry.data,
      });
    }
    if (docs.length < 1000) return timeline;
    after = entryKey(docs[docs.length - 1].index);
  }
}
