import fc from 'fast-check';
import { SurvivalObservation, Z_95, kaplanMeier, survivalQuantile } from './kaplan-meier';

const resolvedAt = (day: number): SurvivalObservation => ({ durationDays: day, event: true });
const censoredAt = (day: number): SurvivalObservation => ({ durationDays: day, event: false });

describe('kaplanMeier', () => {
  it('ties among events and a censoring at the same instant as an event', () => {
    // data: 2●, 2●, 3○, 4●, 4○, 6●, 7○, 8●   (● resolved, ○ censored), n = 8
    //
    //  t | n_t | d | S(t)                  | Greenwood Σ d/(n(n−d))
    //  2 |  8  | 2 | 1 · (1 − 2/8) = 0.75  | 2/(8·6)            = 1/24
    //    (3○ leaves: 8 − 2 − 1 = 5 at risk)
    //  4 |  5  | 1 | 0.75 · 4/5   = 0.60   | 1/24 + 1/(5·4)     = 11/120
    //    (4○ was at risk at 4: deaths before censorings; then 5 − 1 − 1 = 3)
    //  6 |  3  | 1 | 0.60 · 2/3   = 0.40   | 11/120 + 1/(3·2)   = 31/120
    //    (7○ leaves: 3 − 1 − 1 = 1)
    //  8 |  1  | 1 | 0.40 · 0/1   = 0      | undefined (n = d)
    //
    // Had 4○ been removed before the event at 4, S(4) would be 0.75 · 3/4 = 0.5625.
    // Quantiles: S ≤ 0.75 first at 2 (p25); S ≤ 0.5 first at 6 (median, S(4) = 0.6);
    // S ≤ 0.25 first at 8 (p75).
    const km = kaplanMeier([
      resolvedAt(8),
      censoredAt(4),
      resolvedAt(2),
      censoredAt(3),
      resolvedAt(4),
      resolvedAt(2),
      censoredAt(7),
      resolvedAt(6),
    ]);
    expect(km.n).toBe(8);
    expect(km.resolved).toBe(5);
    expect(km.censored).toBe(3);
    expect(km.curve.map((p) => p.day)).toEqual([0, 2, 4, 6, 8]);
    const expected = [1, 0.75, 0.6, 0.4, 0];
    km.curve.forEach((p, i) => expect(p.survival).toBeCloseTo(expected[i], 12));
    expect(km.table.map((r) => [r.time, r.atRisk, r.events, r.censored])).toEqual([
      [2, 8, 2, 1],
      [4, 5, 1, 1],
      [6, 3, 1, 1],
      [8, 1, 1, 0],
    ]);
    expect(km.p25Days).toBe(2);
    expect(km.medianDays).toBe(6);
    expect(km.p75Days).toBe(8);
    // stdErr(4) = 0.6 · √(11/120) = 0.6 · 0.302765 = 0.181659
    expect(km.table[1].stdErr).toBeCloseTo(0.6 * Math.sqrt(11 / 120), 12);
    expect(km.table[1].stdErr).toBeCloseTo(0.181659, 6);
    // At S = 0 the variance is undefined: stdErr null, band [0, null].
    expect(km.table[3]).toMatchObject({ survival: 0, stdErr: null, lower: 0, upper: null });
    // Median CI: the lower band is already ≤ 0.5 at t = 2 (0.75^exp(1.96·0.7095) = 0.3148);
    // the upper band is 0.931, 0.852, 0.734 at 2, 4, 6 and undefined at 8 → never ≤ 0.5.
    expect(km.table[0].lower).toBeCloseTo(0.3148, 4);
    expect(km.medianCi).toEqual({ lower: 2, upper: null });
  });

  it('Greenwood variance and the log-log band on a small example, by hand', () => {
    // data: 1●, 2○, 3●, 4●, 5○
    //  t | n | d | S                 | Σ d/(n(n−d))          | Var = S² Σ
    //  1 | 5 | 1 | 4/5               | 1/20                  | 16/25 · 1/20  = 0.032
    //  3 | 3 | 1 | 4/5 · 2/3 = 8/15  | 1/20 + 1/6  = 13/60   | 64/225 · 13/60 = 832/13500 = 0.0616296
    //  4 | 2 | 1 | 8/15 · 1/2 = 4/15 | 13/60 + 1/2 = 43/60   | 16/225 · 43/60 = 688/13500 = 0.0509630
    const km = kaplanMeier([
      resolvedAt(1),
      censoredAt(2),
      resolvedAt(3),
      resolvedAt(4),
      censoredAt(5),
    ]);
    const [r1, r3, r4] = km.table;
    expect([r1.time, r3.time, r4.time]).toEqual([1, 3, 4]);
    expect([r1.atRisk, r3.atRisk, r4.atRisk]).toEqual([5, 3, 2]);
    expect(r3.survival).toBeCloseTo(8 / 15, 12);
    expect(r4.survival).toBeCloseTo(4 / 15, 12);
    expect(r1.stdErr! ** 2).toBeCloseTo(0.032, 12);
    expect(r3.stdErr! ** 2).toBeCloseTo(832 / 13500, 12);
    expect(r4.stdErr! ** 2).toBeCloseTo(688 / 13500, 12);
    expect(r3.stdErr).toBeCloseTo(0.248253, 6);
    // log-log band at t = 1: σ = √(1/20) / |ln 0.8| = 0.223607 / 0.223144 = 1.002077,
    // z·σ = 1.964034; lower = 0.8^exp(1.964034) = 0.8^7.12780 = 0.20381,
    // upper = 0.8^exp(−1.964034) = 0.8^0.140296 = 0.96918
    expect(r1.lower).toBeCloseTo(0.20381, 5);
    expect(r1.upper!).toBeCloseTo(0.96918, 5);
    // the 5○ after the last event is counted in the last row: 2 − 1 − 1 = 0 remain
    expect(r4.censored).toBe(1);
    expect(r1.censored).toBe(1);
  });

  it('a median CI reached on both sides (ten resolutions at days 1..10, none censored)', () => {
    // n_t = 11 − t, d = 1, S(t) = (10 − t)/10. Greenwood Σ_{i ≤ t} 1/(n(n−1)) telescopes:
    // Σ (1/(n−1) − 1/n) over n = 10 … 11−t  =  1/(10 − t) − 1/10.
    // Median: S(5) = 0.5 ≤ 0.5 → 5 (R would average the flat to 5.5; docs/API.md says the smallest t).
    // Lower limit: t = 1, Σ = 1/90, σ = 0.105409 / 0.105361 = 1.000463,
    //   lower = 0.9^exp(1.96·1.000463) = 0.9^7.10524 = 0.47300 ≤ 0.5 → 1.
    // Upper limit: t = 7, Σ = 1/3 − 1/10 = 7/30, σ = 0.483046 / 1.203973 = 0.401210,
    //   upper = 0.3^exp(−0.786357) = 0.3^0.455508 = 0.57787 > 0.5;
    //   t = 8, Σ = 1/2 − 1/10 = 0.4, σ = 0.632456 / 1.609438 = 0.392967,
    //   upper = 0.2^exp(−0.770200) = 0.2^0.462928 = 0.474715 ≤ 0.5 → 8.
    const km = kaplanMeier(Array.from({ length: 10 }, (_, i) => resolvedAt(i + 1)));
    expect(km.medianDays).toBe(5);
    expect(km.p25Days).toBe(3); // S(3) = 0.7 ≤ 0.75, S(2) = 0.8
    expect(km.p75Days).toBe(8); // S(8) = 0.2 ≤ 0.25, S(7) = 0.3
    expect(km.table[0].lower).toBeCloseTo(0.473, 3);
    expect(km.table[6].upper!).toBeCloseTo(0.57787, 5);
    expect(km.table[7].upper!).toBeCloseTo(0.474715, 5);
    expect(km.table[7].stdErr).toBeCloseTo(0.2 * Math.sqrt(0.4), 12);
    expect(km.medianCi).toEqual({ lower: 1, upper: 8 });
  });

  it('none censored: S drops by 1/n at each time, and S exactly 0.5 counts as reached', () => {
    // 1●, 2●, 3●, 4●: S = 3/4, 3/4·2/3 = 1/2, 1/2·1/2 = 1/4, 0
    const km = kaplanMeier([resolvedAt(3), resolvedAt(1), resolvedAt(4), resolvedAt(2)]);
    expect(km.curve.map((p) => p.survival)).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect([km.p25Days, km.medianDays, km.p75Days]).toEqual([1, 2, 3]);
    expect(km.censored).toBe(0);
  });

  it('all censored: the curve stays at 1 and every quantile is null', () => {
    const km = kaplanMeier([censoredAt(3), censoredAt(5), censoredAt(5)]);
    expect(km.curve).toEqual([{ day: 0, survival: 1 }]);
    expect(km.table).toEqual([]);
    expect([km.p25Days, km.medianDays, km.p75Days]).toEqual([null, null, null]);
    expect(km.medianCi).toEqual({ lower: null, upper: null });
    expect(km).toMatchObject({ n: 3, resolved: 0, censored: 3, censoredBeforeFirstEvent: 3 });
  });

  it('a single resolved problem: S falls to 0 at its duration; the median CI has no upper limit', () => {
    const km = kaplanMeier([resolvedAt(5.25)]);
    expect(km.curve).toEqual([
      { day: 0, survival: 1 },
      { day: 5.25, survival: 0 },
    ]);
    expect([km.p25Days, km.medianDays, km.p75Days]).toEqual([5.25, 5.25, 5.25]);
    expect(km.medianCi).toEqual({ lower: 5.25, upper: null });
  });

  it('a single open problem: flat at 1', () => {
    const km = kaplanMeier([censoredAt(5)]);
    expect(km.curve).toEqual([{ day: 0, survival: 1 }]);
    expect(km.medianDays).toBeNull();
  });

  it('quantiles stay null when the curve stops above 1 − q', () => {
    // 1●, 2○, 3○, 4○: S(1) = 3/4, then only censorings
    const km = kaplanMeier([resolvedAt(1), censoredAt(2), censoredAt(3), censoredAt(4)]);
    expect(km.p25Days).toBe(1);
    expect(km.medianDays).toBeNull();
    expect(km.p75Days).toBeNull();
    expect(km.table).toEqual([
      expect.objectContaining({ time: 1, atRisk: 4, events: 1, censored: 3 }),
    ]);
  });

  it('censorings before the first event are reported apart from the table', () => {
    // 1○, 2●, 3●: at 2 only 2 are at risk; S(2) = 1/2, S(3) = 0
    const km = kaplanMeier([censoredAt(1), resolvedAt(2), resolvedAt(3)]);
    expect(km.censoredBeforeFirstEvent).toBe(1);
    expect(km.table.map((r) => [r.time, r.atRisk, r.survival])).toEqual([
      [2, 2, 0.5],
      [3, 1, 0],
    ]);
  });

  it('an event at day 0 keeps the leading {0, 1} point and adds the drop at day 0', () => {
    const km = kaplanMeier([resolvedAt(0), resolvedAt(2)]);
    expect(km.curve).toEqual([
      { day: 0, survival: 1 },
      { day: 0, survival: 0.5 },
      { day: 2, survival: 0 },
    ]);
    expect(km.medianDays).toBe(0);
  });

  it('no observations: the flat curve, n = 0', () => {
    const km = kaplanMeier([]);
    expect(km).toMatchObject({ n: 0, resolved: 0, censored: 0, medianDays: null });
    expect(km.curve).toEqual([{ day: 0, survival: 1 }]);
  });

  it('refuses negative or non-finite durations', () => {
    expect(() => kaplanMeier([resolvedAt(-0.5)])).toThrow(RangeError);
    expect(() => kaplanMeier([censoredAt(Number.NaN)])).toThrow(RangeError);
  });

  it('survivalQuantile reads any q off a curve', () => {
    const { curve } = kaplanMeier([resolvedAt(1), resolvedAt(2), resolvedAt(3), resolvedAt(4)]);
    expect(survivalQuantile(curve, 0)).toBe(0);
    expect(survivalQuantile(curve, 0.1)).toBe(1);
    expect(survivalQuantile(curve, 0.5)).toBe(2);
    expect(survivalQuantile(curve, 0.9)).toBe(4);
    expect(() => survivalQuantile(curve, 1.5)).toThrow(RangeError);
  });

  it('uses the two-sided 95% normal quantile', () => {
    expect(Z_95).toBeCloseTo(1.96, 2);
  });
});

