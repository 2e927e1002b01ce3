import { confusionMetrics } from "../evaluate/classification-metrics.ts";
import { meanIntervals } from "../evaluate/mean-intervals.ts";
import type { IntervalSettings } from "../evaluate/settings.ts";
import { brierPerRow } from "../metrics/brier.ts";
import { buildConfusion } from "../metrics/confusion-matrix.ts";
import type { ConfusionMetric } from "../metrics/intervals/confusion-bootstrap.ts";
import { delongVarianceBinary, delongVarianceMacro } from "../metrics/intervals/delong.ts";
import { deltaMethodStandardError } from "../metrics/intervals/delta-method.ts";
import { columnMeans, type MeanStatistic, meanOf } from "../metrics/intervals/mean-statistic.ts";
import { normalInterval } from "../metrics/intervals/normal.ts";
import { percentileInterval } from "../metrics/intervals/percentile-interval.ts";
import { regressionStatistics } from "../metrics/intervals/regression-statistics.ts";
import { logLossPerRow } from "../metrics/log-loss.ts";
import { rocAuc } from "../metrics/roc-auc.ts";
import type { ClassificationData, RegressionData } from "../metrics/types.ts";
import { confusionDeltaReplicates } from "./confusion-delta.ts";
import { pairedAucDifferenceVariance } from "./paired-delong.ts";

/** How the interval of a delta was computed; said next to it in every report. */
export type IntervalMethod =
  | "paired bootstrap"
  | "paired delta method"
  | "paired DeLong"
  | "unpaired bootstrap"
  | "unpaired delta method"
  | "unpaired DeLong"
  | "unpaired normal approximation";

/** A metric recomputed from both predictions files, and the interval of head − base. */
export interface DeltaInterval {
  base: number | null;
  head: number | null;
  interval: [number, number] | null;
  method: IntervalMethod | null;
  paired: boolean;
}

/** Two sides of a comparison, encoded with a shared label set; `paired` when the rows align. */
export interface EncodedPair<T> {
  base: T;
  head: T;
  paired: boolean;
}

/**
 * Intervals of head − base for every classification metric Almanac computes: confusion-matrix
 * metrics by a multinomial bootstrap (paired: over the joint truth × base × head table),
 * ROC AUC by DeLong (paired: correlated AUCs), log loss and Brier as mean statistics (row
 * bootstrap, or the delta method past the draw budget). Pure and deterministic for the
 * settings' seed.
 */
export function classificationDeltas(
  pair: EncodedPair<ClassificationData>,
  settings: IntervalSettings,
): Record<string, DeltaInterval> {
  const { base, head, paired } = pair;
  const out: Record<string, DeltaInterval> = {};
  const byName = confusionMetrics(base);
  const names = Object.keys(byName);
  const metrics = names.map((name) => byName[name] as ConfusionMetric);
  const replicates = confusionDeltaReplicates(base, head, paired, metrics, settings);
  const k = base.labels.length;
  const confusions = [buildConfusion(base.truth, base.predicted, k), buildConfusion(head.truth, head.predicted, k)];
  names.forEach((name, i) => {
    const metric = metrics[i] as ConfusionMetric;
    const values = confusions.map((confusion) => finiteOrNull(metric(confusion)));
    const interval = percentileInterval(replicates[i] as Float64Array, settings.confidence);
    out[name] = {
      base: values[0] ?? null,
      head: values[1] ?? null,
      interval,
      method: interval ? (paired ? "paired bootstrap" : "unpaired bootstrap") : null,
      paired,
    };
  });
  out.roc_auc = aucDelta(pair, settings);
  Object.assign(out, meanDeltas(probabilityStatistics(base), probabilityStatistics(head), paired, settings));
  return out;
}

/** Intervals of head − base for MAE, RMSE, R² and MAPE (mean statistics). Pure. */
export function regressionDeltas(
  pair: EncodedPair<RegressionData>,
  settings: IntervalSettings,
): Record<string, DeltaInterval> {
  return meanDeltas(regressionStatistics(pair.base), regressionStatistics(pair.head), pair.paired, settings);
}

