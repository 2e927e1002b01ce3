import { firstIndex, latticeEdges } from "../profile/lattice.ts";
import type { ProfileHistogram, ProfileTop } from "../schemas/profile.ts";
import { intervalLabels } from "./binning.ts";
import { OTHER_LABEL } from "./findings.ts";
import type { BinnedCounts } from "./types.ts";

/** Current counts per label, with the key labels sort by. */
export type LabelCounts = Map<string, { n: number; sort: number | string }>;

const compare = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Bins against a profile's value list: one bin per value of either side when the profile lists
 * every value; otherwise the listed values plus an "(other)" bin holding the profile's rest and
 * the current rows of every unlisted value.
 */
export function profileValueBins(top: ProfileTop, current: LabelCounts, numeric: boolean): BinnedCounts {
  const sortKey = (label: string) => (numeric ? Number(label) : label);
  const reference = new Map(top.values.map(({ value, count }) => [value, count]));
  if (top.complete) {
    const labels = [...new Set([...reference.keys(), ...current.keys()])].sort((a, b) =>
      compare(sortKey(a), sortKey(b)),
    );
    return {
      method: "profile-values",
      labels,
      reference: labels.map((label) => reference.get(label) ?? 0),
      current: labels.map((label) => current.get(label)?.n ?? 0),
    };
  }
  const labels = [...reference.keys()].sort((a, b) => compare(sortKey(a), sortKey(b)));
  let other = 0;
  for (const [label, { n }] of current) if (!reference.has(label)) other += n;
  return {
    method: "profile-values",
    labels: [...labels, OTHER_LABEL],
    reference: [...labels.map((label) => reference.get(label) ?? 0), top.rest],
    current: [...labels.map((label) => current.get(label)?.n ?? 0), other],
  };
}

/**
 * Bins against a profile's power-of-two histogram: the current values counted on the same
 * lattice (`floor(v / width)`), the bin range widened to cover both sides.
 */
export function profileHistogramBins(histogram: ProfileHistogram, current: Map<number, number>): BinnedCounts {
  const start = firstIndex(histogram);
  const indexes = [...current.keys()];
  const first = Math.min(start, ...indexes);
  const last = Math.max(start + histogram.counts.length - 1, ...indexes);
  const reference = new Array<number>(last - first + 1).fill(0);
  histogram.counts.forEach((count, i) => {
    reference[start - first + i] = count;
  });
  const edges = latticeEdges(first, last, histogram.width);
  return {
    method: "profile-histogram",
    labels: intervalLabels(edges),
    edges,
    reference,
    current: reference.map((_, i) => current.get(first + i) ?? 0),
  };
}
