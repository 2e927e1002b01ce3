import type { Evaluation } from "../schemas/evaluation.ts";
import { SAME_VALUE_TOLERANCE } from "./metrics-diff.ts";
import type { FairnessComparison } from "./types.ts";

/**
 * Changes of a between-group measure smaller than this are "unchanged": evaluation.json
 * carries no interval for gaps, so a tiny movement must not be called a regression.
 */
export const GAP_TOLERANCE = 0.01;

/** Between-group measures of a fairness column, with whether a larger value is better. */
const MEASURES = [
  { measure: "primary_metric_gap", higherIsBetter: false },
  { measure: "demographic_parity_difference", higherIsBetter: false },
  { measure: "demographic_parity_ratio", higherIsBetter: true },
  { measure: "equalized_odds_difference", higherIsBetter: false },
] as const;

/**
 * Between-group measures of every sensitive column at base and head. A gap that grows (or a
 * ratio that shrinks) by more than {@link GAP_TOLERANCE} is `widened`: a regression, even when
 * the headline metric improved. Measures absent at both refs are left out. Pure.
 */
export function compareFairness(base: Evaluation | undefined, head: Evaluation | undefined): FairnessComparison[] {
  const columns = new Set([...Object.keys(base?.fairness ?? {}), ...Object.keys(head?.fairness ?? {})]);
  const out: FairnessComparison[] = [];
  for (const column of [...columns].sort()) {
    for (const { measure, higherIsBetter } of MEASURES) {
      const read = (evaluation: Evaluation | undefined) => {
        const value = (evaluation?.fairness[column] as Record<string, unknown> | undefined)?.[measure];
        return typeof value === "number" ? value : null;
      };
      const [b, h] = [read(base), read(head)];
      if (b === null && h === null) continue;
      const delta = b !== null && h !== null ? h - b : null;
      out.push({ column, measure, higherIsBetter, base: b, head: h, delta, verdict: judgeGap(delta, higherIsBetter) });
    }
  }
  return out;
}

function judgeGap(delta: number | null, higherIsBetter: boolean): FairnessComparison["verdict"] {
  if (delta === null) return "not_compared";
  if (Math.abs(delta) <= GAP_TOLERANCE + SAME_VALUE_TOLERANCE) return "unchanged";
  return delta > 0 === higherIsBetter ? "narrowed" : "widened";
}
