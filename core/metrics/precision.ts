import { classScore } from "./class-scores.ts";
import type { Confusion } from "./types.ts";

/**
 * Binary precision `tp / (tp + fp)` of the positive class, as scikit-learn's
 * `precision_score(average="binary", pos_label=…)`; 0 when nothing is predicted positive
 * (zero_division → 0). O(k²). Example: counts [[1, 1], [0, 2]], positive 1 → 2/3.
 */
export function precision(confusion: Confusion, positive: number): number {
  return classScore(confusion, positive).precision;
}
