import type { Evaluation } from "../schemas/evaluation.ts";
import { findMetric } from "../schemas/metrics.ts";
import type { Gate } from "../schemas/model-card.ts";
import { formatValue } from "./format.ts";
import type { GateCheck } from "./types.ts";

/** Slack for comparing a value to a bound (float noise must not fail a gate). */
export const GATE_TOLERANCE = 1e-12;

/**
 * A metric's value for a gate: the headline metric, or for a between-group measure
 * (primary_metric_gap, demographic parity, equalized odds) the worst value over the
 * sensitive columns. Null when the evaluation has neither. Pure.
 */
export function gateValue(evaluation: Evaluation | undefined, metric: string): number | null {
  if (!evaluation) return null;
  const headline = evaluation.metrics[metric]?.value;
  if (headline !== undefined && headline !== null) return headline;
  const higherIsBetter = findMetric(metric)?.higherIsBetter ?? false;
  const values = Object.values(evaluation.fairness)
    .map((column) => (column as Record<string, unknown>)[metric])
    .filter((value): value is number => typeof value === "number");
  if (values.length === 0) return null;
  return higherIsBetter ? Math.min(...values) : Math.max(...values);
}

/**
 * Checks the head card's gates on the head evaluation: `min` and `max` on the value, and
 * `max_drop` against the base evaluation, direction-aware (a drop is a decrease for metrics
 * where higher is better, an increase otherwise). Point estimates, as MLflow and TFX gate.
 * Not checkable (passed null) without a value, or for max_drop without a base. Pure.
 */
export function checkGates(
  gates: Record<string, Gate>,
  head: Evaluation | undefined,
  base: Evaluation | undefined,
): GateCheck[] {
  const checks: GateCheck[] = [];
  for (const [metric, gate] of Object.entries(gates)) {
    const value = gateValue(head, metric);
    const baseline = gateValue(base, metric);
    if (gate.min !== undefined) checks.push(bound(metric, "min", gate.min, value));
    if (gate.max !== undefined) checks.push(bound(metric, "max", gate.max, value));
    if (gate.max_drop !== undefined) checks.push(maxDrop(metric, gate.max_drop, value, baseline, base !== undefined));
  }
  return checks;
}

function bound(metric: string, kind: "min" | "max", limit: number, value: number | null): GateCheck {
  const base = { metric, kind, bound: limit, value, baseline: null };
  if (value === null)
    return { ...base, passed: null, message: `${metric}: no value to check against ${kind} ${formatValue(limit)}` };
  const passed = kind === "min" ? value >= limit - GATE_TOLERANCE : value <= limit + GATE_TOLERANCE;
  const sign = kind === "min" ? (passed ? "≥" : "<") : passed ? "≤" : ">";
  return { ...base, passed, message: `${metric} ${formatValue(value)} ${sign} ${kind} ${formatValue(limit)}` };
}

function maxDrop(
  metric: string,
  limit: number,
  value: number | null,
  baseline: number | null,
  hasBase: boolean,
): GateCheck {
  const base = { metric, kind: "max_drop" as const, bound: limit, value, baseline };
  if (value === null) return { ...base, passed: null, message: `${metric}: no value to compare with the base` };
  if (baseline === null) {
    const why = hasBase ? `the base evaluation has no ${metric}` : "no base evaluation (new model or none committed)";
    return { ...base, passed: null, message: `${metric} max_drop ${formatValue(limit)} not checked: ${why}` };
  }
  const higherIsBetter = findMetric(metric)?.higherIsBetter ?? true;
  const drop = higherIsBetter ? baseline - value : value - baseline;
  const passed = drop <= limit + GATE_TOLERANCE;
  const change =
    drop > 0 ? `worsened by ${formatValue(drop)}` : `did not worsen (${formatValue(value - baseline, true)})`;
  return {
    ...base,
    passed,
    message: `${metric} ${change} from ${formatValue(baseline)} to ${formatValue(value)} (max_drop ${formatValue(limit)})`,
  };
}
