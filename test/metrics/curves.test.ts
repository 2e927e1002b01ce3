import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { calibrationCurve } from "../../core/metrics/curves/calibration-curve.ts";
import { precisionRecallCurve } from "../../core/metrics/curves/precision-recall-curve.ts";
import { rocCurve } from "../../core/metrics/curves/roc-curve.ts";
import { thresholdCounts } from "../../core/metrics/curves/threshold-counts.ts";

interface GoldenCase {
  name: string;
  scores: number[];
  truth: number[];
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
  precision_recall: { precision: number[]; recall: number[]; thresholds: number[] };
  calibration: { observed: number[]; predicted: number[] };
}

/** Values from scikit-learn 1.2.1 (scripts/golden-curves.py): the examples' committed predictions and edge cases. */
const golden = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/curves-golden.json"), "utf8")) as {
  cases: GoldenCase[];
};
const TOLERANCE = 1e-12;

function expectClose(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const worst = Math.max(0, ...actual.map((value, i) => Math.abs(value - (expected[i] as number))));
  expect(worst, `${what}: largest difference`).toBeLessThanOrEqual(TOLERANCE);
}

describe.each(golden.cases)("curves of $name equal scikit-learn's", (golden) => {
  const positive = (i: number) => golden.truth[i] === 1;

  it("roc_curve (drop_intermediate)", () => {
    const { curve } = rocCurve(golden.scores, positive);
    expectClose(curve?.falsePositiveRate ?? [], golden.roc.fpr, "fpr");
    expectClose(curve?.truePositiveRate ?? [], golden.roc.tpr, "tpr");
    expectClose(curve?.thresholds ?? [], golden.roc.thresholds, "thresholds");
  });

  it("precision_recall_curve", () => {
    const { curve } = precisionRecallCurve(golden.scores, positive);
    expectClose(curve?.precision ?? [], golden.precision_recall.precision, "precision");
    expectClose(curve?.recall ?? [], golden.precision_recall.recall, "recall");
    expectClose(curve?.thresholds ?? [], golden.precision_recall.thresholds, "thresholds");
    expect(curve?.prevalence).toBe(golden.truth.filter((value) => value === 1).length / golden.truth.length);
  });

  it("calibration_curve (10 uniform bins)", () => {
    const curve = calibrationCurve(golden.scores, positive);
    expectClose(curve.observed, golden.calibration.observed, "observed");
    expectClose(curve.predicted, golden.calibration.predicted, "predicted");
    expect(curve.counts.reduce((sum, count) => sum + count, 0)).toBe(golden.scores.length);
  });
});

describe("curve edge cases", () => {
  it("counts rows at or above each distinct score, highest first", () => {
    expect(thresholdCounts([0.1, 0.4, 0.35, 0.8], (i) => i === 1 || i === 3)).toEqual({
      thresholds: [0.8, 0.4, 0.35, 0.1],
      truePositives: [1, 2, 2, 2],
      falsePositives: [0, 0, 1, 2],
    });
  });

  it("has no ROC curve with one class, and no precision–recall curve without positives", () => {
    expect(rocCurve([0.2, 0.7], () => true)).toEqual({
      curve: undefined,
      reason: "a ROC curve needs both classes in the truth; only one is present",
    });
    expect(precisionRecallCurve([0.2, 0.7], () => false).curve).toBeUndefined();
  });

  it("puts a probability on an inner bin edge in the lower bin", () => {
    const curve = calibrationCurve([0.1, 0.15, 0.8, 0.9], (i) => i >= 2, 2);
    expect(curve.observed).toEqual([0, 1]);
    expectClose(curve.predicted, [0.125, 0.85], "predicted");
    expect(curve.counts).toEqual([2, 2]);
    expect(calibrationCurve([0.5, 0.5000001], () => true, 2).counts).toEqual([1, 1]);
  });
});