function probabilityStatistics(data: ClassificationData): Record<string, MeanStatistic> {
  const statistics: Record<string, MeanStatistic> = {};
  const losses = logLossPerRow(data);
  if (losses) statistics.log_loss = meanOf(losses);
  const squares = data.positive !== null ? brierPerRow(data) : null;
  if (squares) statistics.brier = meanOf(squares);
  return statistics;
}

function aucDelta(pair: EncodedPair<ClassificationData>, settings: IntervalSettings): DeltaInterval {
  const { base, head, paired } = pair;
  const values = [rocAuc(base).value, rocAuc(head).value];
  const result = { base: values[0] ?? null, head: values[1] ?? null, paired };
  if (result.base === null || result.head === null) return { ...result, interval: null, method: null };
  const variance = paired ? pairedAucDifferenceVariance(base, head) : aucVariance(base) + aucVariance(head);
  const interval = normalInterval(result.head - result.base, Math.sqrt(variance), settings.confidence);
  return { ...result, interval, method: interval ? (paired ? "paired DeLong" : "unpaired DeLong") : null };
}

function aucVariance(data: ClassificationData): number {
  const positive = data.positive;
  return positive !== null && data.positiveScores
    ? delongVarianceBinary(data.positiveScores, (i) => data.truth[i] === positive)
    : delongVarianceMacro(data);
}

/**
 * Mean statistics of both sides. Paired: one statistic f_head(means) − f_base(means) over
 * the columns of both models on the same rows, so the bootstrap (or delta method) sees their
 * correlation. Unpaired: independent standard errors, added in quadrature.
 */
function meanDeltas(
  base: Record<string, MeanStatistic>,
  head: Record<string, MeanStatistic>,
  paired: boolean,
  settings: IntervalSettings,
): Record<string, DeltaInterval> {
  const out: Record<string, DeltaInterval> = {};
  const names = Object.keys(base).filter((name) => name in head);
  const values = (statistic: MeanStatistic) => finiteOrNull(statistic.value(columnMeans(statistic.columns)));
  if (paired) {
    const differences: Record<string, MeanStatistic> = {};
    for (const name of names) differences[name] = difference(base[name] as MeanStatistic, head[name] as MeanStatistic);
    const rows = (Object.values(base)[0]?.columns[0] as Float64Array | undefined)?.length ?? 0;
    const intervals = meanIntervals(differences, rows, settings);
    for (const name of names) {
      const interval = intervals[name]?.ci ?? null;
      const method = intervals[name]?.method === "bootstrap" ? "paired bootstrap" : "paired delta method";
      out[name] = {
        base: values(base[name] as MeanStatistic),
        head: values(head[name] as MeanStatistic),
        interval,
        method: interval ? method : null,
        paired,
      };
    }
    return out;
  }
  for (const name of names) {
    const [b, h] = [base[name] as MeanStatistic, head[name] as MeanStatistic];
    const [vb, vh] = [values(b), values(h)];
    const se = Math.hypot(deltaMethodStandardError(b), deltaMethodStandardError(h));
    const interval = vb === null || vh === null ? null : normalInterval(vh - vb, se, settings.confidence);
    out[name] = { base: vb, head: vh, interval, method: interval ? "unpaired delta method" : null, paired };
  }
  return out;
}

/** The statistic f_head − f_base over the concatenated columns of both sides. */
export function difference(base: MeanStatistic, head: MeanStatistic): MeanStatistic {
  const split = base.columns.length;
  return {
    columns: [...base.columns, ...head.columns],
    value: (means) => head.value(Array.from(means).slice(split)) - base.value(Array.from(means).slice(0, split)),
    gradient: (means) => {
      const all = Array.from(means);
      return [...base.gradient(all.slice(0, split)).map((g) => -g), ...head.gradient(all.slice(split))];
    },
  };
}

function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}
