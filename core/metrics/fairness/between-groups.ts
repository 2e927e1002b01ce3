/**
 * Fairlearn's `MetricFrame.difference(method="between_groups")`: the largest minus the smallest
 * group value (fairlearn/metrics/_metric_frame.py). Null groups values are skipped; null when no
 * value is left. Example: [0.2, 0.5, 0.4] → 0.3.
 */
export function differenceBetweenGroups(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((value): value is number => value !== null && !Number.isNaN(value));
  if (known.length === 0) return null;
  return Math.max(...known) - Math.min(...known);
}

/**
 * Fairlearn's `MetricFrame.ratio(method="between_groups")`: the smallest over the largest group
 * value; null when the largest is 0 (0/0, NaN in Fairlearn). Example: [0.2, 0.5, 0.4] → 0.4.
 */
export function ratioBetweenGroups(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((value): value is number => value !== null && !Number.isNaN(value));
  if (known.length === 0) return null;
  const largest = Math.max(...known);
  return largest === 0 ? null : Math.min(...known) / largest;
}
