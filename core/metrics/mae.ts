import { compensatedSum } from "./sum.ts";
import type { RegressionData } from "./types.ts";

/** Per-row absolute error |y − ŷ|. O(n). */
export function absoluteErrors(data: RegressionData): Float64Array {
  const out = new Float64Array(data.truth.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.abs((data.truth[i] as number) - (data.predicted[i] as number));
  return out;
}

/**
 * Mean absolute error, as scikit-learn's `mean_absolute_error`. O(n); lower is better.
 * Example: truth [3, 5], predicted [2, 7] → 1.5.
 */
export function mae(data: RegressionData): number {
  return compensatedSum(absoluteErrors(data)) / data.truth.length;
}
