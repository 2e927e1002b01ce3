import type { Confusion } from "./types.ts";

/**
 * Counts rows by (true class, predicted class): `counts[t * k + p]`, as scikit-learn's
 * `confusion_matrix(y_true, y_pred, labels=range(k))`. O(n).
 * Example: truth [0, 1, 1], predicted [0, 0, 1], k 2 → counts [1, 0, 1, 1].
 */
export function buildConfusion(truth: Int32Array, predicted: Int32Array, k: number): Confusion {
  const counts = new Float64Array(k * k);
  for (let i = 0; i < truth.length; i++) {
    const cell = (truth[i] as number) * k + (predicted[i] as number);
    counts[cell] = (counts[cell] as number) + 1;
  }
  return { k, counts };
}

/** {@link buildConfusion} of the rows `rows` only, without copying them. O(|rows|). */
export function buildConfusionOfRows(truth: Int32Array, predicted: Int32Array, k: number, rows: Int32Array): Confusion {
  const counts = new Float64Array(k * k);
  for (const row of rows) {
    const cell = (truth[row] as number) * k + (predicted[row] as number);
    counts[cell] = (counts[cell] as number) + 1;
  }
  return { k, counts };
}

/** Row sums (true counts per class). */
export function trueCounts(confusion: Confusion): Float64Array {
  const { k, counts } = confusion;
  const sums = new Float64Array(k);
  for (let t = 0; t < k; t++) for (let p = 0; p < k; p++) sums[t] = (sums[t] as number) + (counts[t * k + p] as number);
  return sums;
}

/** Column sums (predicted counts per class). */
export function predictedCounts(confusion: Confusion): Float64Array {
  const { k, counts } = confusion;
  const sums = new Float64Array(k);
  for (let t = 0; t < k; t++) for (let p = 0; p < k; p++) sums[p] = (sums[p] as number) + (counts[t * k + p] as number);
  return sums;
}

/**
 * The classes scikit-learn scores by default: those present in the truth or the predictions
 * (`unique_labels(y_true, y_pred)`), as sorted indices.
 */
export function presentClasses(confusion: Confusion): number[] {
  const rows = trueCounts(confusion);
  const columns = predictedCounts(confusion);
  const present: number[] = [];
  for (let c = 0; c < confusion.k; c++) if ((rows[c] as number) > 0 || (columns[c] as number) > 0) present.push(c);
  return present;
}

/** Total count. */
export function totalCount(confusion: Confusion): number {
  let total = 0;
  for (const count of confusion.counts) total += count;
  return total;
}
