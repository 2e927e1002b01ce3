import { perClassScores } from "./class-scores.ts";
import type { Confusion } from "./types.ts";

/**
 * Macro F1: the unweighted mean of per-class F1 over the classes present in the truth or the
 * predictions, as scikit-learn's `f1_score(average="macro")`. O(k²).
 * Example: counts [[1, 0], [1, 1]] → (0.6666666666666666 + 0.6666666666666666) / 2.
 */
export function macroF1(confusion: Confusion): number {
  const scores = perClassScores(confusion);
  if (scores.length === 0) return Number.NaN;
  let sum = 0;
  for (const score of scores) sum += score.f1;
  return sum / scores.length;
}
