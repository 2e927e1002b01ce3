import { thresholdCounts } from "./threshold-counts.ts";

/** A precision–recall curve, recall decreasing to the final (recall 0, precision 1) point. */
export interface PrecisionRecallCurve {
  precision: number[];
  recall: number[];
  /** Increasing; one fewer than the points (the last point has no threshold). */
  thresholds: number[];
  /** Share of positives: the precision of a model that guesses, the baseline a reader compares with. */
  prevalence: number;
}

/**
 * Precision and recall at every distinct score: equals scikit-learn 1.2's
 * `precision_recall_curve(y_true, probas_pred)` (precision 0 where no row is predicted
 * positive, then a final point at recall 0, precision 1). O(N log N). Undefined when the truth
 * has no positive row (recall would be 0 / 0).
 *
 * @example precisionRecallCurve([0.1, 0.4, 0.35, 0.8], (i) => i === 1 || i === 3).curve
 * // { precision: [0.5, 0.6667, 1, 1, 1], recall: [1, 1, 1, 0.5, 0], thresholds: [0.1, 0.35, 0.4, 0.8], prevalence: 0.5 }
 * // (precision 2/3 shown rounded)
 */
export function precisionRecallCurve(
  scores: ArrayLike<number>,
  isPositive: (i: number) => boolean,
): { curve: PrecisionRecallCurve } | { curve: undefined; reason: string } {
  const counts = thresholdCounts(scores, isPositive);
  const positives = counts.truePositives.at(-1) ?? 0;
  if (positives === 0)
    return { curve: undefined, reason: "a precision–recall curve needs a positive row in the truth" };
  const precision = counts.truePositives.map((tp, i) => {
    const predicted = tp + (counts.falsePositives[i] as number);
    return predicted === 0 ? 0 : tp / predicted;
  });
  const recall = counts.truePositives.map((tp) => tp / positives);
  return {
    curve: {
      precision: [...precision.reverse(), 1],
      recall: [...recall.reverse(), 0],
      thresholds: [...counts.thresholds].reverse(),
      prevalence: positives / scores.length,
    },
  };
}
