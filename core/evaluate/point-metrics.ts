import { accuracy } from "../metrics/accuracy.ts";
import { brier } from "../metrics/brier.ts";
import { buildConfusion, buildConfusionOfRows } from "../metrics/confusion-matrix.ts";
import { logLoss } from "../metrics/log-loss.ts";
import { mae } from "../metrics/mae.ts";
import { mape } from "../metrics/mape.ts";
import { r2 } from "../metrics/r2.ts";
import { rmse } from "../metrics/rmse.ts";
import { rocAuc } from "../metrics/roc-auc.ts";
import type { ClassificationData, RegressionData } from "../metrics/types.ts";
import { confusionMetrics } from "./classification-metrics.ts";

/** The rows `rows` of classification data (truth, predictions and probabilities). O(|rows| · k). */
export function subsetClassification(data: ClassificationData, rows: Int32Array): ClassificationData {
  const k = data.labels.length;
  const pick = (source: Int32Array) => Int32Array.from(rows, (row) => source[row] as number);
  let probabilities: Float64Array | null = null;
  if (data.probabilities) {
    const source = data.probabilities;
    probabilities = new Float64Array(rows.length * k);
    rows.forEach((row, i) => {
      for (let c = 0; c < k; c++) (probabilities as Float64Array)[i * k + c] = source[row * k + c] as number;
    });
  }
  const scores = data.positiveScores;
  return {
    labels: data.labels,
    truth: pick(data.truth),
    predicted: pick(data.predicted),
    probabilities,
    positive: data.positive,
    positiveScores: scores ? Float64Array.from(rows, (row) => scores[row] as number) : null,
  };
}

/** The rows `rows` of regression data. */
export function subsetRegression(data: RegressionData, rows: Int32Array): RegressionData {
  return {
    truth: Float64Array.from(rows, (row) => data.truth[row] as number),
    predicted: Float64Array.from(rows, (row) => data.predicted[row] as number),
  };
}

/** One classification metric's value without interval; null when undefined (e.g. a one-class group's ROC AUC). */
export function classificationPointMetric(name: string, data: ClassificationData): number | null {
  const fromConfusion = confusionMetrics(data)[name];
  if (fromConfusion) {
    const value = fromConfusion(buildConfusion(data.truth, data.predicted, data.labels.length));
    return Number.isNaN(value) ? null : value;
  }
  if (name === "roc_auc") return rocAuc(data).value;
  if (name === "log_loss") return logLoss(data).value;
  if (name === "brier") return brier(data).value;
  return name === "accuracy" ? accuracy(buildConfusion(data.truth, data.predicted, data.labels.length)) : null;
}

/**
 * One classification metric of the rows `rows`, as {@link classificationPointMetric} of their
 * subset: a confusion-matrix metric counts the rows in place (no copy of the data); the others
 * take the subset.
 */
export function groupClassificationMetric(name: string, data: ClassificationData, rows: Int32Array): number | null {
  const fromConfusion = confusionMetrics(data)[name];
  if (!fromConfusion) return classificationPointMetric(name, subsetClassification(data, rows));
  const value = fromConfusion(buildConfusionOfRows(data.truth, data.predicted, data.labels.length, rows));
  return Number.isNaN(value) ? null : value;
}

/** One regression metric's value without interval; null when undefined. */
export function regressionPointMetric(name: string, data: RegressionData): number | null {
  switch (name) {
    case "mae":
      return mae(data);
    case "rmse":
      return rmse(data);
    case "r2":
      return r2(data).value;
    case "mape":
      return mape(data);
    default:
      return null;
  }
}
