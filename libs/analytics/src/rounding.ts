/**
 * Rounds half away from zero to `decimals` places, for published numbers (days to 3, shares to
 * 4): the exact value is kept through every sum and rounded once, where it is published.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}
