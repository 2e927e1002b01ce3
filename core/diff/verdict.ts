import { formatInterval, formatValue } from "./format.ts";
import type { MetricComparison, ModelComparison, ModelVerdict } from "./types.ts";

/**
 * The verdict of one model, in this order: removed; not compared (no head evaluation); a
 * gate failed; new; regressed (a metric's interval is wholly on the worse side, or a
 * fairness gap widened); improved (a metric's interval is wholly on the better side);
 * unchanged within noise. With a one-line summary that says why. Pure.
 */
export function judgeModel(comparison: Omit<ModelComparison, "verdict" | "summary">): {
  verdict: ModelVerdict;
  summary: string;
} {
  const primary = comparison.metrics.find((metric) => metric.primary) ?? comparison.metrics[0];
  if (comparison.status === "removed") {
    return {
      verdict: "removed",
      summary: `removed${comparison.versions.base ? ` (was v${comparison.versions.base})` : ""}`,
    };
  }
  const headValues = comparison.metrics.some((metric) => metric.head !== null);
  if (!headValues) {
    const why = comparison.problems[0] ?? "no head evaluation";
    return { verdict: "not_compared", summary: `not compared: ${why}` };
  }
  const failed = comparison.gates.filter((gate) => gate.passed === false);
  if (failed.length > 0) {
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : "";
    return { verdict: "failed", summary: `gate failed: ${failed[0]?.message}${more}` };
  }
  if (comparison.status === "added") {
    const headline = primary ? `${primary.metric} ${formatValue(primary.head)}` : "no metrics";
    return { verdict: "new", summary: `new model: ${headline}` };
  }
  const regressed = comparison.metrics.filter((metric) => metric.verdict === "regressed");
  const widened = comparison.fairness.filter((gap) => gap.verdict === "widened");
  if (regressed.length > 0) return { verdict: "regressed", summary: describe(pick(regressed, primary), "regressed") };
  if (widened.length > 0) {
    const gap = widened[0];
    return {
      verdict: "regressed",
      summary: `${gap?.column} ${gap?.measure} widened: ${formatValue(gap?.base ?? null)} → ${formatValue(gap?.head ?? null)}`,
    };
  }
  const improved = comparison.metrics.filter((metric) => metric.verdict === "improved");
  if (improved.length > 0) return { verdict: "improved", summary: describe(pick(improved, primary), "improved") };
  if (!primary || primary.verdict === "not_compared") {
    return { verdict: "not_compared", summary: `not compared: ${comparison.problems[0] ?? "no base evaluation"}` };
  }
  return { verdict: "unchanged", summary: describe(primary, "unchanged within noise") };
}

function pick(metrics: readonly MetricComparison[], primary: MetricComparison | undefined): MetricComparison {
  return metrics.find((metric) => metric === primary) ?? (metrics[0] as MetricComparison);
}

/** `accuracy improved: 0.91 → 0.93 (+0.02, 95% paired interval [+0.01, +0.03])`. Pure. */
export function describe(metric: MetricComparison, word: string): string {
  const change = `${formatValue(metric.base)} → ${formatValue(metric.head)}`;
  return `${metric.metric} ${word}: ${change} (${formatValue(metric.delta, true)}${intervalPhrase(metric)})`;
}

/** `, paired interval [+0.01, +0.03]`, or `, no interval`. */
export function intervalPhrase(metric: MetricComparison): string {
  if (!metric.interval) return ", no interval";
  return `, ${metric.paired ? "paired" : "unpaired"} interval ${formatInterval(metric.interval)}`;
}
