import { describe, expect, it } from "vitest";
import { brier } from "../../core/metrics/brier.ts";
import { LOG_LOSS_EPSILON, logLoss } from "../../core/metrics/log-loss.ts";
import { rocAuc, rocAucBinary } from "../../core/metrics/roc-auc.ts";
import type { ClassificationData } from "../../core/metrics/types.ts";

function binary(truth: number[], scores: number[] | null, positive = 1): ClassificationData {
  return {
    labels: ["a", "b"],
    truth: Int32Array.from(truth),
    predicted: Int32Array.from(truth),
    probabilities: null,
    positive,
    positiveScores: scores ? Float64Array.from(scores) : null,
  };
}

describe("ROC AUC", () => {
  it("counts ties as one half", () => {
    const truth = [0, 0, 1, 1];
    expect(rocAucBinary([0.1, 0.4, 0.4, 0.8], (i) => truth[i] === 1)).toEqual({ value: 0.875 });
    expect(rocAucBinary([0.5, 0.5, 0.5, 0.5], (i) => truth[i] === 1)).toEqual({ value: 0.5 });
  });

  it("is undefined with one class or without probabilities, with a reason", () => {
    expect(rocAucBinary([0.1, 0.2], () => true)).toEqual({
      value: null,
      reason: "ROC AUC needs both classes in the truth; only one is present",
    });
    expect(rocAuc(binary([0, 1], null))).toEqual({
      value: null,
      reason: "no probability for the positive class (p_<class> column)",
    });
  });

  it("multiclass is the macro one-vs-rest mean, undefined when a class has no true row", () => {
    const data: ClassificationData = {
      labels: ["a", "b", "c"],
      truth: Int32Array.from([0, 1, 2, 0]),
      predicted: Int32Array.from([0, 1, 2, 0]),
      probabilities: Float64Array.from([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.6, 0.3, 0.1]),
      positive: null,
      positiveScores: null,
    };
    expect(rocAuc(data)).toEqual({ value: 1 });
    expect(rocAuc({ ...data, truth: Int32Array.from([0, 1, 1, 0]) }).value).toBeNull();
  });
});

describe("log loss and Brier", () => {
  it("log loss from the positive column alone, positive class last", () => {
    expect(logLoss(binary([1, 0], [0.9, 0.2])).value).toBeCloseTo((-Math.log(0.9) - Math.log(0.8)) / 2, 15);
  });

  it("log loss with the positive class first mirrors scikit-learn's one-dimensional input", () => {
    expect(logLoss(binary([0, 1], [0.9, 0.2], 0)).value).toBeCloseTo((-Math.log(0.9) - Math.log(0.8)) / 2, 15);
  });

  it("clips probabilities of 0 and 1 to machine epsilon", () => {
    expect(logLoss(binary([1], [0])).value).toBeCloseTo(-Math.log(LOG_LOSS_EPSILON), 12);
  });

  it("Brier score of the positive class", () => {
    expect(brier(binary([1, 0], [0.9, 0.2])).value).toBeCloseTo(0.025, 15);
    expect(brier(binary([1, 0], null)).value).toBeNull();
  });
});
