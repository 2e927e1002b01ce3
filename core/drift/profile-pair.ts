import { coarsen, firstIndex, latticeEdges } from "../profile/lattice.ts";
import { sketchEcdfExtremes, sketchSteps, sketchWasserstein } from "../profile/sketch.ts";
import type { ProfileColumn, ProfileHistogram, ProfileSketch, ProfileTop } from "../schemas/profile.ts";
import { binnedEcdf } from "./binned-ecdf.ts";
import { intervalLabels } from "./binning.ts";
import { OTHER_LABEL } from "./findings.ts";
import { profileValueBins } from "./profile-bins.ts";
import type { BinnedCounts, EcdfSummary } from "./types.ts";

/**
 * What two profiles (a reference and a current one, each possibly merged from shards) can say
 * about one column together, with no raw values. Pure.
 */

/**
 * Bins of two value lists. Both complete: one bin per value of either side (exact counts, as
 * Evidently's one bin per value). Otherwise the values both lists name, plus an "(other)" bin
 * holding each side's remaining rows: still exact, since a value either list left out is in
 * "(other)" on both sides.
 */
export function pairValueBins(reference: ProfileTop, current: ProfileTop, numeric: boolean): BinnedCounts {
  if (reference.complete && current.complete) {
    const counts = new Map(
      current.values.map(({ value, count }) => [value, { n: count, sort: numeric ? Number(value) : value }]),
    );
    return profileValueBins(reference, counts, numeric);
  }
  const currentCounts = new Map(current.values.map(({ value, count }) => [value, count]));
  const shared = reference.values.filter(({ value }) => currentCounts.has(value)).map(({ value }) => value);
  const sortKey = (label: string) => (numeric ? Number(label) : label);
  shared.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const referenceCounts = new Map(reference.values.map(({ value, count }) => [value, count]));
  const total = (top: ProfileTop) => top.values.reduce((sum, entry) => sum + entry.count, 0) + top.rest;
  const ref = shared.map((label) => referenceCounts.get(label) as number);
  const cur = shared.map((label) => currentCounts.get(label) as number);
  return {
    method: "profile-values",
    labels: [...shared, OTHER_LABEL],
    reference: [...ref, total(reference) - ref.reduce((a, b) => a + b, 0)],
    current: [...cur, total(current) - cur.reduce((a, b) => a + b, 0)],
  };
}

/**
 * Two power-of-two histograms on one lattice: the finer coarsened to the wider width (exact,
 * lattices nest), aligned by bin index over the range of both.
 */
export function pairHistogramBins(reference: ProfileHistogram, current: ProfileHistogram): BinnedCounts {
  const width = Math.max(reference.width, current.width);
  const [a, b] = [coarsen(reference, width), coarsen(current, width)];
  const first = Math.min(firstIndex(a), firstIndex(b));
  const last = Math.max(firstIndex(a) + a.counts.length - 1, firstIndex(b) + b.counts.length - 1);
  const place = (histogram: ProfileHistogram) => {
    const counts = new Array<number>(last - first + 1).fill(0);
    const offset = firstIndex(histogram) - first;
    histogram.counts.forEach((count, i) => {
      counts[offset + i] = count;
    });
    return counts;
  };
  const edges = latticeEdges(first, last, width);
  return { method: "profile-histogram", labels: intervalLabels(edges), edges, reference: place(a), current: place(b) };
}

/** The ECDF summary of a numeric column from two profiles, how it was computed, and its bounds. */
export interface PairEcdf {
  ecdf: EcdfSummary;
  /** How the ECDFs were compared, for the report's `binning`. */
  binning: string;
  /** The KS statistic over all values is at most this. */
  ksUpper: number;
  /** |Wasserstein from the profiles − Wasserstein of the raw values| ≤ this. */
  wassersteinBound: number;
}

/**
 * The ECDFs of a numeric column from two profiles: exact when both list every value (few
 * distinct values); from the quantile sketches otherwise (both sketches share their buckets, so
 * the ECDFs are exact at every bucket bound: the KS statistic there is a lower bound, the
 * Wasserstein distance within α(E|X| + E|Y|)); undefined when a profile has neither.
 */
export function pairEcdf(reference: ProfileColumn, current: ProfileColumn, bins: BinnedCounts): PairEcdf | undefined {
  if (bins.method === "profile-values" && bins.labels.at(-1) !== OTHER_LABEL) {
    const ecdf = binnedEcdf(bins);
    return {
      ecdf,
      binning: `ECDFs compared at every value (both profiles list all ${bins.labels.length} values: exact)`,
      ksUpper: Math.max(ecdf.maxDifference, -ecdf.minDifference),
      wassersteinBound: 0,
    };
  }
  const a = reference.sketch;
  const b = current.sketch;
  if (!a || !b || a.relative_accuracy !== b.relative_accuracy) return undefined;
  const extremes = sketchEcdfExtremes(a, b);
  const { distance, bound } = sketchWasserstein(a, b);
  return {
    ecdf: { maxDifference: extremes.maxDifference, minDifference: extremes.minDifference, wasserstein: distance },
    binning: `ECDFs compared at the bounds of the quantile sketches' ${bucketCount(a, b)} log buckets (relative accuracy α = ${a.relative_accuracy})`,
    ksUpper: extremes.ksUpper,
    wassersteinBound: bound,
  };
}

function bucketCount(a: ProfileSketch, b: ProfileSketch): number {
  return new Set([...sketchSteps(a), ...sketchSteps(b)].map((step) => step.key)).size;
}
