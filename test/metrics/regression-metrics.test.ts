import { describe, expect, it } from "vitest";
import { mae } from "../../core/metrics/mae.ts";
import { MAPE_EPSILON, mape } from "../../core/metrics/mape.ts";
import { quantileSorted } from "../../core/metrics/quantile.ts";
import { r2 } from "../../core/metrics/r2.ts";
import { residualSummary } from "../../core/metrics/residual-summary.ts";
import { rmse } from "../../core/metrics/rmse.ts";
import { compensatedSum } from "../../core/metrics/sum.ts";

const data = (truth: number[], predicted: number[]) => ({
  truth: Float64Array.from(truth),
  predicted: Float64Array.from(predicted),
});

describe("regression metrics", () => {
  it("MAE, RMSE, MAPE", () => {
    expect(mae(data([3, 5], [2, 7]))).toBe(1.5);
    expect(rmse(data([3, 5], [2, 7]))).toBe(Math.sqrt(2.5));
    expect(mape(data([2, 4], [1, 5]))).toBe(0.375);
    expect(mape(data([0], [1]))).toBe(1 / MAPE_EPSILON);
  });

  it("R² with scikit-learn's finite rules", () => {
    expect(r2(data([1, 2, 3], [1, 2, 4]))).toEqual({ value: 0.5 });
    expect(r2(data([4, 4], [4, 4]))).toEqual({ value: 1 });
    expect(r2(data([4, 4], [3, 4]))).toEqual({ value: 0 });
    expect(r2(data([4], [3])).value).toBeNull();
  });

  it("residual summary and type-7 quantiles", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    const summary = residualSummary(data([1, 2, 3], [0, 2, 5]));
    expect(summary).toMatchObject({ mean: -1 / 3, min: -2, median: 0, max: 1 });
  });

  it("compensated summation keeps small terms", () => {
    expect(compensatedSum([1e16, 1, -1e16])).toBe(1);
  });
});
