import { totalCount } from "./confusion-matrix.ts";
import type { Confusion } from "./types.ts";

/**
 * Accuracy: the share of rows whose predicted class equals the true class, as scikit-learn's
 * `accuracy_score` (https://scikit-learn.org/stable/modules/model_evaluation.html#accuracy-score).
 * O(k²) from the confusion matrix. NaN for an empty matrix.
 * Example: counts [[1, 0], [1, 1]] → 0.6666666666666666.
 */
export function accuracy(confusion: Confusion): number {
  const { k, counts } = confusion;
  let correct = 0;
  for (let c = 0; c < k; c++) correct += counts[c * k + c] as number;
  return correct / totalCount(confusion);
}
