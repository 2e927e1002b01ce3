/** Observed frequency against mean predicted probability, per non-empty probability bin. */
export interface CalibrationCurve {
  /** Share of positives among the rows of each bin (scikit-learn's `prob_true`). */
  observed: number[];
  /** Mean predicted probability of each bin (`prob_pred`). */
  predicted: number[];
  /** Rows in each bin. */
  counts: number[];
}

/** Bins of the reliability diagram: ten as scikit-learn's default. */
export const CALIBRATION_BINS = 10;

/**
 * The calibration (reliability) curve of binary probabilities: equals scikit-learn's
 * `calibration_curve(y_true, y_prob, n_bins=10, strategy="uniform")`. Bins are equal-width on
 * [0, 1]; a probability on an inner edge goes to the lower bin (numpy's `searchsorted`, side
 * left); empty bins are left out. O(N · bins) with bins ≤ 100. Probabilities must lie in [0, 1].
 *
 * @example calibrationCurve([0.1, 0.15, 0.8, 0.9], (i) => i >= 2, 2)
 * // { observed: [0, 1], predicted: [0.125, 0.85], counts: [2, 2] }
 */
export function calibrationCurve(
  probabilities: ArrayLike<number>,
  isPositive: (i: number) => boolean,
  bins = CALIBRATION_BINS,
): CalibrationCurve {
  const sums = new Float64Array(bins);
  const positives = new Float64Array(bins);
  const totals = new Float64Array(bins);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] as number;
    let bin = 0;
    // Inner edges k · (1 / bins), as numpy.linspace computes them (0.30000000000000004 for k = 3);
    // the bin is the count of edges strictly below p.
    while (bin < bins - 1 && (bin + 1) * (1 / bins) < p) bin++;
    sums[bin] = (sums[bin] as number) + p;
    totals[bin] = (totals[bin] as number) + 1;
    if (isPositive(i)) positives[bin] = (positives[bin] as number) + 1;
  }
  const curve: CalibrationCurve = { observed: [], predicted: [], counts: [] };
  for (let bin = 0; bin < bins; bin++) {
    const total = totals[bin] as number;
    if (total === 0) continue;
    curve.observed.push((positives[bin] as number) / total);
    curve.predicted.push((sums[bin] as number) / total);
    curve.counts.push(total);
  }
  return curve;
}
