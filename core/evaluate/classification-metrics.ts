import { accuracy } from "../metrics/accuracy.ts";
import { balancedAccuracy } from "../metrics/balanced-accuracy.ts";
import { brierOfRows, brierPerRow } from "../metrics/brier.ts";
import { buildConfusion } from "../metrics/confusion-matrix.ts";
import { f1 } from "../metrics/f1.ts";
import { bootstrapConfusion, type ConfusionMetric } from "../metrics/intervals/confusion-bootstrap.ts";
import { delongBinary, delongMacro } from "../metrics/intervals/delong.ts";
import { type MeanStatistic, meanOf } from "../metrics/intervals/mean-statistic.ts";
import { normalInterval } from "../metrics/intervals/normal.ts";
import { percentileInterval } from "../metrics/intervals/percentile-interval.ts";
import { createRandom } from "../metrics/intervals/prng.ts";
import { logLossOfRows, logLossPerRow } from "../metrics/log-loss.ts";
import { macroF1 } from "../metrics/macro-f1.ts";
import { precision } from "../metrics/precision.ts";
import { recall } from "../metrics/recall.ts";
import { rocAuc } from "../metrics/roc-auc.ts";
import type { ClassificationData, MetricOutcome } from "../metrics/types.ts";
import { weightedF1 } from "../metrics/weighted-f1.ts";
import type { MetricValue } from "../schemas/evaluation.ts";
import { meanIntervals } from "./mean-intervals.ts";
import { type IntervalSettings, STREAM_CONFUSION } from "./settings.ts";

/** The confusion-matrix metrics of a task, by name, in report order. */
export function confusionMetrics(data: ClassificationData): Record<string, ConfusionMetric> {
  const metrics: Record<string, ConfusionMetric> = { accuracy, balanced_accuracy: balancedAccuracy };
  const positive = data.positive;
  if (positive !== null) {
    metrics.precision = (confusion) => precision(confusion, positive);
    metrics.recall = (confusion) => recall(confusion, positive);
    metrics.f1 = (confusion) => f1(confusion, positive);
  }
  metrics.macro_f1 = macroF1;
  metrics.weighted_f1 = weightedF1;
  return metrics;
}

/**
 * Every headline classification metric with its interval: confusion-matrix metrics by the
 * multinomial bootstrap, ROC AUC by DeLong, log loss and Brier by the row bootstrap (or the
 * delta method on large data). Deterministic for the same data and settings.
 */
export function classificationMetrics(
  data: ClassificationData,
  settings: IntervalSettings,
): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = {};
  const confusion = buildConfusion(data.truth, data.predicted, data.labels.length);
  const byName = confusionMetrics(data);
  const names = Object.keys(byName);
  const replicates = bootstrapConfusion(
    confusion,
    names.map((name) => byName[name] as ConfusionMetric),
    settings.resamples,
    createRandom(settings.seed, STREAM_CONFUSION),
  );
  names.forEach((name, i) => {
    const value = (byName[name] as ConfusionMetric)(confusion);
    const ci = percentileInterval(replicates[i] as Float64Array, settings.confidence);
    out[name] = { value, ci, method: ci ? "bootstrap" : "none" };
  });
  out.roc_auc = rocAucWithInterval(data, settings);
  Object.assign(out, probabilityMetrics(data, settings));
  return out;
}

function rocAucWithInterval(data: ClassificationData, settings: IntervalSettings): MetricValue {
  const positive = data.positive;
  let value: number;
  let variance: number;
  if (positive !== null) {
    const binary = data.positiveScores ? delongBinary(data.positiveScores, (i) => data.truth[i] === positive) : null;
    if (!binary) return { value: null, ci: null, method: "none", reason: rocAuc(data).reason ?? "undefined" };
    value = binary.auc;
    variance = binary.variance;
  } else {
    const macro = delongMacro(data);
    if (!macro) {
      const outcome = rocAuc(data);
      return { value: null, ci: null, method: "none", reason: outcome.reason ?? "undefined" };
    }
    value = macro.auc;
    variance = macro.variance;
  }
  const ci = normalInterval(value, Math.sqrt(variance), settings.confidence);
  if (!ci) return { value, ci: null, method: "none", reason: "DeLong needs two rows of each class" };
  return { value, ci: [Math.max(0, ci[0]), Math.min(1, ci[1])], method: "delong" };
}

function probabilityMetrics(data: ClassificationData, settings: IntervalSettings): Record<string, MetricValue> {
  const losses = logLossPerRow(data);
  const outcomes: Record<string, MetricOutcome> = { log_loss: logLossOfRows(losses) };
  const statistics: Record<string, MeanStatistic> = {};
  if (losses) statistics.log_loss = meanOf(losses);
  if (data.positive !== null) {
    const squares = brierPerRow(data);
    outcomes.brier = brierOfRows(squares);
    if (squares) statistics.brier = meanOf(squares);
  }
  const intervals = meanIntervals(statistics, data.truth.length, settings);
  const out: Record<string, MetricValue> = {};
  for (const [name, outcome] of Object.entries(outcomes)) {
    out[name] =
      outcome.value === null
        ? { value: null, ci: null, method: "none", reason: outcome.reason }
        : { value: outcome.value, ...(intervals[name] ?? { ci: null, method: "none" }) };
  }
  return out;
}
