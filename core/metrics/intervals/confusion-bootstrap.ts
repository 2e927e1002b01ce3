import type { Confusion } from "../types.ts";
import { multinomial } from "./multinomial.ts";
import type { Random } from "./prng.ts";

/** A metric computed from a confusion matrix alone. */
export type ConfusionMetric = (confusion: Confusion) => number;

/**
 * Bootstrap replicates of confusion-matrix metrics. A row bootstrap resample (n rows drawn with
 * replacement) has a confusion matrix distributed exactly Multinomial(n, cells / n), so each
 * replicate draws that matrix directly: the same distribution as resampling rows, in O(B · k²)
 * whatever n is. Returns one Float64Array of B replicates per metric, in `metrics` order.
 * Example: a diagonal matrix gives accuracy 1 in every replicate.
 */
export function bootstrapConfusion(
  confusion: Confusion,
  metrics: readonly ConfusionMetric[],
  resamples: number,
  random: Random,
): Float64Array[] {
  const total = confusion.counts.reduce((sum, count) => sum + count, 0);
  const replicates = metrics.map(() => new Float64Array(resamples));
  const resampled: Confusion = { k: confusion.k, counts: new Float64Array(confusion.counts.length) };
  for (let b = 0; b < resamples; b++) {
    multinomial(random, total, confusion.counts, resampled.counts);
    for (let m = 0; m < metrics.length; m++)
      (replicates[m] as Float64Array)[b] = (metrics[m] as ConfusionMetric)(resampled);
  }
  return replicates;
}
