import { regressionStatistics } from "../metrics/intervals/regression-statistics.ts";
import { mae } from "../metrics/mae.ts";
import { mape } from "../metrics/mape.ts";
import { r2 } from "../metrics/r2.ts";
import { rmse } from "../metrics/rmse.ts";
import type { RegressionData } from "../metrics/types.ts";
import type { MetricValue } from "../schemas/evaluation.ts";
import { meanIntervals } from "./mean-intervals.ts";
import type { IntervalSettings } from "./settings.ts";

/**
 * MAE, RMSE, R² and MAPE with intervals: a row percentile bootstrap (all four on the same draws),
 * or the delta method on large data. R²'s interval centres the truth first, which leaves R²
 * unchanged and keeps the resampled variance free of cancellation.
 */
export function regressionMetrics(data: RegressionData, settings: IntervalSettings): Record<string, MetricValue> {
  const n = data.truth.length;
  const r2Outcome = r2(data);
  const statistics = regressionStatistics(data);
  if (r2Outcome.value === null) delete statistics.r2;
  const intervals = meanIntervals(statistics, n, settings);
  const withInterval = (name: string, value: number): MetricValue => ({
    value,
    ...(intervals[name] ?? { ci: null, method: "none" }),
  });
  return {
    mae: withInterval("mae", mae(data)),
    rmse: withInterval("rmse", rmse(data)),
    r2:
      r2Outcome.value === null
        ? { value: null, ci: null, method: "none", reason: r2Outcome.reason }
        : withInterval("r2", r2Outcome.value),
    mape: withInterval("mape", mape(data)),
  };
}
