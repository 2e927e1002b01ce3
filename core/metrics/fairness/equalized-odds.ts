import { differenceBetweenGroups } from "./between-groups.ts";
import { errorRates } from "./error-rates.ts";
import type { Group } from "./groups.ts";

/**
 * Fairlearn's `equalized_odds_difference(method="between_groups", agg="worst_case")`: the larger
 * of the between-group differences of the true positive rate and of the false positive rate
 * (fairlearn/metrics/_fairness_metrics.py). Binary only. O(n).
 * Example: TPRs 0.5 and 1, FPRs 0 and 0.25 → max(0.5, 0.25) = 0.5.
 */
export function equalizedOddsDifference(
  truth: Int32Array,
  predicted: Int32Array,
  groups: readonly Group[],
  positive: number,
): number | null {
  const rates = groups.map((group) => errorRates(truth, predicted, group.rows, positive));
  const tpr = differenceBetweenGroups(rates.map((rate) => rate.truePositiveRate));
  const fpr = differenceBetweenGroups(rates.map((rate) => rate.falsePositiveRate));
  if (tpr === null || fpr === null) return null;
  return Math.max(tpr, fpr);
}
