/**
 * Neumaier's compensated sum: the rounding error of each addition is carried, so a million
 * terms lose no more than a few ulps (https://en.wikipedia.org/wiki/Kahan_summation_algorithm).
 * O(n). Example: `compensatedSum([1e16, 1, -1e16])` → 1.
 */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}

/** Arithmetic mean with {@link compensatedSum}; NaN for an empty input. Example: `mean([1, 2])` → 1.5. */
export function mean(values: ArrayLike<number>): number {
  return values.length === 0 ? Number.NaN : compensatedSum(values) / values.length;
}
