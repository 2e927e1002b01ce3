import type { z } from "zod";
import type { ResidualSummarySchema } from "../schemas/evaluation.ts";
import { quantileSorted } from "./quantile.ts";
import { compensatedSum } from "./sum.ts";
import type { RegressionData } from "./types.ts";

/** The summary stored in evaluation.json `residuals`. */
export type ResidualSummary = z.infer<typeof ResidualSummarySchema>;

/**
 * Summary of residuals r = truth − prediction: mean, population standard deviation (numpy's
 * `std(ddof=0)`), min, max and the 5/25/50/75/95th percentiles (type 7). O(n log n).
 * Example: truth [1, 2, 3], predicted [0, 2, 5] → mean −1/3, min −2, median 0, max 1.
 */
export function residualSummary(data: RegressionData): ResidualSummary {
  const n = data.truth.length;
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = (data.truth[i] as number) - (data.predicted[i] as number);
  const average = compensatedSum(residuals) / n;
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) squares[i] = ((residuals[i] as number) - average) ** 2;
  const sorted = residuals.sort();
  return {
    mean: average,
    std: Math.sqrt(compensatedSum(squares) / n),
    min: sorted[0] as number,
    p05: quantileSorted(sorted, 0.05),
    p25: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
    max: sorted[n - 1] as number,
  };
}
