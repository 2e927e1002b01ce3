/**
 * Selection rate: the share of rows predicted as the positive class, Fairlearn's
 * `selection_rate(y_true, y_pred, pos_label=…)` (fairlearn/metrics/_base_metrics.py). O(|rows|).
 * Example: predicted [1, 0, 1, 1] on rows [0, 1, 2] with positive 1 → 2/3.
 */
export function selectionRate(predicted: Int32Array, rows: Int32Array, positive: number): number {
  let selected = 0;
  for (const row of rows) if (predicted[row] === positive) selected++;
  return selected / rows.length;
}
