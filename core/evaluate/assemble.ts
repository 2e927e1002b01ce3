import type { ClassificationData, RegressionData } from "../metrics/types.ts";

/** The joined truth and predictions, column by column, as fetched from DuckDB. */
export interface JoinedColumns {
  rowIds: string[];
  /** Target as text (classification) or number (regression). */
  target: Array<string | number>;
  /** Prediction as text (classification) or number (regression). */
  prediction: Array<string | number>;
  /** Probability columns in the order of `probabilityLabels`. */
  probabilities: Float64Array[];
  probabilityLabels: string[];
  sensitive: Record<string, Array<string | null>>;
}

/**
 * Typed-array classification data: labels to indices, probabilities into a row-major matrix
 * when every class has a column, and the positive class's scores (binary).
 */
export function assembleClassification(
  joined: JoinedColumns,
  labels: readonly string[],
  positive: number | null,
): ClassificationData {
  const index = new Map(labels.map((label, i) => [label, i]));
  const n = joined.rowIds.length;
  const k = labels.length;
  const truth = Int32Array.from(joined.target, (label) => index.get(String(label)) ?? -1);
  const predicted = Int32Array.from(joined.prediction, (label) => index.get(String(label)) ?? -1);
  const columnOf = (label: string) => joined.probabilities[joined.probabilityLabels.indexOf(label)];
  let probabilities: Float64Array | null = null;
  if (labels.every((label) => joined.probabilityLabels.includes(label))) {
    probabilities = new Float64Array(n * k);
    labels.forEach((label, c) => {
      const column = columnOf(label) as Float64Array;
      for (let i = 0; i < n; i++) (probabilities as Float64Array)[i * k + c] = column[i] as number;
    });
  }
  const positiveLabel = positive === null ? undefined : labels[positive];
  const positiveScores = positiveLabel === undefined ? null : (columnOf(positiveLabel) ?? null);
  return { labels, truth, predicted, probabilities, positive, positiveScores };
}

/** Typed-array regression data. */
export function assembleRegression(joined: JoinedColumns): RegressionData {
  return {
    truth: Float64Array.from(joined.target as number[]),
    predicted: Float64Array.from(joined.prediction as number[]),
  };
}
