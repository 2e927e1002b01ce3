import { classScore } from "./class-scores.ts";
import type { Confusion } from "./types.ts";

/**
 * Binary recall `tp / (tp + fn)` of the positive class, as scikit-learn's
 * `recall_score(average="binary", pos_label=…)`; 0 when the truth has no positive row
 * (zero_division → 0). O(k²). Example: counts [[1, 1], [0, 2]], positive 1 → 1.
 */
export function recall(confusion: Confusion, positive: number): number {
  return classScore(confusion, positive).recall;
}
