/**
 * Cumulative counts at each distinct score, highest score first: scikit-learn's
 * `_binary_clf_curve` without sample weights. Row i of the result counts the rows scored at
 * least `thresholds[i]`: `truePositives[i]` positives and `falsePositives[i]` negatives.
 * Both ROC and precision–recall curves are built from it.
 */
export interface ThresholdCounts {
  thresholds: number[];
  truePositives: number[];
  falsePositives: number[];
}

/**
 * Sorts the scores descending (ties kept together) and accumulates positives and negatives,
 * emitting one row per distinct score. O(N log N). Scores must be finite (NaN sorts nowhere).
 *
 * @example thresholdCounts([0.1, 0.4, 0.35, 0.8], (i) => i === 1 || i === 3)
 * // { thresholds: [0.8, 0.4, 0.35, 0.1], truePositives: [1, 2, 2, 2], falsePositives: [0, 0, 1, 2] }
 */
export function thresholdCounts(scores: ArrayLike<number>, isPositive: (i: number) => boolean): ThresholdCounts {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  const thresholds: number[] = [];
  const truePositives: number[] = [];
  const falsePositives: number[] = [];
  let positives = 0;
  let negatives = 0;
  for (const [rank, row] of order.entries()) {
    if (isPositive(row)) positives += 1;
    else negatives += 1;
    const next = order[rank + 1];
    if (next !== undefined && scores[next] === scores[row]) continue;
    thresholds.push(scores[row] as number);
    truePositives.push(positives);
    falsePositives.push(negatives);
  }
  return { thresholds, truePositives, falsePositives };
}
