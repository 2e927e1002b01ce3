import { placementsSorted, splitSorted } from "./placements.ts";
import { type ClassificationData, type MetricOutcome, undefinedMetric } from "./types.ts";

/**
 * Binary ROC AUC: the probability that a random positive scores above a random negative, ties
 * counting one half (Mann–Whitney U / (m · n)). Equals scikit-learn's `roc_auc_score` (the
 * trapezoidal area under the ROC curve, which handles ties the same way). O(N log N).
 * Undefined when the truth has only one class. Example: scores [0.1, 0.4, 0.4, 0.8] with
 * truth [0, 0, 1, 1] → 0.875.
 */
export function rocAucBinary(scores: ArrayLike<number>, isPositive: (i: number) => boolean): MetricOutcome {
  const { positives, negatives } = splitSorted(scores, isPositive);
  if (positives.length === 0 || negatives.length === 0)
    return undefinedMetric("ROC AUC needs both classes in the truth; only one is present");
  const { twiceU } = placementsSorted(positives, negatives);
  return { value: twiceU / (2 * positives.length * negatives.length) };
}

/**
 * ROC AUC of a classification: binary on the positive class's probability; multiclass as the
 * unweighted mean of one-vs-rest AUCs over every class (scikit-learn's
 * `roc_auc_score(multi_class="ovr", average="macro")`). Undefined without probabilities or when
 * a class has no true row (scikit-learn raises there).
 */
export function rocAuc(data: ClassificationData): MetricOutcome {
  const k = data.labels.length;
  const { truth } = data;
  if (k === 2 && data.positive !== null) {
    if (!data.positiveScores) return undefinedMetric("no probability for the positive class (p_<class> column)");
    const positive = data.positive;
    return rocAucBinary(data.positiveScores, (i) => truth[i] === positive);
  }
  const probabilities = data.probabilities;
  if (!probabilities) return undefinedMetric("no probability columns p_<class> for every class");
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const scores = classColumn(probabilities, k, c);
    const outcome = rocAucBinary(scores, (i) => truth[i] === c);
    if (outcome.value === null)
      return undefinedMetric(`one-vs-rest ROC AUC needs every class in the truth; "${data.labels[c]}" has no row`);
    sum += outcome.value;
  }
  return { value: sum / k };
}

/** Column `c` of a row-major `n × k` matrix. O(n). */
export function classColumn(matrix: Float64Array, k: number, c: number): Float64Array {
  const n = matrix.length / k;
  const column = new Float64Array(n);
  for (let i = 0; i < n; i++) column[i] = matrix[i * k + c] as number;
  return column;
}
