import { sortLabels } from "../evaluate/labels.ts";
import type { ClassificationData, RegressionData } from "../metrics/types.ts";
import { noun } from "../util/plural.ts";
import type { PredictionTable } from "./predictions.ts";

/** Whether two predictions files can be compared row by row. */
export interface Pairing {
  /** True when both cover exactly the same rows (same row_id set, same targets). */
  paired: boolean;
  /** Said in the report: why the comparison is paired or not. */
  reason: string;
  baseRows: number;
  headRows: number;
  /** Rows whose row_id is in both files. */
  commonRows: number;
  /** Paired only: for each base row, the index of the same row_id in the head file. */
  headOrder: Int32Array | null;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Joins two predictions files on row_id. Paired when both have the same set of unique
 * row_ids and agree on every target: then a resample of rows is the same resample for both
 * models. Otherwise unpaired, with the reason. O(n). Pure.
 */
export function pairPredictions(base: PredictionTable, head: PredictionTable): Pairing {
  const counts = { baseRows: base.rowIds.length, headRows: head.rowIds.length };
  const unpaired = (reason: string, commonRows: number): Pairing => ({
    paired: false,
    reason,
    ...counts,
    commonRows,
    headOrder: null,
  });
  const headIndex = new Map<string, number>();
  head.rowIds.forEach((id, index) => {
    headIndex.set(id, index);
  });
  if (headIndex.size !== head.rowIds.length) return unpaired("row_id is not unique in the head predictions", 0);
  const seen = new Set<string>();
  const order = new Int32Array(base.rowIds.length);
  let common = 0;
  let targetMismatches = 0;
  base.rowIds.forEach((id, index) => {
    const at = headIndex.get(id);
    seen.add(id);
    if (at === undefined) return;
    common++;
    order[index] = at;
    if (base.target[index] !== head.target[at]) targetMismatches++;
  });
  if (seen.size !== base.rowIds.length) return unpaired("row_id is not unique in the base predictions", common);
  if (common !== base.rowIds.length || common !== head.rowIds.length) {
    return unpaired(
      `the predictions do not cover the same rows (base ${fmt(counts.baseRows)}, head ${fmt(counts.headRows)}, ${fmt(common)} row_ids in common)`,
      common,
    );
  }
  if (targetMismatches > 0) {
    return unpaired(
      `the same row_ids have different targets on ${fmt(targetMismatches)} ${noun(targetMismatches, "row")}`,
      common,
    );
  }
  return {
    paired: true,
    reason: `paired on the same ${fmt(common)} test rows`,
    ...counts,
    commonRows: common,
    headOrder: order,
  };
}

/** The sorted class labels of both files: every target, prediction and p_<class> column. Pure. */
export function unionLabels(tables: readonly PredictionTable[]): string[] {
  const labels = new Set<string>();
  for (const table of tables) {
    for (const value of table.target) labels.add(value);
    for (const value of table.prediction) labels.add(value);
    for (const label of table.probabilities.keys()) labels.add(label);
  }
  return sortLabels(labels);
}

/**
 * Classification inputs of the metric library from a predictions table, with a shared label
 * set, rows taken in `order` (default: file order). Probabilities are kept when every label
 * has a p_<class> column; the positive class (binary) is `positiveClass` or the last label,
 * as scikit-learn. Pure.
 */
export function encodeClassification(
  table: PredictionTable,
  labels: readonly string[],
  options: { binary: boolean; positiveClass?: string; order?: Int32Array | null },
): ClassificationData {
  const index = new Map(labels.map((label, i) => [label, i]));
  const rows = options.order ?? Int32Array.from(table.rowIds, (_, i) => i);
  const n = rows.length;
  const k = labels.length;
  const truth = new Int32Array(n);
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as number;
    truth[i] = index.get(table.target[row] as string) ?? 0;
    predicted[i] = index.get(table.prediction[row] as string) ?? 0;
  }
  const complete = labels.every((label) => table.probabilities.has(label));
  let probabilities: Float64Array | null = null;
  if (complete) {
    probabilities = new Float64Array(n * k);
    labels.forEach((label, c) => {
      const column = table.probabilities.get(label) as Float64Array;
      for (let i = 0; i < n; i++) (probabilities as Float64Array)[i * k + c] = column[rows[i] as number] as number;
    });
  }
  const positiveLabel = options.binary && k === 2 ? (options.positiveClass ?? labels[k - 1]) : undefined;
  const positive = positiveLabel === undefined ? null : (index.get(positiveLabel) ?? null);
  const scoreColumn = positiveLabel === undefined ? undefined : table.probabilities.get(positiveLabel);
  const positiveScores = scoreColumn ? Float64Array.from(rows, (row) => scoreColumn[row] as number) : null;
  return { labels, truth, predicted, probabilities, positive, positiveScores };
}

/** Regression inputs from a predictions table, rows in `order`. Pure. */
export function encodeRegression(table: PredictionTable, order?: Int32Array | null): RegressionData {
  const rows = order ?? Int32Array.from(table.rowIds, (_, i) => i);
  return {
    truth: Float64Array.from(rows, (row) => Number(table.target[row])),
    predicted: Float64Array.from(rows, (row) => Number(table.prediction[row])),
  };
}
