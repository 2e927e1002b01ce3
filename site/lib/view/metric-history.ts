import type { Evaluation } from "../../../core/schemas/evaluation.ts";
import type { HistoryEvent } from "../../../core/schemas/history.ts";
import { findMetric } from "../../../core/schemas/metrics.ts";

/** The metrics of one evaluated model version. */
export interface VersionMetrics {
  version: string;
  /** Date of the evaluation commit; undefined for an evaluation not yet committed. */
  date: string | undefined;
  values: Record<string, number>;
  /** Intervals, known for the current evaluation only (history keeps values). */
  intervals: Record<string, [number, number]>;
}

/** Human label of a metric, e.g. `macro_f1` → "Macro F1"; unknown names stay as they are. */
export function metricLabel(name: string): string {
  return findMetric(name)?.label ?? GROUP_RATE_LABELS[name] ?? name;
}

/** Rates the fairness tables report per group besides the card's metrics (Fairlearn's names). */
const GROUP_RATE_LABELS: Record<string, string> = {
  selection_rate: "Selection rate",
  true_positive_rate: "True positive rate",
  false_positive_rate: "False positive rate",
  false_negative_rate: "False negative rate",
  true_negative_rate: "True negative rate",
};

function currentValues(evaluation: Evaluation): Pick<VersionMetrics, "values" | "intervals"> {
  const values: Record<string, number> = {};
  const intervals: Record<string, [number, number]> = {};
  for (const [name, metric] of Object.entries(evaluation.metrics)) {
    if (metric.value !== null) values[name] = metric.value;
    if (metric.ci) intervals[name] = metric.ci;
  }
  return { values, intervals };
}

/**
 * The model's metrics per version, oldest first: from the `evaluation_changed` events of
 * its history (a re-evaluated version keeps its latest numbers and moves to when it was
 * last evaluated), then the committed evaluation.json, which adds the intervals (or a
 * version the history has not seen yet).
 */
export function metricHistory(eventsNewestFirst: readonly HistoryEvent[], evaluation?: Evaluation): VersionMetrics[] {
  const byVersion = new Map<string, VersionMetrics>();
  for (const event of [...eventsNewestFirst].reverse()) {
    if (event.type !== "evaluation_changed" || !event.metrics) continue;
    const version = event.version ?? event.to ?? "unknown";
    byVersion.delete(version);
    byVersion.set(version, { version, date: event.date, values: { ...event.metrics }, intervals: {} });
  }
  if (evaluation) {
    const version = evaluation.model.version;
    const known = byVersion.get(version);
    const current = currentValues(evaluation);
    if (known) {
      known.values = current.values;
      known.intervals = current.intervals;
    } else {
      byVersion.set(version, { version, date: undefined, ...current });
    }
  }
  return [...byVersion.values()];
}
