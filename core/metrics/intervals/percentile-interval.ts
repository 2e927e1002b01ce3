import { quantileSorted } from "../quantile.ts";

/** A resampled statistic is dropped from the interval when undefined (NaN) in that resample; too many drops give no interval. */
export const MAX_UNDEFINED_RESAMPLE_SHARE = 0.5;

/**
 * The percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13): the (1 − c)/2 and
 * (1 + c)/2 quantiles (type 7) of the resampled statistics. NaN resamples are dropped; null
 * when more than half are NaN. O(B log B).
 * Example: statistics 1..100, confidence 0.9 → [5.949999999999999, 95.05] ((1 − 0.9)/2 is 0.04999… in binary).
 */
export function percentileInterval(statistics: Float64Array, confidence: number): [number, number] | null {
  let defined = 0;
  for (const value of statistics) if (!Number.isNaN(value)) defined++;
  if (defined === 0 || defined < statistics.length * (1 - MAX_UNDEFINED_RESAMPLE_SHARE)) return null;
  const sorted = new Float64Array(defined);
  let i = 0;
  for (const value of statistics) if (!Number.isNaN(value)) sorted[i++] = value;
  sorted.sort();
  const alpha = 1 - confidence;
  return [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)];
}
