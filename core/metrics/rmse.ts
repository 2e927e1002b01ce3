import { compensatedSum } from "./sum.ts";
import type { RegressionData } from "./types.ts";

/** Per-row squared error (y − ŷ)². O(n). */
export function squaredErrors(data: RegressionData): Float64Array {
  const out = new Float64Array(data.truth.length);
  for (let i = 0; i < out.length; i++) {
    const error = (data.truth[i] as number) - (data.predicted[i] as number);
    out[i] = error * error;
  }
  return out;
}

/**
 * Root mean squared error, as scikit-learn's `mean_squared_error(squared=False)`. O(n); lower is
 * better. Example: truth [3, 5], predicted [2, 7] → √2.5 = 1.5811388300841898.
 */
export function rmse(data: RegressionData): number {
  return Math.sqrt(compensatedSum(squaredErrors(data)) / data.truth.length);
}
