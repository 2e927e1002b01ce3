import { compensatedSum } from "../metrics/sum.ts";
import { PROFILE_QUANTILES, type ProfileHistogram, type ProfileMoments, type ProfileTop } from "../schemas/profile.ts";
import { latticeEdges, latticeWidth } from "./lattice.ts";

/** A distinct value and how many rows hold it. */
export interface ValueCount {
  value: number;
  count: number;
}

/** Linear interpolation as numpy's `_lerp` (from the nearer end, so t = 1 gives b exactly). */
function lerp(a: number, b: number, t: number): number {
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/** The value at 0-based rank r of the sorted sample the counts describe. */
function valueAtRank(sorted: readonly ValueCount[], cumulative: readonly number[], rank: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) > rank) hi = mid;
    else lo = mid + 1;
  }
  return (sorted[lo] as ValueCount).value;
}

/**
 * Quantiles of a sample given as sorted value counts, exactly as `numpy.quantile` (method
 * "linear", type 7): position (n − 1)q between the order statistics around it.
 */
export function quantilesOfCounts(sorted: readonly ValueCount[]): number[] {
  const cumulative: number[] = [];
  let total = 0;
  for (const { count } of sorted) {
    total += count;
    cumulative.push(total);
  }
  return PROFILE_QUANTILES.map((q) => {
    const position = total * q + (1 - q) - 1;
    const below = Math.floor(position);
    const low = valueAtRank(sorted, cumulative, Math.max(0, below));
    const high = valueAtRank(sorted, cumulative, Math.min(total - 1, below + 1));
    return lerp(low, high, position - below);
  });
}

/** Count, compensated sum and M2 = Σ c (v − mean)² of sorted value counts. */
export function momentsOfCounts(sorted: readonly ValueCount[]): ProfileMoments {
  const count = sorted.reduce((total, entry) => total + entry.count, 0);
  const sum = compensatedSum(sorted.map(({ value, count: c }) => value * c));
  const mean = count === 0 ? 0 : sum / count;
  const m2 = compensatedSum(sorted.map(({ value, count: c }) => c * (value - mean) ** 2));
  return { count, sum, m2 };
}

/** The lattice histogram of sorted value counts (the same bins the SQL path counts). */
export function histogramOfCounts(sorted: readonly ValueCount[], wholeNumbers: boolean): ProfileHistogram {
  const min = (sorted[0] as ValueCount).value;
  const max = (sorted.at(-1) as ValueCount).value;
  const width = latticeWidth(min, max, wholeNumbers);
  const first = Math.floor(min / width);
  const last = Math.floor(max / width);
  const counts = new Array<number>(last - first + 1).fill(0);
  for (const { value, count } of sorted) {
    const index = Math.floor(value / width) - first;
    counts[index] = (counts[index] as number) + count;
  }
  return { width, edges: latticeEdges(first, last, width), counts };
}

/** The most frequent values (ties by value) and the count of the rest. */
export function topOfCounts(
  entries: ReadonlyArray<{ value: string; count: number; order: number | string }>,
  limit: number,
): ProfileTop {
  const sorted = [...entries].sort((a, b) => b.count - a.count || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const values = sorted.slice(0, limit).map(({ value, count }) => ({ value, count }));
  const rest = sorted.slice(limit).reduce((total, entry) => total + entry.count, 0);
  return { values, rest, complete: rest === 0 };
}
