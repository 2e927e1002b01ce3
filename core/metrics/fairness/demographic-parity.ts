import { differenceBetweenGroups, ratioBetweenGroups } from "./between-groups.ts";
import type { Group } from "./groups.ts";
import { selectionRate } from "./selection-rate.ts";

/**
 * Fairlearn's `demographic_parity_difference` (largest minus smallest group selection rate) and
 * `demographic_parity_ratio` (smallest over largest), method "between_groups"
 * (fairlearn/metrics/_fairness_metrics.py; https://fairlearn.org/main/user_guide/assessment/common_fairness_metrics.html).
 * O(n). Example: group selection rates 0.25 and 0.5 → difference 0.25, ratio 0.5.
 */
export function demographicParity(
  predicted: Int32Array,
  groups: readonly Group[],
  positive: number,
): { difference: number | null; ratio: number | null } {
  const rates = groups.map((group) => selectionRate(predicted, group.rows, positive));
  return { difference: differenceBetweenGroups(rates), ratio: ratioBetweenGroups(rates) };
}
