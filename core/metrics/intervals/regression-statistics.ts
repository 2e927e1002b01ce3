import { absoluteErrors } from "../mae.ts";
import { absolutePercentageErrors } from "../mape.ts";
import { squaredErrors } from "../rmse.ts";
import type { RegressionData } from "../types.ts";
import { type MeanStatistic, meanOf, rootMeanOf, rSquaredOf } from "./mean-statistic.ts";

/**
 * MAE, RMSE, R² and MAPE as mean statistics of per-row columns (the metric library's own
 * building blocks), ready for a bootstrap or delta-method interval of one evaluation
 * (core/evaluate) or of a paired or unpaired delta (core/diff). R² centres the truth first,
 * which leaves R² unchanged and keeps the resampled variance free of cancellation. Pure.
 */
export function regressionStatistics(data: RegressionData): Record<string, MeanStatistic> {
  const n = data.truth.length;
  if (n === 0) return {};
  const squares = squaredErrors(data);
  let total = 0;
  for (const value of data.truth) total += value;
  const average = total / n;
  const centred = new Float64Array(n);
  const centredSquares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    centred[i] = (data.truth[i] as number) - average;
    centredSquares[i] = (centred[i] as number) ** 2;
  }
  return {
    mae: meanOf(absoluteErrors(data)),
    rmse: rootMeanOf(squares),
    r2: rSquaredOf(squares, centred, centredSquares),
    mape: meanOf(absolutePercentageErrors(data)),
  };
}
