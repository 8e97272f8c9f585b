import type { ResolutionGroupBy } from '@mesas/analytics';
import { foldInMemory } from '../projection';
import type { AnalyticsProblemDoc, AnalyticsTaskDoc } from './analytics.documents';
import { ANALYTICS_PROBLEMS, ANALYTICS_TASKS, analyticsProjection } from './analytics.projection';
import {
  AsOf,
  analyticsMesaExists,
  problemRecordAsOf,
  readCadence,
  readEscalations,
  readTaskDelivery,
  readTimeToResolution,
  taskRecordAsOf,
} from './analytics.queries';
import { analyticsHistory, documentsOf } from './testing/analytics-history';

// Every number below is worked out by hand from the history in testing/analytics-history.ts.
describe('analytics queries over the projection', () => {
  const view = foldInMemory(analyticsProjection, analyticsHistory().events);
  const docs = documentsOf(view);
  const problem = (id: string) => view.get<AnalyticsProblemDoc>(ANALYTICS_PROBLEMS, id)!;
  const at = (iso: string) => new AsOf(iso);

  const ttr = async (
    asOf: string,
    options: {
      groupBy?: ResolutionGroupBy;
      mesaId?: string;
    } = { mesaId: 'm1' },
  ) => (await readTimeToResolution(docs, { asOf, ...options })).result;

  describe('AsOf', () => {
    it('compares canonical instants as strings and any other form by parsing, with the same answers', () => {
      const asOf = new AsOf('2024-01-11T19:00:00-05:00'); // 2024-01-12T00:00:00.000Z
      expect(asOf.iso).toBe('2024-01-12T00:00:00.000Z');
      expect(asOf.covers('2024-01-12T00:00:00.000Z')).toBe(true);
      expect(asOf.covers('2024-01-12T00:00:00.001Z')).toBe(false);
      expect(asOf.covers('2024-01-12T00:00:00Z')).toBe(true);
      expect(asOf.covers('2024-01-11T19:00:01-05:00')).toBe(false);
      expect(() => new AsOf('tomorrow')).toThrow(RangeError);
    });
  });

  describe('a problem as of an instant', () => {
    it('uses the classification in force then, and the resolution state then', () => {
      expect(problemRecordAsOf(problem('a'), at('2024-01-12T00:00:00Z'))).toMatchObject({
        ownership: 'MP',
        rootCause: 'law',
        resolvedAt: '2024-01-11T00:00:00.000Z',
        rejected: false,
      });
      // reopened on 01-15: open again until the second resolution
      expect(problemRecordAsOf(problem('a'), at('2024-01-16T00:00:00Z'))).toMatchObject({
        resolvedAt: null,
      });
      expect(problemRecordAsOf(problem('a'), at('2024-02-01T00:00:00Z'))).toMatchObject({
        ownership: 'YP',
        rootCause: 'capacity',
        resolvedAt: '2024-01-31T00:00:00.000Z',
      });
      expect(problemRecordAsOf(problem('a'), at('2024-01-01T12:00:00Z'))).toMatchObject({
        ownership: null,
        rootCause: null,
      });
    });

    it('is rejected only from its rejection on, escalated only from its escalation on, absent before it was raised', () => {
      expect(problemRecordAsOf(problem('c'), at('2024-01-02T23:59:59Z'))?.rejected).toBe(false);
      expect(problemRecordAsOf(problem('c'), at('2024-01-03T00:00:00Z'))?.rejected).toBe(true);
      expect(problemRecordAsOf(problem('b'), at('2024-01-04T00:00:00Z'))?.escalated).toBe(false);
      expect(problemRecordAsOf(problem('b'), at('2024-01-05T00:00:00Z'))?.escalated).toBe(true);
      expect(problemRecordAsOf(problem('d'), at('2024-01-05T00:00:00Z'))).toBeNull();
    });
  });

  describe('time to resolution', () => {
    it('asOf 01-12: A resolved on day 10, B and D censored, C (rejected) out', async () => {
      const result = await ttr('2024-01-12T00:00:00Z');
      expect(result).toEqual({
        asOf: '2024-01-12T00:00:00.000Z',
        groups: [
          expect.objectContaining({
            key: 'all',
            n: 3,
            resolved: 1,
            censored: 2,
            medianDays: 10,
            p25Days: 10,
            p75Days: null,
            curve: [
              { day: 0, survival: 1 },
              { day: 10, survival: 0.5 },
            ],
          }),
        ],
      });
    });

    it('asOf 01-02 12:00: before C was rejected it is in the population, and D is not yet', async () => {
      const result = await ttr('2024-01-02T12:00:00Z');
      expect(result.groups[0]).toMatchObject({ n: 3, resolved: 0, censored: 3, medianDays: null });
      const byOwnership = await ttr('2024-01-02T12:00:00Z', { mesaId: 'm1', groupBy: 'ownership' });
      expect(byOwnership.groups.map((g) => [g.key, g.n])).toEqual([
        ['MP', 1],
        ['unknown', 2],
      ]);
    });

    it('asOf 01-16: the reopened problem counts as open again', async () => {
      const result = await ttr('2024-01-16T00:00:00Z');
      expect(result.groups[0]).toMatchObject({ n: 3, resolved: 0, censored: 3, medianDays: null });
    });

    it('asOf 02-01: A counts until its final resolution (day 30), B day 20, D censored on day 26', async () => {
      const result = await ttr('2024-02-01T00:00:00Z');
      expect(result.groups[0]).toMatchObject({
        n: 3,
        resolved: 2,
        censored: 1,
        p25Days: 20,
        medianDays: 30,
        p75Days: 30,
      });
      expect(result.groups[0].curve).toEqual([
        { day: 0, survival: 1 },
        { day: 20, survival: 1 - 1 / 3 }, // 2 of 3 at risk remain
        { day: 30, survival: 0 },
      ]);
    });

    it('groups by the classification in force at asOf', async () => {
      const before = await ttr('2024-01-12T00:00:00Z', { mesaId: 'm1', groupBy: 'ownership' });
      expect(before.groups.map((g) => [g.key, g.n, g.medianDays])).toEqual([
        ['MP', 1, 10],
        ['unknown', 2, null],
      ]);
      const after = await ttr('2024-02-01T00:00:00Z', { mesaId: 'm1', groupBy: 'rootCause' });
      expect(after.groups.map((g) => [g.key, g.n, g.medianDays])).toEqual([
        ['capacity', 1, 30],
        ['unknown', 2, 20],
      ]);
    });

    it('groups by escalated as of asOf', async () => {
      const later = await ttr('2024-02-01T00:00:00Z', { mesaId: 'm1', groupBy: 'escalated' });
      expect(later.groups.map((g) => [g.key, g.n, g.resolved, g.medianDays])).toEqual([
        ['false', 2, 1, 30],
        ['true', 1, 1, 20],
      ]);
      const earlier = await ttr('2024-01-04T00:00:00Z', { mesaId: 'm1', groupBy: 'escalated' });
      expect(earlier.groups.map((g) => [g.key, g.n])).toEqual([['false', 2]]);
    });

    it('without mesaId pools every mesa; groupBy=mesa splits them', async () => {
      const all = await ttr('2024-02-01T00:00:00Z', {});
      // E day 2, B day 20, D censored day 26, A day 30: S = 3/4, 1/2, 0
      expect(all.groups[0]).toMatchObject({
        n: 4,
        resolved: 3,
        p25Days: 2,
        medianDays: 20,
        p75Days: 30,
      });
      const byMesa = await ttr('2024-02-01T00:00:00Z', { groupBy: 'mesa' });
      expect(byMesa.groups.map((g) => [g.key, g.n, g.medianDays])).toEqual([
        ['m1', 3, 30],
        ['m2', 1, 2],
      ]);
    });

    it('reads one partitioned collection per request', async () => {
      const before = docs.reads;
      await ttr('2024-02-01T00:00:00Z');
      expect(docs.reads - before).toBe(1);
    });
  });

  describe('escalations', () => {
    it('asOf 02-01: one escalation decided in 4 days; escalated B vs the rest', async () => {
      const result = await readEscalations(docs, { asOf: '2024-02-01T00:00:00Z', mesaId: 'm1' });
      expect(result).toMatchObject({
        count: 1,
        decided: 1,
        pending: 0,
        problems: 3,
        escalatedProblems: 1,
        shareEscalated: 1 / 3,
        timeToDecision: { n: 1, medianDays: 4, medianDaysAmongDecided: 4 },
        timeToResolution: {
          escalated: { n: 1, medianDays: 20 },
          notEscalated: { n: 2, resolved: 1, medianDays: 30 },
        },
      });
    });

    it('asOf 01-07: pending, censored after 2 days; asOf 01-04: none yet', async () => {
      const pending = await readEscalations(docs, { asOf: '2024-01-07T00:00:00Z', mesaId: 'm1' });
      expect(pending).toMatchObject({
        count: 1,
        decided: 0,
        pending: 1,
        problems: 3,
        shareEscalated: 1 / 3,
      });
      expect(pending.timeToDecision).toMatchObject({
        medianDays: null,
        medianDaysAmongDecided: null,
      });
      const none = await readEscalations(docs, { asOf: '2024-01-04T00:00:00Z', mesaId: 'm1' });
      // A and B; C rejected on 01-03; D not raised
      expect(none).toMatchObject({
        count: 0,
        problems: 2,
        escalatedProblems: 0,
        shareEscalated: 0,
      });
    });
  });

  describe('tasks', () => {
    const task = (key: string) => view.get<AnalyticsTaskDoc>(ANALYTICS_TASKS, key)!;

    it('a task as of an instant: the deadline then in force, the status then', () => {
      expect(taskRecordAsOf(task('a/t1'), at('2024-01-07T12:00:00Z'), 'responsibleEntity')).toEqual(
        {
          group: 'SERFOR',
          dueOn: '2024-01-10',
          originalDueOn: '2024-01-10',
          status: 'open',
          completedAt: null,
        },
      );
      expect(taskRecordAsOf(task('a/t1'), at('2024-02-01T00:00:00Z'), 'mesa')).toEqual({
        group: 'm1',
        dueOn: '2024-01-20',
        originalDueOn: '2024-01-10',
        status: 'done',
        completedAt: '2024-01-25T15:00:00.000Z',
      });
      expect(taskRecordAsOf(task('d/t4'), at('2024-01-05T00:00:00Z'), 'mesa')).toBeNull();
    });

    it('asOf 02-01: SERFOR finished one on time and one 5 days late after its deadline moved; MEF has one overdue', async () => {
      const result = await readTaskDelivery(docs, {
        asOf: '2024-02-01T00:00:00Z',
        mesaId: 'm1',
        groupBy: 'responsibleEntity',
      });
      expect(result.asOfDate).toBe('2024-01-31');
      expect(result.groups).toEqual([
        {
          key: 'MEF',
          assigned: 2,
          open: 1,
          done: 0,
          doneOnTime: 0,
          doneLate: 0,
          doneOnOriginalTime: 0,
          cancelled: 1,
          overdueNow: 1,
          medianDaysLate: null,
        },
        {
          key: 'SERFOR',
          assigned: 2,
          open: 0,
          done: 2,
          doneOnTime: 1,
          doneLate: 1,
          doneOnOriginalTime: 1,
          cancelled: 0,
          overdueNow: 0,
          medianDaysLate: 5,
        },
      ]);
    });

    it('asOf 01-11 12:00 (Lima 07:00): t3 is overdue, t1 is not because its deadline had moved', async () => {
      const result = await readTaskDelivery(docs, {
        asOf: '2024-01-11T12:00:00Z',
        groupBy: 'responsibleEntity',
      });
      expect(
        result.groups.map((g) => [g.key, g.assigned, g.open, g.cancelled, g.overdueNow]),
      ).toEqual([
        ['MEF', 2, 1, 1, 1],
        ['SERFOR', 2, 2, 0, 0],
      ]);
    });
  });

  describe('cadence', () => {
    it('counts regular sessions on both boundary days of the window, by month', async () => {
      const result = await readCadence(docs, {
        mesaId: 'm1',
        from: '2024-01-01',
        to: '2024-02-29',
      });
      expect(result).toEqual({
        from: '2024-01-01',
        to: '2024-02-29',
        sessions: 3,
        days: 60,
        perMonth: 3 / (60 / 30.4375),
        longestGapDays: 45,
        months: [
          { month: '2024-01', sessions: 2, days: 31 },
          { month: '2024-02', sessions: 1, days: 29 },
        ],
      });
    });

    it('leaves out sessions just outside the window; one session has no gap', async () => {
      const result = await readCadence(docs, {
        mesaId: 'm1',
        from: '2024-01-02',
        to: '2024-02-28',
      });
      expect(result).toMatchObject({ sessions: 1, days: 58, longestGapDays: null });
    });
  });

  it('knows the mesas it has seen', async () => {
    expect(await analyticsMesaExists(docs, 'm2')).toBe(true);
    expect(await analyticsMesaExists(docs, 'm9')).toBe(false);
  });
});
