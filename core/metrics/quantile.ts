/**
 * Quantile of an ascending array with linear interpolation between order statistics
 * (Hyndman & Fan type 7, numpy's default `percentile(method="linear")`, including numpy's
 * two-sided interpolation that keeps results monotone). O(1).
 * Precondition: `sorted` ascending, non-empty; 0 ≤ p ≤ 1. Example: `quantileSorted([1, 2, 3, 4], 0.25)` → 1.75.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const fraction = position - lower;
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  if (fraction === 0) return a;
  const difference = b - a;
  return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction;
}
