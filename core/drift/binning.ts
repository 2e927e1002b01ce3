/**
 * Evidently's binning for the binned drift tests (`get_binned_data`,
 * https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/utils.py):
 * numeric columns with more than {@link VALUE_BINS_MAX_DISTINCT} distinct reference values get
 * `numpy.histogram_bin_edges(reference ∪ current, "sturges")`; all others one bin per value.
 */

/** Numeric columns with more distinct reference values than this are binned by Sturges' rule. */
export const VALUE_BINS_MAX_DISTINCT = 20;
/** Evidently fills empty bins with 1e-4, or min non-zero share / 1e6 when that share is ≤ 1e-4. */
export const EMPTY_BIN_SHARE = 1e-4;
export const EMPTY_BIN_DIVISOR = 1e6;

/**
 * `numpy.histogram_bin_edges(values, bins="sturges")` from the count, minimum and maximum alone
 * (numpy 1.24): width = (max − min) / (log₂ n + 1), ⌈(max − min) / width⌉ equal bins, edges by
 * `numpy.linspace` (i · step + min, the last edge exactly max). A constant sample gets the one
 * bin [v − 0.5, v + 0.5]. Example: `sturgesEdges(8, 0, 8)` → [0, 2, 4, 6, 8].
 */
export function sturgesEdges(count: number, min: number, max: number): number[] {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const range = max - min;
  const width = range / (Math.log2(count) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const step = (last - first) / bins;
  const edges: number[] = [];
  for (let i = 0; i < bins; i++) edges.push(step === 0 ? (i / bins) * (last - first) + first : i * step + first);
  edges.push(last);
  return edges;
}

/** Labels `[low, high)` for interval bins, the last one closed as numpy's histogram. */
export function intervalLabels(edges: readonly number[]): string[] {
  const labels: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const close = i + 2 === edges.length ? "]" : ")";
    labels.push(`[${formatEdge(edges[i] as number)}, ${formatEdge(edges[i + 1] as number)}${close}`);
  }
  return labels;
}

/** An edge printed with at most 6 significant digits, for labels only. */
export function formatEdge(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * Evidently's `feel_zeroes`: empty shares become 1e-4, or (min non-zero share) / 1e6 when that
 * minimum is ≤ 1e-4, so logarithms stay finite. Shares are not renormalised afterwards.
 * Example: `fillEmptyShares([0, 0.5, 0.5])` → [0.0001, 0.5, 0.5].
 */
export function fillEmptyShares(values: readonly number[]): number[] {
  let minNonZero = Number.POSITIVE_INFINITY;
  for (const value of values) if (value !== 0 && value < minNonZero) minNonZero = value;
  if (minNonZero === Number.POSITIVE_INFINITY) return [...values];
  const fill = minNonZero <= EMPTY_BIN_SHARE ? minNonZero / EMPTY_BIN_DIVISOR : EMPTY_BIN_SHARE;
  return values.map((value) => (value === 0 ? fill : value));
}

/** Each count divided by n, as Evidently's `count / len(data)`. */
export function sharesOf(counts: readonly number[], n: number): number[] {
  return counts.map((count) => count / n);
}
