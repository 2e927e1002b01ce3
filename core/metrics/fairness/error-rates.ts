/** True and false positive rates of one group. */
export interface ErrorRates {
  truePositiveRate: number;
  falsePositiveRate: number;
}

/**
 * TPR = TP / (TP + FN) and FPR = FP / (FP + TN) within a group, as Fairlearn's
 * `true_positive_rate` / `false_positive_rate`: they read scikit-learn's
 * `confusion_matrix(normalize="true")`, which turns a 0/0 row into 0 (`np.nan_to_num`), so a
 * group without positives has TPR 0 and a group without negatives FPR 0. O(|rows|).
 * Example: truth [1, 1, 0], predicted [1, 0, 1] → TPR 0.5, FPR 1.
 */
export function errorRates(truth: Int32Array, predicted: Int32Array, rows: Int32Array, positive: number): ErrorRates {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  for (const row of rows) {
    const actual = truth[row] === positive;
    const guessed = predicted[row] === positive;
    if (actual && guessed) tp++;
    else if (actual) fn++;
    else if (guessed) fp++;
    else tn++;
  }
  return {
    truePositiveRate: tp + fn === 0 ? 0 : tp / (tp + fn),
    falsePositiveRate: fp + tn === 0 ? 0 : fp / (fp + tn),
  };
}
