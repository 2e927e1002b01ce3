import { sharesOf } from "../binning.ts";
import { defineDriftTest } from "../define.ts";
import type { BinnedCounts, ColumnInput } from "../types.ts";

/** √(1 − BC) with the Bhattacharyya coefficient clipped to [0, 1]. */
function fromCoefficient(coefficient: number): number {
  return Math.sqrt(1 - Math.min(1, Math.max(0, coefficient)));
}

/** Hellinger distance of two share vectors: √(1 − Σ √(pᵢ qᵢ)). */
export function hellingerOfShares(p: readonly number[], q: readonly number[]): number {
  let coefficient = 0;
  p.forEach((x, i) => {
    coefficient += Math.sqrt(x * (q[i] as number));
  });
  return fromCoefficient(coefficient);
}

/**
 * Evidently's numeric Hellinger distance: density histograms on Sturges edges over the distinct
 * values, h = count / width / n, BC = Σ √(h_ref h_cur) · (mean bin width), summed in order.
 */
export function hellingerOfDensities(bins: BinnedCounts, nReference: number, nCurrent: number): number {
  const edges = bins.edges as number[];
  const meanWidth = ((edges.at(-1) as number) - (edges[0] as number)) / (edges.length - 1);
  let coefficient = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const width = (edges[i + 1] as number) - (edges[i] as number);
    const h1 = (bins.reference[i] as number) / width / nReference;
    const h2 = (bins.current[i] as number) / width / nCurrent;
    coefficient += Math.sqrt(h1 * h2) * meanWidth;
  }
  return fromCoefficient(coefficient);
}

/**
 * Hellinger distance as Evidently's `hellinger`
 * (https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/hellinger_distance.py):
 * categories by their shares; numeric columns by density histograms on Sturges edges over the
 * distinct values of both samples. From a profile, the profile's bins are used as shares.
 */
export function hellingerDistance(input: ColumnInput): number {
  if (input.hellingerBins) return hellingerOfDensities(input.hellingerBins, input.referenceCount, input.currentCount);
  return hellingerOfShares(
    sharesOf(input.bins.reference, input.referenceCount),
    sharesOf(input.bins.current, input.currentCount),
  );
}

/** Hellinger distance, between 0 and 1: drift when ≥ threshold (0.1 by default, as Evidently). */
export const hellinger = defineDriftTest({
  name: "hellinger",
  title: "Hellinger distance",
  direction: "distance",
  defaultThreshold: 0.1,
  thresholdRange: { min: 0, max: 1, maxInclusive: true },
  kinds: ["categorical", "numeric"],
  requires: ["hellinger"],
  fromProfile: true,
  compute: (input) => ({ statistic: hellingerDistance(input) }),
  source:
    "https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/hellinger_distance.py",
});
