import type { StoredEvent } from '@mesas/event-store';
import { analyticsHistory } from '../analytics/testing/analytics-history';
import { HistoryEntryDoc } from './history-entry';
import { historyProjection } from './history.projection';
import { HISTORY, historyEntries } from './history.queries';
import {
  HistoryFilter,
  historyPageNewestFirst,
  matchesHistoryFilter,
  problemTimeline,
} from './history-search';
import { MemoryDocumentStore } from './testing/memory-document-store';

async function projected(): Promise<{ documents: MemoryDocumentStore; all: HistoryEntryDoc[] }> {
  const events: StoredEvent[] = analyticsHistory().events.map((e, i) =>
    i % 4 === 1 ? { ...e, metadata: { ...e.metadata, sessionId: `s-${i}` } } : e,
  );
  const documents = new MemoryDocumentStore();
  let from: string | null = await documents.checkpoint(HISTORY);
  for (let at = 0; at < events.length; at += 5) {
    const batch = events.slice(at, at + 5);
    const to = String(batch[batch.length - 1].globalPosition);
    await historyProjection.applyBatch(batch, documents, from, to);
    from = to;
  }
  const all: HistoryEntryDoc[] = [];
  for await (const e of historyEntries(documents)) all.push(e);
  return { documents, all };
}

/** Reads every page, following nextBefore, and checks each page's bounds. */
async function readAll(
  documents: MemoryDocumentStore,
  filter: HistoryFilter,
  limit: number,
  scanLimit: number,
): Promise<HistoryEntryDoc[]> {
  const out: HistoryEntryDoc[] = [];
  let before: number | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await historyPageNewestFirst(documents, { before, limit, filter, scanLimit });
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    expect(page.scanned).toBeLessThanOrEqual(Math.max(limit, scanLimit));
    out.push(...page.entries);
    if (page.nextBefore === null) return out;
    expect(page.nextBefore).toBeLessThan(before ?? Number.MAX_SAFE_INTEGER);
    before = page.nextBefore;
  }
  throw new Error('paging did not end');
}

describe('historyPageNewestFirst', () => {
  it('pages the whole log newest first, every entry once, whatever the page size', async () => {
    const { documents, all } = await projected();
    expect(all.length).toBeGreaterThan(20);
    const expected = [...all].reverse().map((e) => e.index);
    for (const limit of [1, 3, 7, all.length, all.length + 5]) {
      const got = await readAll(documents, {}, limit, 5000);
      expect(got.map((e) => e.index)).toEqual(expected);
    }
  });

  it('returns exactly the entries that pass the filter, in descending order, even when the scan budget cuts pages short', async () => {
    const { documents, all } = await projected();
    const sample = all.find((e) => e.problemId !== undefined) as HistoryEntryDoc;
    const middle = all[Math.floor(all.length / 2)].occurredAt;
    const filters: HistoryFilter[] = [
      { mesaId: sample.mesaId as string },
      { problemId: sample.problemId },
      { types: ['ProblemResolved', 'ProblemRaised'] },
      { from: middle },
      { to: middle, mesaId: sample.mesaId as string },
      { types: ['NoSuchType'] },
    ];
    for (const filter of filters) {
      const expected = all
        .filter((e) => matchesHistoryFilter(e, filter))
        .reverse()
        .map((e) => e.index);
      for (const [limit, scanLimit] of [
        [2, 3],
        [5, 5000],
        [1, 1],
      ]) {
        const got = await readAll(documents, filter, limit, scanLimit);
        expect(got.map((e) => e.index)).toEqual(expected);
      }
    }
  });

  it('starts below `before` and stops at the oldest entry', async () => {
    const { documents } = await projected();
    const page = await historyPageNewestFirst(documents, { before: 3, limit: 10 });
    expect(page.entries.map((e) => e.index)).toEqual([2, 1, 0]);
    expect(page.nextBefore).toBeNull();
    expect((await historyPageNewestFirst(documents, { before: 0, limit: 10 })).entries).toEqual([]);
  });
});

describe('problemTimeline', () => {
  it("lists one problem's entries oldest first, with its summary in the asked language", async () => {
    const { documents, all } = await projected();
    const sample = all.find((e) => e.problemId !== undefined) as HistoryEntryDoc;
    const mine = all.filter((e) => e.problemId === sample.problemId);
    const timeline = await problemTimeline(documents, {
      mesaId: sample.mesaId as string,
      problemId: sample.problemId as string,
      lang: 'en',
    });
    expect(timeline.map((t) => t.historyIndex)).toEqual(mine.map((e) => e.index));
    expect(timeline.map((t) => t.summary)).toEqual(mine.map((e) => e.summaries.en));
    for (const [i, t] of timeline.entries()) {
      expect(t.sessionId).toBe(mine[i].sessionId);
      expect(Object.keys(t).sort()).toEqual(
        ['data', 'historyIndex', 'occurredAt', 'recordedAt', 'summary', 'type']
          .concat(mine[i].sessionId !== undefined ? ['sessionId'] : [])
          .sort(),
      );
    }
  });
});
