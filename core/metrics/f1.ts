import { classScore } from "./class-scores.ts";
import type { Confusion } from "./types.ts";

/**
 * Binary F1 of the positive class, `2PR / (P + R)`, as scikit-learn's
 * `f1_score(average="binary", pos_label=…)` (0 when P + R is 0). O(k²).
 * Example: counts [[1, 1], [0, 2]], positive 1 → 0.8.
 */
export function f1(confusion: Confusion, positive: number): number {
  return classScore(confusion, positive).f1;
}
