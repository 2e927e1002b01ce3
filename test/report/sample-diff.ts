import type { DiffResult, ModelComparison } from "../../core/diff/types.ts";

/** A changed model whose primary metric improved, with a paired interval. */
export function improvedModel(overrides: Partial<ModelComparison> = {}): ModelComparison {
  return {
    model: "churn",
    status: "changed",
    reasons: ["models/churn/model.md changed"],
    task: "binary-classification",
    primaryMetric: "accuracy",
    versions: { base: "1.0.0", head: "1.1.0" },
    confidence: 0.95,
    cardChanges: [{ field: "version", base: "1.0.0", head: "1.1.0" }],
    metrics: [
      {
        metric: "accuracy",
        label: "Accuracy",
        higherIsBetter: true,
        primary: true,
        base: 0.8095,
        head: 0.856,
        delta: 0.0465,
        relative: 0.0574,
        interval: [0.0235, 0.07],
        method: "paired bootstrap",
        paired: true,
        verdict: "improved",
      },
      {
        metric: "log_loss",
        label: "Log loss",
        higherIsBetter: false,
        primary: false,
        base: 0.41,
        head: 0.405,
        delta: -0.005,
        relative: -0.0122,
        interval: [-0.012, 0.002],
        method: "paired delta method",
        paired: true,
        verdict: "unchanged",
      },
    ],
    pairing: { paired: true, reason: "paired on the same 2,000 test rows" },
    gates: [
      {
        metric: "accuracy",
        kind: "min",
        bound: 0.7,
        value: 0.856,
        baseline: null,
        passed: true,
        message: "accuracy 0.856 ≥ min 0.7",
      },
      {
        metric: "accuracy",
        kind: "max_drop",
        bound: 0.02,
        value: 0.856,
        baseline: 0.8095,
        passed: true,
        message: "accuracy did not worsen (+0.0465) from 0.8095 to 0.856 (max_drop 0.02)",
      },
    ],
    fairness: [
      {
        column: "group",
        measure: "primary_metric_gap",
        higherIsBetter: false,
        base: 0.02,
        head: 0.015,
        delta: -0.005,
        verdict: "narrowed",
      },
    ],
    dataset: null,
    drift: null,
    trend: [
      { version: "1.0.0", value: 0.8095, commit: "a".repeat(40), head: false },
      { version: "1.1.0", value: 0.856, commit: "b".repeat(40), head: true },
    ],
    problems: [],
    warnings: [],
    verdict: "improved",
    summary: "accuracy improved: 0.8095 → 0.856 (+0.0465, paired interval [+0.0235, +0.07])",
    ...overrides,
  };
}

/** A diff of one improved model. */
export function sampleDiff(models: ModelComparison[] = [improvedModel()]): DiffResult {
  return {
    base: { ref: "origin/main", commit: "c".repeat(40) },
    head: { ref: "HEAD", commit: "d".repeat(40) },
    mergeBase: "e".repeat(40),
    models,
    problems: [],
    notes: [],
  };
}
