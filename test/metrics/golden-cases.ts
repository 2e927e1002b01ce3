import { readFileSync } from "node:fs";
import type { ClassificationData, RegressionData } from "../../core/metrics/types.ts";

/** One generated input of scripts/golden-metrics.py with scikit-learn's values. */
export interface GoldenCase {
  name: string;
  task: "binary-classification" | "multiclass-classification" | "regression";
  labels?: string[];
  positive?: string | null;
  truth: Array<string | number>;
  predicted: Array<string | number>;
  probabilities?: number[][] | null;
  positive_scores?: number[] | null;
  sensitive: Record<string, Array<string | null>>;
  primary: string;
  // biome-ignore lint/suspicious/noExplicitAny: fixture JSON of several shapes
  expected: any;
}

/** The committed fixture test/fixtures/metrics-golden.json. */
export const golden = JSON.parse(readFileSync(new URL("../fixtures/metrics-golden.json", import.meta.url), "utf8")) as {
  normal_quantiles: Record<string, number>;
  cases: GoldenCase[];
};

/** Typed-array classification data of a golden case. */
export function classificationOf(c: GoldenCase): ClassificationData {
  const labels = c.labels ?? [];
  const index = (label: string | number) => labels.indexOf(String(label));
  return {
    labels,
    truth: Int32Array.from(c.truth, index),
    predicted: Int32Array.from(c.predicted, index),
    probabilities: c.probabilities ? Float64Array.from(c.probabilities.flat()) : null,
    positive: c.task === "binary-classification" ? index(c.positive ?? "") : null,
    positiveScores: c.positive_scores ? Float64Array.from(c.positive_scores) : null,
  };
}

/** Typed-array regression data of a golden case. */
export function regressionOf(c: GoldenCase): RegressionData {
  return { truth: Float64Array.from(c.truth as number[]), predicted: Float64Array.from(c.predicted as number[]) };
}

/** |actual − expected| ≤ 1e-9 · max(1, |expected|), or both null. */
export function close(actual: number | null | undefined, expected: number | null): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}
