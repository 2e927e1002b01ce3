import { createHash } from "node:crypto";
import { API_VERSION } from "../../../core/schemas/common.ts";
import type { DriftReport } from "../../../core/schemas/drift-report.ts";
import { type Evaluation, EvaluationSchema } from "../../../core/schemas/evaluation.ts";
import type { HistoryEvent } from "../../../core/schemas/history.ts";
import { type ModelCard, ModelCardSchema } from "../../../core/schemas/model-card.ts";

/** A valid card (parsed, defaults applied) with overrides. */
export function card(overrides: Partial<ModelCard> = {}): ModelCard {
  return ModelCardSchema.parse({
    apiVersion: API_VERSION,
    kind: "Model",
    id: "churn",
    name: "Churn model",
    version: "1.2.0",
    stage: "production",
    owners: ["@org/risk", "octocat"],
    task: "binary-classification",
    license: "MIT",
    dataset: { id: "customers", version: "2.0.0", target: "churned", features: ["age"], sensitive: ["sex"] },
    training: { command: "node train.ts" },
    evaluation: { primary_metric: "roc_auc" },
    ...overrides,
  });
}

/** A lifecycle event with defaults; events of one date come from one commit unless told otherwise. */
export function event(overrides: Partial<HistoryEvent> & Pick<HistoryEvent, "type" | "date">): HistoryEvent {
  return {
    model: "churn",
    commit: createHash("sha1").update(overrides.date).digest("hex"),
    author: "Ada",
    pr: null,
    subject: "change",
    ...overrides,
  };
}

/** A minimal valid evaluation of version `version`. */
export function evaluation(version: string, auc: number, ci: [number, number] = [auc - 0.02, auc + 0.02]): Evaluation {
  return EvaluationSchema.parse({
    apiVersion: API_VERSION,
    kind: "Evaluation",
    model: { id: "churn", version, task: "binary-classification", primary_metric: "roc_auc" },
    metrics: { roc_auc: { value: auc, ci, method: "delong" }, accuracy: { value: 0.8, ci: null, method: "bootstrap" } },
    fairness: {},
    gates: [],
    passed: true,
    provenance: {
      card_version: version,
      commit: null,
      dirty: false,
      dataset: { id: "customers", version: "2.0.0", files: [] },
      split: "test",
      rows: { train: 300, test: 100 },
      params: {},
      command: "node train.ts",
      exit_code: 0,
      duration_ms: 10,
      seed: 42,
      bootstrap: { resamples: 1000, seed: 42, confidence: 0.95 },
      predictions: { file: "p.csv.gz", sha256: "0".repeat(64) },
      tool: { name: "almanac", version: "0.1.0" },
      runtime: {},
    },
  });
}

/** A minimal drift report. */
export function driftReport(date: string, drifted: boolean, share: number): DriftReport {
  return {
    apiVersion: API_VERSION,
    kind: "DriftReport",
    model: "churn",
    date,
    reference: { source: "train", kind: "raw", rows: 100 },
    current: { source: "current.csv", rows: 80 },
    dataset_drift: drifted,
    drift_share: share,
    drift_share_threshold: 0.5,
    drifted_columns: drifted ? 1 : 0,
    columns: [],
    schema_changes: [],
    null_rates: [],
    new_categories: [],
  };
}
