/**
 * Files the history generator commits over time: evaluation.json and drift reports with
 * numbers that move from commit to commit, and large predictions files. Deterministic.
 */
import { gzipSync } from "node:zlib";
import { classificationMetrics } from "../../core/evaluate/classification-metrics.ts";
import { DEFAULT_INTERVALS } from "../../core/evaluate/settings.ts";
import type { ClassificationData } from "../../core/metrics/types.ts";
import type { Task } from "../../core/schemas/metrics.ts";
import type { Random } from "./random.ts";

const METRICS_BY_TASK: Record<Task, readonly string[]> = {
  "binary-classification": ["roc_auc", "accuracy", "balanced_accuracy", "precision", "recall", "f1", "macro_f1"],
  "multiclass-classification": ["macro_f1", "accuracy", "balanced_accuracy", "weighted_f1"],
  regression: ["rmse", "mae", "r2", "mape"],
};
const LOWER_IS_BETTER = new Set(["rmse", "mae", "mape", "log_loss", "brier"]);

/** What an evaluation file says about one model at one commit. */
export interface EvaluationSpec {
  id: string;
  version: string;
  task: Task;
  primary: string;
  datasetId: string;
  /** 0 … 1: how good this version is (moves the metrics). */
  quality: number;
  rows: number;
  /** Metrics computed elsewhere (from real predictions); overrides the synthetic ones. */
  metrics?: Record<string, { value: number | null; ci: [number, number] | null; method: string }>;
}

/** Synthetic metric values for a quality level: higher quality, better values. */
function syntheticMetrics(spec: EvaluationSpec, random: Random) {
  const metrics: Record<string, { value: number; ci: [number, number]; method: string }> = {};
  for (const name of METRICS_BY_TASK[spec.task]) {
    const noise = (random.next() - 0.5) * 0.02;
    const value = LOWER_IS_BETTER.has(name)
      ? Number((6 - 3 * spec.quality + noise * 10).toFixed(4))
      : Number(Math.min(0.99, 0.55 + 0.35 * spec.quality + noise).toFixed(4));
    const half = LOWER_IS_BETTER.has(name) ? 0.2 : 0.02;
    metrics[name] = {
      value,
      ci: [Number((value - half).toFixed(4)), Number((value + half).toFixed(4))],
      method: "bootstrap",
    };
  }
  return metrics;
}

/** evaluation.json text (EvaluationSchema) for one model version. */
export function evaluationText(spec: EvaluationSpec, random: Random): string {
  const metrics = spec.metrics ?? syntheticMetrics(spec, random);
  const gap = Number((0.02 + 0.05 * random.next()).toFixed(4));
  const document = {
    $schema: "../../../schemas/evaluation.schema.json",
    apiVersion: "almanac/v1",
    kind: "Evaluation",
    model: { id: spec.id, version: spec.version, task: spec.task, primary_metric: spec.primary },
    metrics,
    fairness: {
      group: {
        groups: [
          { group: "group-a", count: Math.floor(spec.rows / 2), metrics: {} },
          { group: "group-b", count: Math.ceil(spec.rows / 2), metrics: {} },
        ],
        primary_metric_gap: gap,
        warnings: [],
      },
    },
    gates: [],
    passed: true,
    provenance: {
      card_version: spec.version,
      commit: null,
      dirty: false,
      dataset: { id: spec.datasetId, version: "1.0.0", files: [] },
      split: "test",
      rows: { train: spec.rows * 3, test: spec.rows },
      params: {},
      command: "node train.ts",
      exit_code: 0,
      duration_ms: 1000,
      seed: 42,
      bootstrap: DEFAULT_INTERVALS,
      predictions: { file: `reports/models/${spec.id}/predictions.csv.gz`, sha256: "0".repeat(64) },
      tool: { name: "almanac", version: "0.1.0" },
      runtime: { node: "24" },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A drift report (DriftReportSchema) with a given share of drifted columns. */
export function driftText(model: string, date: string, random: Random): string {
  const columns = ["x1", "x2", "x3", "segment"].map((column) => {
    const statistic = Number((0.2 * random.next()).toFixed(4));
    return {
      column,
      type: column === "segment" ? "category" : "number",
      test: column === "segment" ? "jensenshannon" : "wasserstein_norm",
      direction: "distance",
      statistic,
      threshold: 0.1,
      drifted: statistic >= 0.1,
      reference_rows: 150,
      current_rows: 100,
      reason: "more than 1000 reference rows: a distance (Evidently's default)",
      warnings: [],
    };
  });
  const drifted = columns.filter((column) => column.drifted).length;
  const report = {
    apiVersion: "almanac/v1",
    kind: "DriftReport",
    model,
    date,
    reference: { source: "train split", kind: "raw", rows: 150 },
    current: { source: "current.csv", rows: 100 },
    dataset_drift: drifted / columns.length >= 0.5,
    drift_share: drifted / columns.length,
    drift_share_threshold: 0.5,
    drifted_columns: drifted,
    columns,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * A binary predictions file of `rows` test rows (row_id 0 … rows−1, the same truth for every
 * seed) whose scores separate the classes by `skill`, gzipped, with the metrics the
 * evaluation engine computes from it.
 */
export function binaryPredictionsFile(rows: number, skill: number, random: Random, truthRandom: Random) {
  const lines = ["row_id,target,prediction,p_no,p_yes,group"];
  const truth = new Int32Array(rows);
  const predicted = new Int32Array(rows);
  const scores = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const yes = truthRandom.next() < 0.4;
    const score = 1 / (1 + Math.exp(-(skill * (yes ? 1 : -1) + random.normal())));
    truth[i] = yes ? 1 : 0;
    predicted[i] = score >= 0.5 ? 1 : 0;
    scores[i] = Number(score.toFixed(4));
    lines.push(
      `${i},${yes ? "yes" : "no"},${score >= 0.5 ? "yes" : "no"},${(1 - (scores[i] as number)).toFixed(4)},${(scores[i] as number).toFixed(4)},${i % 2 ? "group-a" : "group-b"}`,
    );
  }
  const data: ClassificationData = {
    labels: ["no", "yes"],
    truth,
    predicted,
    probabilities: null,
    positive: 1,
    positiveScores: scores,
  };
  const metrics = classificationMetrics(data, DEFAULT_INTERVALS);
  return { bytes: gzipSync(`${lines.join("\n")}\n`), metrics };
}
