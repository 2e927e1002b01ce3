import { normalInterval, normalQuantile } from "../metrics/intervals/normal.ts";
import type { Evaluation, MetricValue } from "../schemas/evaluation.ts";
import { findMetric, METRIC_NAMES } from "../schemas/metrics.ts";
import type { DeltaInterval } from "./delta-intervals.ts";
import type { MetricComparison, MetricVerdict } from "./types.ts";

/** Values that differ by less than this are the same number (float noise). */
export const SAME_VALUE_TOLERANCE = 1e-9;

/** Inputs of {@link compareMetrics}. */
export interface MetricInputs {
  base: Evaluation | undefined;
  head: Evaluation | undefined;
  primary: string | null;
  confidence: number;
  /** Intervals recomputed from both predictions files, by metric; null when not available. */
  deltas: Record<string, DeltaInterval> | null;
  /** Why there are no predictions-based intervals (shown as the note). */
  deltasProblem: string | undefined;
}

/**
 * Every metric of either evaluation at base and head, primary first then in METRICS order:
 * values from the committed evaluation.json files, the interval of the delta from the
 * predictions (paired or unpaired) or, failing that, from the two reported intervals
 * (unpaired normal approximation), and a direction-aware verdict. Pure.
 */
export function compareMetrics(inputs: MetricInputs): MetricComparison[] {
  const names = new Set([...Object.keys(inputs.base?.metrics ?? {}), ...Object.keys(inputs.head?.metrics ?? {})]);
  const order = (name: string) =>
    name === inputs.primary ? -1 : METRIC_NAMES.indexOf(name) === -1 ? 1000 : METRIC_NAMES.indexOf(name);
  return [...names]
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((name) => compareMetric(name, inputs));
}

function compareMetric(name: string, inputs: MetricInputs): MetricComparison {
  const definition = findMetric(name);
  const higherIsBetter = definition?.higherIsBetter ?? true;
  const baseValue = inputs.base?.metrics[name];
  const headValue = inputs.head?.metrics[name];
  const base = baseValue?.value ?? null;
  const head = headValue?.value ?? null;
  const delta = base !== null && head !== null ? head - base : null;
  const relative = delta !== null && base !== null && base !== 0 ? delta / Math.abs(base) : null;
  const common = { metric: name, label: definition?.label ?? name, higherIsBetter, primary: name === inputs.primary };
  if (delta === null) {
    const note =
      base === null && head === null ? "undefined at both refs" : base === null ? "no base value" : "no head value";
    return {
      ...common,
      base,
      head,
      delta,
      relative,
      interval: null,
      method: null,
      paired: null,
      verdict: "not_compared",
      note,
    };
  }
  const fromPredictions = inputs.deltas?.[name];
  const interval = fromPredictions?.interval ? fromPredictions : reportedInterval(baseValue, headValue, delta, inputs);
  const notes: string[] = [];
  if (fromPredictions?.interval) {
    const stale = disagreement(fromPredictions, base, head);
    if (stale) notes.push(stale);
  } else if (interval.interval) {
    notes.push(`interval from the two reported intervals${inputs.deltasProblem ? ` (${inputs.deltasProblem})` : ""}`);
  } else {
    notes.push(`no interval: ${inputs.deltasProblem ?? "neither evaluation reports one"}`);
  }
  return {
    ...common,
    base,
    head,
    delta,
    relative,
    interval: interval.interval,
    method: interval.method,
    paired: interval.interval ? interval.paired : null,
    verdict: judge(delta, interval.interval, higherIsBetter),
    ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
  };
}

/**
 * Improved or regressed only when the interval excludes 0; unchanged within noise when it
 * contains 0. Without an interval, any non-zero delta is judged by its sign. Pure.
 */
export function judge(delta: number, interval: [number, number] | null, higherIsBetter: boolean): MetricVerdict {
  if (interval) {
    if (interval[0] <= 0 && interval[1] >= 0) return "unchanged";
    return interval[0] > 0 === higherIsBetter ? "improved" : "regressed";
  }
  if (Math.abs(delta) <= SAME_VALUE_TOLERANCE) return "unchanged";
  return delta > 0 === higherIsBetter ? "improved" : "regressed";
}

/** Unpaired normal interval from each side's reported interval: se = width / (2 z). */
function reportedInterval(
  base: MetricValue | undefined,
  head: MetricValue | undefined,
  delta: number,
  inputs: MetricInputs,
): Pick<DeltaInterval, "interval" | "method" | "paired"> {
  const seOf = (value: MetricValue | undefined, confidence: number) => {
    if (!value?.ci) return Number.NaN;
    return (value.ci[1] - value.ci[0]) / (2 * normalQuantile((1 + confidence) / 2));
  };
  const baseConfidence = inputs.base?.provenance.bootstrap.confidence ?? inputs.confidence;
  const headConfidence = inputs.head?.provenance.bootstrap.confidence ?? inputs.confidence;
  const se = Math.hypot(seOf(base, baseConfidence), seOf(head, headConfidence));
  const interval = normalInterval(delta, se, inputs.confidence);
  return { interval, method: interval ? "unpaired normal approximation" : null, paired: false };
}

function disagreement(recomputed: DeltaInterval, base: number | null, head: number | null): string | undefined {
  const off = (a: number | null, b: number | null) => a !== null && b !== null && Math.abs(a - b) > 1e-6;
  if (!off(recomputed.base, base) && !off(recomputed.head, head)) return undefined;
  return "the predictions give different values than evaluation.json (stale evaluation?): the interval comes from the predictions";
}
