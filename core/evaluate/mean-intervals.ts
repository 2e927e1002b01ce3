import { deltaMethodStandardError } from "../metrics/intervals/delta-method.ts";
import { columnMeans, type MeanStatistic } from "../metrics/intervals/mean-statistic.ts";
import { normalInterval } from "../metrics/intervals/normal.ts";
import { percentileInterval } from "../metrics/intervals/percentile-interval.ts";
import { createRandom } from "../metrics/intervals/prng.ts";
import { bootstrapRows } from "../metrics/intervals/row-bootstrap.ts";
import type { MetricValue } from "../schemas/evaluation.ts";
import { type IntervalSettings, ROW_BOOTSTRAP_MAX_DRAWS, STREAM_ROWS } from "./settings.ts";

type Interval = Pick<MetricValue, "ci" | "method">;

/**
 * Intervals of mean statistics by name: a row percentile bootstrap (all statistics on the same
 * draws, stream {@link STREAM_ROWS}) while n · B ≤ {@link ROW_BOOTSTRAP_MAX_DRAWS}, else the
 * delta-method normal interval.
 */
export function meanIntervals(
  statistics: Record<string, MeanStatistic>,
  rows: number,
  settings: IntervalSettings,
): Record<string, Interval> {
  const names = Object.keys(statistics);
  const out: Record<string, Interval> = {};
  if (names.length === 0 || rows === 0) return out;
  if (rows * settings.resamples <= ROW_BOOTSTRAP_MAX_DRAWS) {
    const random = createRandom(settings.seed, STREAM_ROWS);
    const replicates = bootstrapRows(
      names.map((name) => statistics[name] as MeanStatistic),
      settings.resamples,
      random,
    );
    names.forEach((name, i) => {
      const ci = percentileInterval(replicates[i] as Float64Array, settings.confidence);
      out[name] = { ci, method: ci ? "bootstrap" : "none" };
    });
    return out;
  }
  for (const name of names) {
    const statistic = statistics[name] as MeanStatistic;
    const se = deltaMethodStandardError(statistic);
    const ci = normalInterval(statistic.value(columnMeans(statistic.columns)), se, settings.confidence);
    out[name] = { ci, method: ci ? "normal" : "none" };
  }
  return out;
}
