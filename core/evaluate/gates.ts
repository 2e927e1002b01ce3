import type { Evaluation, GateResult } from "../schemas/evaluation.ts";
import { findMetric } from "../schemas/metrics.ts";
import type { Gate } from "../schemas/model-card.ts";
import { formatNumber, formatWithInterval } from "./format.ts";

/** A metric's value as gates see it. */
export interface GateValue {
  value: number | null;
  ci: [number, number] | null;
  reason?: string;
}

const FAIRNESS_KEYS = [
  "demographic_parity_difference",
  "demographic_parity_ratio",
  "equalized_odds_difference",
  "primary_metric_gap",
] as const;

/**
 * The value a gate checks: a headline metric, or a fairness metric taken at its worst over the
 * sensitive columns (the largest difference or gap, the smallest ratio).
 */
export function gateValue(name: string, evaluation: Pick<Evaluation, "metrics" | "fairness">): GateValue {
  const metric = evaluation.metrics[name];
  if (metric) return { value: metric.value, ci: metric.ci, reason: metric.reason };
  if (!(FAIRNESS_KEYS as readonly string[]).includes(name))
    return { value: null, ci: null, reason: "not computed for this task" };
  const values = Object.values(evaluation.fairness)
    .map((column) => column[name as (typeof FAIRNESS_KEYS)[number]])
    .filter((value): value is number => typeof value === "number");
  if (values.length === 0)
    return { value: null, ci: null, reason: "no sensitive column gives a value (dataset.sensitive)" };
  const higherIsBetter = findMetric(name)?.higherIsBetter ?? false;
  return { value: higherIsBetter ? Math.min(...values) : Math.max(...values), ci: null };
}

/** A baseline evaluation for max_drop gates, and how to name it in messages. */
export interface Baseline {
  evaluation: Pick<Evaluation, "metrics" | "fairness"> | null;
  /** e.g. "main" or "baseline.json"; null when no baseline was given. */
  label: string | null;
  /** Why there is no evaluation, e.g. "no evaluation at main" (a new model). */
  note?: string;
}

/**
 * Checks every gate of the card: `min` and `max` on the value, `max_drop` against the baseline,
 * direction-aware (a drop is baseline − value when higher is better, value − baseline when lower
 * is better). An undefined value fails its gate; a max_drop without a baseline is not checkable
 * (passed null).
 */
export function checkGates(
  gates: Record<string, Gate>,
  evaluation: Pick<Evaluation, "metrics" | "fairness">,
  baseline: Baseline,
): GateResult[] {
  const results: GateResult[] = [];
  for (const [metric, gate] of Object.entries(gates)) {
    const current = gateValue(metric, evaluation);
    if (gate.min !== undefined) results.push(boundGate(metric, "min", gate.min, current));
    if (gate.max !== undefined) results.push(boundGate(metric, "max", gate.max, current));
    if (gate.max_drop !== undefined) results.push(dropGate(metric, gate.max_drop, current, baseline));
  }
  return results;
}

function boundGate(metric: string, kind: "min" | "max", bound: number, current: GateValue): GateResult {
  const base = { metric, kind, bound, value: current.value, ci: current.ci };
  if (current.value === null)
    return {
      ...base,
      passed: false,
      message: `${metric} is undefined (${current.reason ?? "not computed"}); the gate ${kind} ${bound} cannot pass`,
    };
  const passed = kind === "min" ? current.value >= bound : current.value <= bound;
  const relation = kind === "min" ? (passed ? "≥" : "<") : passed ? "≤" : ">";
  return {
    ...base,
    passed,
    message: `${metric} ${formatWithInterval(current.value, current.ci)} ${relation} ${bound} (${kind})`,
  };
}

/**
 * Why a max_drop gate went unchecked when no baseline was given. Stored in evaluation.json and
 * shown on the site, so it names no command-line flag; the CLI adds the flags (renderGates).
 */
export const NO_BASELINE = "no baseline evaluation";

function dropGate(metric: string, allowed: number, current: GateValue, baseline: Baseline): GateResult {
  const base = { metric, kind: "max_drop" as const, bound: allowed, value: current.value, ci: current.ci };
  if (!baseline.evaluation)
    return {
      ...base,
      baseline: null,
      passed: null,
      message: `${metric} max_drop ${allowed} not checked: ${baseline.note ?? NO_BASELINE}`,
    };
  const previous = gateValue(metric, baseline.evaluation).value;
  if (previous === null)
    return {
      ...base,
      baseline: null,
      passed: null,
      message: `${metric} max_drop ${allowed} not checked: the baseline (${baseline.label}) has no value`,
    };
  if (current.value === null)
    return {
      ...base,
      baseline: previous,
      passed: false,
      message: `${metric} is undefined (${current.reason ?? "not computed"}); the gate max_drop ${allowed} cannot pass`,
    };
  const higherIsBetter = findMetric(metric)?.higherIsBetter ?? true;
  const drop = higherIsBetter ? previous - current.value : current.value - previous;
  const passed = drop <= allowed + 1e-12;
  const change = drop > 0 ? `worsened by ${formatNumber(drop)}` : `improved by ${formatNumber(-drop)}`;
  return {
    ...base,
    baseline: previous,
    passed,
    message: `${metric} ${change} from ${formatNumber(previous)} (${baseline.label}) to ${formatWithInterval(current.value, current.ci)}; allowed drop ${allowed}`,
  };
}
