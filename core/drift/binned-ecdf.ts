import { compensatedSum } from "../metrics/sum.ts";
import type { BinnedCounts, EcdfSummary } from "./types.ts";

/**
 * The ECDF summary of two samples known only by their counts on ordered bins (a profile's
 * histogram, or its list of numeric values), for Kolmogorov–Smirnov from a profile:
 * F_ref − F_cur at each bin's upper edge (or value). Its extremes are at most the raw samples'
 * (the supremum over fewer points), so the KS p-value is conservative: it never raises more
 * false alarms than the raw-value test. The Wasserstein distance is the area between the two
 * step functions on the bin edges, an approximation within one bin width. Pure.
 * Example: reference [2, 2] and current [0, 4] on edges [0, 1, 2] → maxDifference 0.5,
 * minDifference 0, wasserstein 0.5.
 */
export function binnedEcdf(bins: BinnedCounts): EcdfSummary {
  const nReference = bins.reference.reduce((a, b) => a + b, 0);
  const nCurrent = bins.current.reduce((a, b) => a + b, 0);
  const points = bins.edges ? bins.edges.slice(1) : bins.labels.map(Number);
  let k1 = 0;
  let k2 = 0;
  let maxDifference = Number.NEGATIVE_INFINITY;
  let minDifference = Number.POSITIVE_INFINITY;
  const areas: number[] = [];
  bins.reference.forEach((count, i) => {
    k1 += count;
    k2 += bins.current[i] as number;
    const difference = k1 / nReference - k2 / nCurrent;
    maxDifference = Math.max(maxDifference, difference);
    minDifference = Math.min(minDifference, difference);
    if (i + 1 < points.length) areas.push(Math.abs(difference) * ((points[i + 1] as number) - (points[i] as number)));
  });
  return { maxDifference, minDifference, wasserstein: compensatedSum(areas) };
}
