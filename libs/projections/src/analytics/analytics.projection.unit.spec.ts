import type { DocWrite } from '../document-store.port';
import { MemoryDocView, foldInMemory } from '../projection';
import type { AnalyticsProblemDoc, AnalyticsTaskDoc } from './analytics.documents';
import {
  ANALYTICS_MESAS,
  ANALYTICS_PROBLEMS,
  ANALYTICS_SESSIONS,
  ANALYTICS_TASKS,
  analyticsProjection,
} from './analytics.projection';
import { analyticsHistory } from './testing/analytics-history';

describe('analyticsProjection', () => {
  const events = analyticsHistory().events;
  const view = foldInMemory(analyticsProjection, events);

  it('keeps every classification, the filter decision, resolutions/reopenings and escalations with their business times', () => {
    expect(view.get<AnalyticsProblemDoc>(ANALYTICS_PROBLEMS, 'a')).toEqual({
      problemId: 'a',
      mesaId: 'm1',
      barrier: 'red_tape',
      raisedBy: 'gremio',
      raisedAt: '2024-01-01T00:00:00.000Z',
      classifications: [
        { at: '2024-01-02T00:00:00.000Z', ownership: 'MP', rootCause: 'law' },
        { at: '2024-01-20T00:00:00.000Z', ownership: 'YP', rootCause: 'capacity' },
      ],
      filter: { decision: 'accepted', at: '2024-01-02T00:00:00.000Z', reason: null },
      resolutions: [
        { kind: 'resolved', at: '2024-01-11T00:00:00.000Z' },
        { kind: 'reopened', at: '2024-01-15T00:00:00.000Z' },
        { kind: 'resolved', at: '2024-01-31T00:00:00.000Z' },
      ],
      escalations: [],
    });
    expect(view.get<AnalyticsProblemDoc>(ANALYTICS_PROBLEMS, 'b')?.escalations).toEqual([
      { escalatedAt: '2024-01-05T00:00:00.000Z', decidedAt: '2024-01-09T00:00:00.000Z' },
    ]);
    expect(view.get<AnalyticsProblemDoc>(ANALYTICS_PROBLEMS, 'c')?.filter).toEqual({
      decision: 'rejected',
      at: '2024-01-03T00:00:00.000Z',
      reason: 'fuera de alcance',
    });
  });

  it("keeps each task's deadlines and statuses as timelines, the original deadline first", () => {
    expect(view.get<AnalyticsTaskDoc>(ANALYTICS_TASKS, 'a/t1')).toEqual({
      taskId: 't1',
      problemId: 'a',
      mesaId: 'm1',
      responsibleEntity: 'SERFOR',
      assignedAt: '2024-01-02T00:00:00.000Z',
      originalDueOn: '2024-01-10',
      deadlines: [
        { at: '2024-01-02T00:00:00.000Z', dueOn: '2024-01-10' },
        { at: '2024-01-08T00:00:00.000Z', dueOn: '2024-01-20' },
      ],
      statuses: [
        { at: '2024-01-02T00:00:00.000Z', status: 'open' },
        { at: '2024-01-25T15:00:00.000Z', status: 'done' },
      ],
    });
    expect(
      view.get<AnalyticsTaskDoc>(ANALYTICS_TASKS, 'd/t4')?.statuses.map((s) => s.status),
    ).toEqual(['open', 'cancelled']);
  });

  it('partitions problems, tasks and sessions by mesa and records every mesa', () => {
    const partitions = (collection: string) =>
      view
        .pendingWrites()
        .filter((w) => w.collection === collection)
        .map((w) => `${w.key}@${w.partition}`)
        .sort();
    expect(partitions(ANALYTICS_PROBLEMS)).toEqual(['a@m1', 'b@m1', 'c@m1', 'd@m1', 'e@m2']);
    expect(partitions(ANALYTICS_TASKS)).toEqual(['a/t1@m1', 'b/t2@m1', 'b/t3@m1', 'd/t4@m1']);
    expect(partitions(ANALYTICS_SESSIONS)).toEqual([
      'm1/s1@m1',
      'm1/s2@m1',
      'm1/s3@m1',
      'm1/s4@m1',
    ]);
    expect(partitions(ANALYTICS_MESAS)).toEqual(['m1@null', 'm2@null']);
    expect(view.get(ANALYTICS_SESSIONS, 'm1/s2')).toMatchObject({
      type: 'inter_session',
      heldOn: '2024-01-05',
    });
  });

  it('names in refsOf every document apply reads, so batches that load only those give the same documents', () => {
    // Fold in batches of 3 the way the runner does: a fresh view per batch holding only the
    // documents refsOf named, loaded from what earlier batches committed.
    const committed = new Map<string, DocWrite>();
    for (let i = 0; i < events.length; i += 3) {
      const batch = events.slice(i, i + 3);
      const loaded = new Map(
        batch
          .flatMap((e) => analyticsProjection.refsOf(e))
          .map((r) => `${r.collection}/${r.key}`)
          .filter((k) => committed.has(k))
          .map((k) => [k, committed.get(k)!.doc] as const),
      );
      const batchView = new MemoryDocView(loaded);
      for (const e of batch) analyticsProjection.apply(batchView, e);
      for (const w of batchView.pendingWrites()) committed.set(`${w.collection}/${w.key}`, w);
    }
    expect(new Map([...committed].map(([k, w]) => [k, w.doc]))).toEqual(
      new Map(view.pendingWrites().map((w) => [`${w.collection}/${w.key}`, w.doc])),
    );
  });

  it('skips an event type it does not know instead of failing the batch', () => {
    const stray = { ...events[0], type: 'SomethingNew', eventId: 'stray' };
    const v = new MemoryDocView();
    expect(() => analyticsProjection.apply(v, stray)).not.toThrow();
    expect(v.pendingWrites()).toEqual([]);
  });
});
