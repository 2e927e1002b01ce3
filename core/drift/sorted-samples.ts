import { compensatedSum } from "../metrics/sum.ts";
import type { EcdfSummary } from "./types.ts";

/**
 * A numeric column's values on both sides, each sorted ascending (finite values only): when
 * they fit in memory, the sorted scans of KS and Wasserstein, the ranges and the histogram bins
 * come from one merge in JavaScript, the same arithmetic as the SQL window scan over DuckDB's
 * rows (core/data/drift-sql.ts `ecdfScanSql`) without its sort of the union.
 */
export interface SortedSamples {
  reference: Float64Array;
  current: Float64Array;
}

/** Min, max and population standard deviation of one side. */
export interface SortedRange {
  min: number;
  max: number;
  std: number;
}

/**
 * Min, max (the ends) and population standard deviation of sorted values: two passes (mean,
 * then squared deviations), each summed with Neumaier's compensation (core/metrics/sum.ts).
 * O(n). Example: `rangeOfSorted(Float64Array.of(1, 2, 3))` → { min: 1, max: 3, std: 0.816496580927726 }.
 */
export function rangeOfSorted(values: Float64Array): SortedRange {
  const n = values.length;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  const mean = (sum + compensation) / n;
  sum = 0;
  compensation = 0;
  for (let i = 0; i < n; i++) {
    const value = ((values[i] as number) - mean) ** 2;
    const next = sum + value;
    compensation += sum >= value ? sum - next + value : value - next + sum;
    sum = next;
  }
  return { min: values[0] as number, max: values[n - 1] as number, std: Math.sqrt((sum + compensation) / n) };
}

/**
 * One part of the joint sorted scan of two sorted samples: the distinct values found from
 * `from` to `to` (index pairs into reference and current, the values between them all at least
 * those before `from` and below those from `to` on: see {@link ecdfSplit}). Its Wasserstein
 * sum leaves out the step before its first value, which {@link combineEcdfParts} adds from the
 * previous part's last gap.
 */
export interface EcdfPart {
  maxDifference: number;
  minDifference: number;
  /** Σ |F_ref − F_cur| (vᵢ₊₁ − vᵢ) within the part, compensated: sum + compensation. */
  sum: number;
  compensation: number;
  unionDistinct: number;
  first: number;
  last: number;
  /** |F_ref − F_cur| after the part's last value. */
  lastGap: number;
}

/**
 * The merge of {@link ecdfOfSorted} over one part (see {@link EcdfPart}): after each distinct
 * value v, F_ref − F_cur = k₁/n₁ − k₂/n₂ with k counted from the start of both arrays. O(part).
 */
export function ecdfPartOfSorted(
  reference: Float64Array,
  current: Float64Array,
  from: readonly [number, number],
  to: readonly [number, number],
): EcdfPart {
  const n1 = reference.length;
  const n2 = current.length;
  const [end1, end2] = to;
  let [i, j] = from;
  let maxDifference = Number.NEGATIVE_INFINITY;
  let minDifference = Number.POSITIVE_INFINITY;
  let sum = 0;
  let compensation = 0;
  let unionDistinct = 0;
  let first = Number.NaN;
  let previous = Number.NaN;
  let gap = 0;
  while (i < end1 || j < end2) {
    // The next distinct value, and past its ties on both sides.
    const a = i < end1 ? (reference[i] as number) : Number.POSITIVE_INFINITY;
    const b = j < end2 ? (current[j] as number) : Number.POSITIVE_INFINITY;
    const value = Math.min(a, b);
    if (a === value) while (i < end1 && reference[i] === value) i++;
    if (b === value) while (j < end2 && current[j] === value) j++;
    if (unionDistinct > 0) {
      // The area of the step before this value: |F_ref − F_cur| there times the gap.
      const area = gap * (value - previous);
      const next = sum + area;
      compensation += sum >= area ? sum - next + area : area - next + sum;
      sum = next;
    } else first = value;
    unionDistinct++;
    const difference = i / n1 - j / n2;
    if (difference > maxDifference) maxDifference = difference;
    if (difference < minDifference) minDifference = difference;
    gap = Math.abs(difference);
    previous = value;
  }
  return { maxDifference, minDifference, sum, compensation, unionDistinct, first, last: previous, lastGap: gap };
}

/** The whole scan from its parts in value order, each step between two parts added once. */
export function combineEcdfParts(parts: readonly EcdfPart[]): EcdfSummary & { unionDistinct: number } {
  const present = parts.filter((part) => part.unionDistinct > 0);
  const terms: number[] = [];
  present.forEach((part, k) => {
    const before = present[k - 1];
    if (before) terms.push(before.lastGap * (part.first - before.last));
    terms.push(part.sum, part.compensation);
  });
  return {
    maxDifference: Math.max(...present.map((part) => part.maxDifference)),
    minDifference: Math.min(...present.map((part) => part.minDifference)),
    // One part: its own compensated sum, as one merge gives it.
    wasserstein:
      present.length === 1
        ? (present[0] as EcdfPart).sum + (present[0] as EcdfPart).compensation
        : compensatedSum(terms),
    unionDistinct: present.reduce((total, part) => total + part.unionDistinct, 0),
  };
}

/**
 * Where to cut the merge of two sorted samples in two parts of about equal size: the positions of
 * the reference's median value in both (every value below it before, every value from it on
 * after, so no distinct value straddles the cut).
 */
export function ecdfSplit(reference: Float64Array, current: Float64Array): [number, number] {
  const pivot = reference.length > 0 ? reference[reference.length >> 1] : current[current.length >> 1];
  if (pivot === undefined) return [0, 0];
  return [searchSorted(reference, pivot, false), searchSorted(current, pivot, false)];
}

/**
 * The joint sorted scan of two sorted samples, merged: after each distinct value v of either,
 * F_ref − F_cur = k₁/n₁ − k₂/n₂ (k the values ≤ v; scipy's arithmetic), its max and min (KS),
 * Σ |F_ref − F_cur| (vᵢ₊₁ − vᵢ) over consecutive distinct values (Wasserstein, compensated), and
 * the number of distinct values of both. O(n₁ + n₂). Example: reference [1, 2], current [2, 3]
 * → max 0.5, min 0, wasserstein 1, unionDistinct 3. The same scan cut in parts
 * ({@link ecdfSplit}) runs on two threads (core/drift/sorted-digest.ts).
 */
export function ecdfOfSorted(reference: Float64Array, current: Float64Array): EcdfSummary & { unionDistinct: number } {
  return combineEcdfParts([ecdfPartOfSorted(reference, current, [0, 0], [reference.length, current.length])]);
}

/** The first index whose value is ≥ `edge` (`strict`: > `edge`) in sorted values. */
function searchSorted(values: Float64Array, edge: number, strict: boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const value = values[mid] as number;
    if (value < edge || (strict && value === edge)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Counts per bin of sorted values on sorted edges, as `numpy.histogram(values, edges)`: bin i is
 * [eᵢ, eᵢ₊₁), the last bin closed, from the binary-search positions of the edges (numpy's own
 * `searchsorted`), so values beyond the outer edges are not counted. O(k log n).
 * Example: values [0, 1, 1, 2], edges [0, 1, 2] → [1, 3].
 */
export function histogramOfSorted(values: Float64Array, edges: readonly number[]): number[] {
  const k = edges.length - 1;
  const positions = edges.map((edge, i) => searchSorted(values, edge, i === k));
  return positions.slice(1).map((position, i) => position - (positions[i] as number));
}