describe('kaplanMeier properties', () => {
  const duration = fc.oneof(
    fc.integer({ min: 0, max: 12 }), // small integers: many ties
    fc.double({ min: 0, max: 400, noNaN: true }),
  );
  const observations = fc.array(fc.record({ durationDays: duration, event: fc.boolean() }), {
    maxLength: 60,
  });

  /** S(t) = Π over distinct event times u ≤ t of (1 − d_u / n_u), n_u = #{duration ≥ u}. */
  function productLimit(data: readonly SurvivalObservation[], t: number): number {
    const eventTimes = [...new Set(data.filter((o) => o.event).map((o) => o.durationDays))].filter(
      (u) => u <= t,
    );
    return eventTimes.reduce((s, u) => {
      const atRisk = data.filter((o) => o.durationDays >= u).length;
      const deaths = data.filter((o) => o.event && o.durationDays === u).length;
      return s * (1 - deaths / atRisk);
    }, 1);
  }

  it('survival is non-increasing, within [0, 1], and equals the product formula', () => {
    fc.assert(
      fc.property(observations, (data) => {
        const km = kaplanMeier(data);
        expect(km.curve[0]).toEqual({ day: 0, survival: 1 });
        for (let i = 1; i < km.curve.length; i++) {
          const { day, survival } = km.curve[i];
          expect(survival).toBeGreaterThanOrEqual(0);
          expect(survival).toBeLessThanOrEqual(1);
          expect(survival).toBeLessThanOrEqual(km.curve[i - 1].survival);
          expect(day).toBeGreaterThanOrEqual(km.curve[i - 1].day);
          expect(Math.abs(survival - productLimit(data, day))).toBeLessThan(1e-12);
        }
        expect(km.curve.length - 1).toBe(
          new Set(data.filter((o) => o.event).map((o) => o.durationDays)).size,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('the at-risk table adds up and the median is the first time S ≤ 0.5', () => {
    fc.assert(
      fc.property(observations, (data) => {
        const km = kaplanMeier(data);
        expect(km.resolved + km.censored).toBe(data.length);
        expect(
          km.table.reduce((sum, r) => sum + r.events + r.censored, km.censoredBeforeFirstEvent),
        ).toBe(data.length);
        for (let i = 1; i < km.table.length; i++) {
          const previous = km.table[i - 1];
          expect(km.table[i].atRisk).toBe(previous.atRisk - previous.events - previous.censored);
        }
        const firstAtHalf = km.table.find((r) => productLimit(data, r.time) <= 0.5 + 1e-9);
        expect(km.medianDays).toBe(firstAtHalf ? firstAtHalf.time : null);
        for (const r of km.table) {
          expect(r.lower).toBeLessThanOrEqual(r.survival + 1e-12);
          if (r.upper !== null) expect(r.upper).toBeGreaterThanOrEqual(r.survival - 1e-12);
        }
        const { lower, upper } = km.medianCi;
        if (km.medianDays !== null && lower !== null)
          expect(lower).toBeLessThanOrEqual(km.medianDays);
        if (km.medianDays !== null && upper !== null)
          expect(upper).toBeGreaterThanOrEqual(km.medianDays);
      }),
      { numRuns: 300 },
    );
  });
});
