/**
 * The inputs every classification metric reads: class indices into `labels` (sorted), and
 * optionally the predicted probabilities. Plain typed arrays so a million rows stay cheap.
 */
export interface ClassificationData {
  /** Every known class label, sorted (numerically when all labels are numbers, else by code point). */
  labels: readonly string[];
  /** True class index of each row. */
  truth: Int32Array;
  /** Predicted class index of each row. */
  predicted: Int32Array;
  /**
   * Probabilities, row-major `n × labels.length` in `labels` order; null when the predictions do not
   * give one probability column per class.
   */
  probabilities: Float64Array | null;
  /** Binary only: index of the positive class (scikit-learn's `pos_label`). */
  positive: number | null;
  /**
   * Binary only: probability of the positive class per row (from `p_<positive>`, or from the full
   * probability matrix); null when absent.
   */
  positiveScores: Float64Array | null;
}

/** The inputs of regression metrics: truth and prediction per row. */
export interface RegressionData {
  truth: Float64Array;
  predicted: Float64Array;
}

/** A confusion matrix as counts, `counts[truth * k + predicted]`; floats so resamples reuse it. */
export interface Confusion {
  /** Number of classes (rows and columns). */
  k: number;
  counts: Float64Array;
}

/** A metric that could not be computed, with the reason shown to people. */
export interface Undefined {
  value: null;
  reason: string;
}

/** A metric value or the reason it is undefined. */
export type MetricOutcome = { value: number; reason?: undefined } | Undefined;

/** Wraps a reason as an undefined outcome. */
export function undefinedMetric(reason: string): Undefined {
  return { value: null, reason };
}
