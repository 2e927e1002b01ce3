import { squaredErrors } from "./rmse.ts";
import { compensatedSum } from "./sum.ts";
import { type MetricOutcome, type RegressionData, undefinedMetric } from "./types.ts";

/**
 * Coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², as scikit-learn's `r2_score`
 * with `force_finite=True`: a constant truth gives 1 when predicted exactly, else 0. Undefined
 * below two rows (scikit-learn returns NaN). O(n).
 * Example: truth [1, 2, 3], predicted [1, 2, 4] → 1 − 1/2 = 0.5.
 */
export function r2(data: RegressionData): MetricOutcome {
  const n = data.truth.length;
  if (n < 2) return undefinedMetric("R² needs at least two rows");
  const residual = compensatedSum(squaredErrors(data));
  const average = compensatedSum(data.truth) / n;
  const deviations = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = (data.truth[i] as number) - average;
    deviations[i] = d * d;
  }
  const total = compensatedSum(deviations);
  if (total === 0) return { value: residual === 0 ? 1 : 0 };
  return { value: 1 - residual / total };
}
