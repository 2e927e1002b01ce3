import type { ProfileHistogram } from "../schemas/profile.ts";

/**
 * Histograms on a power-of-two lattice: bin i covers [i·w, (i+1)·w) with w = 2^k. Bin indexes
 * are exact in floating point (x / 2^k and floor are exact), and the lattices of two widths nest,
 * so histograms of different shards merge exactly by coarsening the finer one.
 */

/** A histogram aims at this many bins (between half and all of it). */
export const HISTOGRAM_TARGET_BINS = 32;
/** A merged histogram is coarsened (bins paired) until it has at most this many bins. */
export const HISTOGRAM_MAX_BINS = 64;
/** A constant column's single bin is 2^-5 of its magnitude wide. */
const CONSTANT_BIN_SHIFT = 5;

/** Number of lattice bins spanned by [min, max] at width w. */
export function binSpan(min: number, max: number, width: number): number {
  return Math.floor(max / width) - Math.floor(min / width) + 1;
}

/**
 * The smallest power-of-two width with at most {@link HISTOGRAM_TARGET_BINS} + 1 bins over
 * [min, max]; integers never get bins narrower than 1.
 * Example: `latticeWidth(0, 100, true)` → 4 (26 bins).
 */
export function latticeWidth(min: number, max: number, integer: boolean): number {
  const range = max - min;
  let width: number;
  if (range === 0) {
    const magnitude = Math.abs(min);
    width = magnitude === 0 ? 1 : 2 ** (Math.floor(Math.log2(magnitude)) - CONSTANT_BIN_SHIFT);
  } else width = 2 ** Math.ceil(Math.log2(range / HISTOGRAM_TARGET_BINS));
  if (integer && width < 1) width = 1;
  while (binSpan(min, max, width) > HISTOGRAM_TARGET_BINS + 1) width *= 2;
  return width;
}

/** Edges of the lattice bins from index `first` to `last` inclusive. */
export function latticeEdges(first: number, last: number, width: number): number[] {
  const edges: number[] = [];
  for (let i = first; i <= last + 1; i++) edges.push(i * width);
  return edges;
}

/** The index of a histogram's first bin on its lattice. */
export function firstIndex(histogram: ProfileHistogram): number {
  return Math.round((histogram.edges[0] as number) / histogram.width);
}

/** Re-bins a histogram to a coarser power-of-two width (exact: each fine bin lies in one coarse bin). */
export function coarsen(histogram: ProfileHistogram, width: number): ProfileHistogram {
  if (width === histogram.width) return histogram;
  const ratio = width / histogram.width;
  if (!(ratio > 1) || !Number.isInteger(Math.log2(ratio)))
    throw new RangeError(`cannot coarsen width ${histogram.width} to ${width}: widths must be powers of two`);
  const start = firstIndex(histogram);
  const first = Math.floor(start / ratio);
  const last = Math.floor((start + histogram.counts.length - 1) / ratio);
  const counts = new Array<number>(last - first + 1).fill(0);
  histogram.counts.forEach((count, i) => {
    const index = Math.floor((start + i) / ratio) - first;
    counts[index] = (counts[index] as number) + count;
  });
  return { width, edges: latticeEdges(first, last, width), counts };
}

/**
 * Adds histograms on power-of-two lattices: all are coarsened to the widest width, aligned by
 * lattice index and summed, then coarsened further while above {@link HISTOGRAM_MAX_BINS} bins.
 * Exact: no count moves between values' bins.
 */
export function mergeHistograms(histograms: readonly ProfileHistogram[]): ProfileHistogram | undefined {
  if (histograms.length === 0) return undefined;
  let width = Math.max(...histograms.map((histogram) => histogram.width));
  const coarse = histograms.map((histogram) => coarsen(histogram, width));
  const first = Math.min(...coarse.map(firstIndex));
  const last = Math.max(...coarse.map((histogram) => firstIndex(histogram) + histogram.counts.length - 1));
  const counts = new Array<number>(last - first + 1).fill(0);
  for (const histogram of coarse) {
    const offset = firstIndex(histogram) - first;
    histogram.counts.forEach((count, i) => {
      counts[offset + i] = (counts[offset + i] as number) + count;
    });
  }
  let merged: ProfileHistogram = { width, edges: latticeEdges(first, last, width), counts };
  while (merged.counts.length > HISTOGRAM_MAX_BINS) {
    width *= 2;
    merged = coarsen(merged, width);
  }
  return merged;
}
