import type { CodedColumn } from "../metrics/fairness/groups.ts";
import type { ClassificationData, RegressionData } from "../metrics/types.ts";

/** The joined truth and predictions, column by column, as fetched from DuckDB. */
export interface JoinedColumns {
  /** Row keys in truth order; fetched only when a report is written. */
  rowIds: string[] | null;
  /** Class labels the codes index (classification); null for regression. */
  labels: readonly string[] | null;
  /** Class codes (classification) or values (regression). */
  truth: Int32Array | Float64Array;
  prediction: Int32Array | Float64Array;
  /** Probability columns in the order of `probabilityLabels`. */
  probabilities: Float64Array[];
  probabilityLabels: string[];
  /** Each sensitive column's values per row, as codes into its distinct values (−1 when missing). */
  sensitive: Record<string, CodedColumn>;
}

/**
 * Typed-array classification data: probabilities into a row-major matrix when every class has a
 * column, and the positive class's scores (binary).
 */
export function assembleClassification(
  joined: JoinedColumns,
  labels: readonly string[],
  positive: number | null,
): ClassificationData {
  const n = joined.truth.length;
  const k = labels.length;
  const columnOf = (label: string) => joined.probabilities[joined.probabilityLabels.indexOf(label)];
  let probabilities: Float64Array | null = null;
  if (labels.every((label) => joined.probabilityLabels.includes(label))) {
    const matrix = new Float64Array(n * k);
    labels.forEach((label, c) => {
      const column = columnOf(label) as Float64Array;
      for (let i = 0; i < n; i++) matrix[i * k + c] = column[i] as number;
    });
    probabilities = matrix;
  }
  const positiveLabel = positive === null ? undefined : labels[positive];
  const positiveScores = positiveLabel === undefined ? null : (columnOf(positiveLabel) ?? null);
  return {
    labels,
    truth: joined.truth as Int32Array,
    predicted: joined.prediction as Int32Array,
    probabilities,
    positive,
    positiveScores,
  };
}

/** Typed-array regression data. */
export function assembleRegression(joined: JoinedColumns): RegressionData {
  return { truth: joined.truth as Float64Array, predicted: joined.prediction as Float64Array };
}
