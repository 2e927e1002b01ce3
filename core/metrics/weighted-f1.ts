import { perClassScores } from "./class-scores.ts";
import type { Confusion } from "./types.ts";

/**
 * Weighted F1: per-class F1 averaged with the true counts as weights, as scikit-learn's
 * `f1_score(average="weighted")`. O(k²). NaN when there are no rows.
 * Example: counts [[2, 0], [1, 1]] → (3 · 0.8 + 1 · 0.6666666666666666 · …) / 4.
 */
export function weightedF1(confusion: Confusion): number {
  let sum = 0;
  let weight = 0;
  for (const score of perClassScores(confusion)) {
    sum += score.f1 * score.support;
    weight += score.support;
  }
  return weight === 0 ? Number.NaN : sum / weight;
}
