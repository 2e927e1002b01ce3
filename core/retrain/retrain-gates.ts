import type { MetricComparison } from "../diff/types.ts";
import { formatNumber } from "../evaluate/format.ts";
import type { RetrainGate } from "../schemas/model-card.ts";

/** One retraining gate judged on the paired comparison with the production model. */
export interface RetrainGateResult {
  metric: string;
  max_drop: number;
  judged_on: "interval" | "estimate";
  /** retrained − production, turned so that positive is better. */
  change: number | null;
  /** The interval of the same, turned likewise. */
  interval: [number, number] | null;
  passed: boolean;
  message: string;
}

/**
 * Checks the card's `retraining.gates` on the comparison of the retrained model with the
 * production model on the same rows. The change is turned so that positive is better (the metric's
 * direction); with `judged_on: interval` the worse end of its interval must be ≥ −max_drop (a
 * non-inferiority test at the card's confidence), with `estimate` the change itself. A metric
 * without a value or interval fails its gate, saying why. Pure.
 */
export function checkRetrainGates(
  gates: Record<string, RetrainGate>,
  metrics: readonly MetricComparison[],
): RetrainGateResult[] {
  return Object.entries(gates).map(([metric, gate]) => {
    const compared = metrics.find((entry) => entry.metric === metric);
    const base = { metric, max_drop: gate.max_drop, judged_on: gate.judged_on };
    if (!compared || compared.delta === null)
      return {
        ...base,
        change: null,
        interval: null,
        passed: false,
        message: `${metric}: not compared (no value on one side)`,
      };
    const sign = compared.higherIsBetter ? 1 : -1;
    const change = sign * compared.delta;
    const turned = compared.interval ? [sign * compared.interval[0], sign * compared.interval[1]] : null;
    const interval: [number, number] | null = turned
      ? [Math.min(turned[0] as number, turned[1] as number), Math.max(turned[0] as number, turned[1] as number)]
      : null;
    if (gate.judged_on === "interval" && !interval)
      return { ...base, change, interval, passed: false, message: `${metric}: no paired interval to judge on` };
    const judged = gate.judged_on === "interval" ? (interval as [number, number])[0] : change;
    const passed = judged >= -gate.max_drop;
    const what =
      gate.judged_on === "interval"
        ? `the worse end of the paired interval of the change is ${signed(judged)}`
        : `the change is ${signed(judged)}`;
    return {
      ...base,
      change,
      interval,
      passed,
      message: `${metric}: ${what} (${compared.higherIsBetter ? "higher" : "lower"} is better), ${passed ? "within" : "beyond"} the allowed drop of ${formatNumber(gate.max_drop)}`,
    };
  });
}

function signed(value: number): string {
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value);
}
