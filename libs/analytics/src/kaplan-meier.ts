/**
 * Kaplan–Meier product-limit estimator with Greenwood variance, log-log pointwise 95% bands and
 * a Brookmeyer–Crowley style confidence interval for the median.
 *
 * Conventions (see the README for the arithmetic):
 * - Ties: at a time t, events happen before censorings, so a unit censored at t is still at risk
 *   for the events at t (n_t = #{duration ≥ t}).
 * - S(t) = Π_{t_i ≤ t} (1 − d_i / n_i), right-continuous; the curve starts at {day 0, survival 1}
 *   and has one point per distinct event time (an event at day 0 adds a second point at day 0).
 * - Quantile q: the smallest event time t with S(t) ≤ 1 − q (a 1e-9 tolerance absorbs rounding),
 *   null when never reached. Unlike R there is no averaging over a flat stretch at exactly 1 − q.
 * - Greenwood: Var S(t) = S(t)² Σ_{t_i ≤ t} d_i / (n_i (n_i − d_i)); stdErr = √Var.
 * - Bands (log-log): S^exp(±z·σ), σ = √Σ / |ln S|, z = 1.959964. Where S(t) = 0 the variance is
 *   undefined: stdErr is null, the lower band 0 and the upper band null (never ≤ 0.5).
 * - Median CI: lower = first event time whose LOWER band ≤ 0.5, upper = first event time whose
 *   UPPER band ≤ 0.5; null where never reached.
 */

export interface SurvivalObservation {
  /** time from origin to event or censoring, in (fractional) days, ≥ 0 */
  readonly durationDays: number;
  /** true: the event (resolution) was observed; false: censored */
  readonly event: boolean;
}

export interface SurvivalPoint {
  readonly day: number;
  readonly survival: number;
}

/** One row per distinct event time. */
export interface AtRiskRow {
  readonly time: number;
  /** units with duration ≥ time (those censored at `time` included) */
  readonly atRisk: number;
  readonly events: number;
  /** units censored in [time, next event time): so atRisk(next) = atRisk − events − censored */
  readonly censored: number;
  readonly survival: number;
  /** Greenwood standard error of S(time); null where S = 0 */
  readonly stdErr: number | null;
  /** log-log 95% pointwise band */
  readonly lower: number;
  readonly upper: number | null;
}

export interface ConfidenceInterval {
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface KaplanMeierResult {
  readonly n: number;
  /** observed events */
  readonly resolved: number;
  readonly censored: number;
  readonly curve: readonly SurvivalPoint[];
  readonly table: readonly AtRiskRow[];
  readonly p25Days: number | null;
  readonly medianDays: number | null;
  readonly p75Days: number | null;
  /** 95% CI for the median; see module comment */
  readonly medianCi: ConfidenceInterval;
  /** units censored before the first event time (absent from every table row) */
  readonly censoredBeforeFirstEvent: number;
}

/** Two-sided 95% standard normal quantile. */
export const Z_95 = 1.959963984540054;

/** Absorbs floating-point error in products such as (3/4)·(2/3) when comparing with 1 − q. */
const TOLERANCE = 1e-9;

export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierResult {
  for (const o of observations) {
    if (!Number.isFinite(o.durationDays) || o.durationDays < 0) {
      throw new RangeError(`durationDays must be a finite number ≥ 0, got ${o.durationDays}`);
    }
  }
  const sorted = [...observations].sort((a, b) => a.durationDays - b.durationDays);

  const table: { -readonly [K in keyof AtRiskRow]: AtRiskRow[K] }[] = [];
  let censoredBeforeFirstEvent = 0;
  let survival = 1;
  let greenwoodSum = 0;
  let atRisk = sorted.length;
  let i = 0;
  while (i < sorted.length) {
    const time = sorted[i].durationDays;
    let events = 0;
    let censored = 0;
    while (i < sorted.length && sorted[i].durationDays === time) {
      if (sorted[i].event) events++;
      else censored++;
      i++;
    }
    // Tie convention: everyone with duration ≥ time, those censored at `time` included, is at
    // risk for the events at `time` (events before censorings).
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwoodSum =
        atRisk > events ? greenwoodSum + events / (atRisk * (atRisk - events)) : Infinity;
      table.push({
        time,
        atRisk,
        events,
        censored,
        survival,
        ...greenwoodBand(survival, greenwoodSum),
      });
    } else if (table.length > 0) {
      table[table.length - 1].censored += censored;
    } else {
      censoredBeforeFirstEvent += censored;
    }
    atRisk -= events + censored;
  }

  const resolved = observations.filter((o) => o.event).length;
  const firstTimeAtOrBelow = (values: (number | null)[], level: number): number | null => {
    const index = values.findIndex((v) => v !== null && v <= level + TOLERANCE);
    return index < 0 ? null : table[index].time;
  };
  const survivals = table.map((r) => r.survival);
  return {
    n: observations.length,
    resolved,
    censored: observations.length - resolved,
    curve: [{ day: 0, survival: 1 }, ...table.map((r) => ({ day: r.time, survival: r.survival }))],
    table,
    p25Days: firstTimeAtOrBelow(survivals, 0.75),
    medianDays: firstTimeAtOrBelow(survivals, 0.5),
    p75Days: firstTimeAtOrBelow(survivals, 0.25),
    medianCi: {
      lower: firstTimeAtOrBelow(
        table.map((r) => r.lower),
        0.5,
      ),
      upper: firstTimeAtOrBelow(
        table.map((r) => r.upper),
        0.5,
      ),
    },
    censoredBeforeFirstEvent,
  };
}

/**
 * The smallest event time t with S(t) ≤ 1 − q on a curve produced by `kaplanMeier`, null when
 * never reached. q in [0, 1]; q = 0 gives day 0.
 */
export function survivalQuantile(curve: readonly SurvivalPoint[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  const point = curve.find((p) => p.survival <= 1 - q + TOLERANCE);
  return point ? point.day : null;
}

function greenwoodBand(
  survival: number,
  greenwoodSum: number,
): { stdErr: number | null; lower: number; upper: number | null } {
  if (survival <= 0 || !Number.isFinite(greenwoodSum))
    return { stdErr: null, lower: 0, upper: null };
  const sigma = Math.sqrt(greenwoodSum) / Math.abs(Math.log(survival));
  return {
    stdErr: survival * Math.sqrt(greenwoodSum),
    lower: Math.pow(survival, Math.exp(Z_95 * sigma)),
    upper: Math.pow(survival, Math.exp(-Z_95 * sigma)),
  };
}
