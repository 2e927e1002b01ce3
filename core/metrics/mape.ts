import { compensatedSum } from "./sum.ts";
import type { RegressionData } from "./types.ts";

/** scikit-learn's guard against a zero truth: `np.finfo(np.float64).eps`. */
export const MAPE_EPSILON = 2.220446049250313e-16;

/** Per-row |y − ŷ| / max(|y|, ε). O(n). */
export function absolutePercentageErrors(data: RegressionData): Float64Array {
  const out = new Float64Array(data.truth.length);
  for (let i = 0; i < out.length; i++) {
    const truth = data.truth[i] as number;
    out[i] = Math.abs(truth - (data.predicted[i] as number)) / Math.max(Math.abs(truth), MAPE_EPSILON);
  }
  return out;
}

/**
 * Mean absolute percentage error as a fraction (not ×100), as scikit-learn's
 * `mean_absolute_percentage_error`: a zero truth divides by ε, so it gives a huge value rather
 * than infinity. O(n); lower is better. Example: truth [2, 4], predicted [1, 5] → 0.375.
 */
export function mape(data: RegressionData): number {
  return compensatedSum(absolutePercentageErrors(data)) / data.truth.length;
}
