import type { Database } from "../data/duckdb.ts";
import { perClassScores } from "../metrics/class-scores.ts";
import { buildConfusion } from "../metrics/confusion-matrix.ts";
import { residualSummary } from "../metrics/residual-summary.ts";
import type { ClassificationData, RegressionData } from "../metrics/types.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import type { Task } from "../schemas/metrics.ts";
import { assembleClassification, assembleRegression, type JoinedColumns } from "./assemble.ts";
import { classificationMetrics } from "./classification-metrics.ts";
import { computeFairness } from "./fairness.ts";
import { type FetchedEvaluation, fetchEvaluation, type PredictionsFile } from "./fetch-evaluation.ts";
import { regressionMetrics } from "./regression-metrics.ts";
import type { IntervalSettings } from "./settings.ts";

/** What is evaluated: a truth table (row_id, almanac_ord, target, sensitive) in the database. */
export interface EvaluationTarget {
  task: Task;
  truthTable: string;
  targetColumn: string;
  sensitive: readonly string[];
  primaryMetric: string;
  /**
   * Sorted class labels (classification); for ad hoc runs a function of the predictions'
   * probability columns and the predictions relation (a table or the file's `read_csv`).
   */
  labels: string[] | ((probabilityLabels: string[], predictions: string) => Promise<string[]>) | null;
  /** Requested positive class; defaults to the last label. */
  positiveClass: string | null;
  /** Fetch row keys for predictions.csv.gz (card mode). */
  withRowIds?: boolean;
}

/** The computed parts of evaluation.json plus the joined rows (for predictions.csv.gz). */
export interface EvaluationResult {
  metrics: Evaluation["metrics"];
  per_class?: Evaluation["per_class"];
  confusion_matrix?: Evaluation["confusion_matrix"];
  residuals?: Evaluation["residuals"];
  fairness: Evaluation["fairness"];
  positiveClass: string | null;
  labels: string[] | null;
  joined: JoinedColumns;
}

/**
 * Loads and checks a predictions file against the truth table, then computes every metric,
 * interval, per-class table, confusion matrix, residual summary and fairness slice.
 */
export async function evaluatePredictions(
  db: Database,
  file: PredictionsFile,
  target: EvaluationTarget,
  settings: IntervalSettings,
): Promise<EvaluationResult> {
  return computeEvaluation(await fetchEvaluation(db, file, target), target, settings);
}

/** Every metric, interval, per-class table, confusion matrix, residual summary and fairness slice. */
export function computeEvaluation(
  fetched: FetchedEvaluation,
  target: EvaluationTarget,
  settings: IntervalSettings,
): EvaluationResult {
  const { joined, labels, positive } = fetched;
  if (labels === null)
    return {
      ...regressionResult(assembleRegression(joined), target, settings, joined.sensitive),
      positiveClass: null,
      labels: null,
      joined,
    };
  const data = assembleClassification(joined, labels, positive);
  return {
    ...classificationResult(data, target, settings, joined.sensitive),
    positiveClass: positive === null ? null : (labels[positive] ?? null),
    labels,
    joined,
  };
}

type Sensitive = JoinedColumns["sensitive"];

function classificationResult(
  data: ClassificationData,
  target: EvaluationTarget,
  settings: IntervalSettings,
  sensitive: Sensitive,
) {
  const confusion = buildConfusion(data.truth, data.predicted, data.labels.length);
  const k = data.labels.length;
  return {
    metrics: (() => {
      const m = classificationMetrics(data, settings);
      return m;
    })(),
    per_class: perClassScores(confusion).map((score) => ({
      class: data.labels[score.index] as string,
      precision: score.precision,
      recall: score.recall,
      f1: score.f1,
      support: score.support,
    })),
    confusion_matrix: {
      labels: [...data.labels],
      matrix: Array.from({ length: k }, (_, t) => Array.from(confusion.counts.subarray(t * k, (t + 1) * k))),
    },
    fairness: computeFairness({ classification: data, primaryMetric: target.primaryMetric, sensitive }),
  };
}

function regressionResult(
  data: RegressionData,
  target: EvaluationTarget,
  settings: IntervalSettings,
  sensitive: Sensitive,
) {
  return {
    metrics: regressionMetrics(data, settings),
    residuals: residualSummary(data),
    fairness: computeFairness({ regression: data, primaryMetric: target.primaryMetric, sensitive }),
  };
}
