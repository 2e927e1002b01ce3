import { describe, expect, it } from "vitest";
import { differenceBetweenGroups, ratioBetweenGroups } from "../../core/metrics/fairness/between-groups.ts";
import { demographicParity } from "../../core/metrics/fairness/demographic-parity.ts";
import { equalizedOddsDifference } from "../../core/metrics/fairness/equalized-odds.ts";
import { errorRates } from "../../core/metrics/fairness/error-rates.ts";
import { groupCodes, groupRows } from "../../core/metrics/fairness/groups.ts";
import { selectionRate } from "../../core/metrics/fairness/selection-rate.ts";

describe("Fairlearn's fairness definitions", () => {
  it("groups rows by value, missing values as the group null", () => {
    expect(groupRows(["a", null, "a"]).map((g) => [g.value, Array.from(g.rows)])).toEqual([
      ["a", [0, 2]],
      ["null", [1]],
    ]);
  });

  it("groups coded rows the same way: sorted by value, a value spelled null with the missing ones", () => {
    const codes = Int32Array.from([2, -1, 0, 1, 2, 1]);
    expect(groupCodes({ codes, values: ["b", "null", "a"] }).map((g) => [g.value, Array.from(g.rows)])).toEqual([
      ["a", [0, 4]],
      ["b", [2]],
      ["null", [1, 3, 5]],
    ]);
    expect(groupCodes({ codes: Int32Array.from([1, 1]), values: ["x", "y"] }).map((g) => g.value)).toEqual(["y"]);
    const values = ["b", null, "a", "null", "a", null];
    expect(groupRows(values)).toEqual([
      { value: "a", rows: Int32Array.from([2, 4]) },
      { value: "b", rows: Int32Array.from([0]) },
      { value: "null", rows: Int32Array.from([1, 3, 5]) },
    ]);
  });

  it("selection rate, TPR and FPR (0/0 → 0 as scikit-learn's normalize='true')", () => {
    expect(selectionRate(Int32Array.from([1, 0, 1, 1]), Int32Array.from([0, 1, 2]), 1)).toBe(2 / 3);
    expect(errorRates(Int32Array.from([1, 1, 0]), Int32Array.from([1, 0, 1]), Int32Array.from([0, 1, 2]), 1)).toEqual({
      truePositiveRate: 0.5,
      falsePositiveRate: 1,
    });
    expect(
      errorRates(Int32Array.from([0, 0]), Int32Array.from([1, 0]), Int32Array.from([0, 1]), 1).truePositiveRate,
    ).toBe(0);
  });

  it("between-group difference and ratio", () => {
    expect(differenceBetweenGroups([0.2, 0.5, 0.4])).toBeCloseTo(0.3, 15);
    expect(ratioBetweenGroups([0.2, 0.5, 0.4])).toBe(0.4);
    expect(ratioBetweenGroups([0, 0])).toBeNull();
  });

  it("demographic parity and equalized odds over groups", () => {
    const truth = Int32Array.from([1, 1, 0, 0, 1, 1, 0, 0]);
    const predicted = Int32Array.from([1, 0, 0, 0, 1, 1, 1, 0]);
    const groups = groupRows(["x", "x", "x", "x", "y", "y", "y", "y"]);
    expect(demographicParity(predicted, groups, 1)).toEqual({ difference: 0.5, ratio: 1 / 3 });
    expect(equalizedOddsDifference(truth, predicted, groups, 1)).toBe(0.5);
  });
});
