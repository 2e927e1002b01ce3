import { predictedCounts, presentClasses, trueCounts } from "./confusion-matrix.ts";
import type { Confusion } from "./types.ts";

/** One class's one-vs-rest scores. */
export interface ClassScore {
  /** Class index. */
  index: number;
  precision: number;
  recall: number;
  f1: number;
  /** True rows of the class. */
  support: number;
}

/**
 * `a / b`, or 0 when `b` is 0: scikit-learn's `zero_division="warn"` default, which returns 0
 * (and warns). Almanac states the same rule: an undefined precision or recall counts as 0.
 */
export function divideOrZero(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/**
 * F1 from precision and recall the way scikit-learn 1.2 computes it
 * (`2 · P · R / (P + R)`, 0 when `P + R` is 0).
 */
export function f1FromPrecisionRecall(precision: number, recall: number): number {
  const denominator = precision + recall;
  return denominator === 0 ? 0 : (2 * precision * recall) / denominator;
}

/**
 * Precision, recall, F1 and support of class `c` against the rest, as scikit-learn's
 * `precision_recall_fscore_support` with zero_division → 0. O(k²).
 */
export function classScore(confusion: Confusion, c: number): ClassScore {
  const tp = confusion.counts[c * confusion.k + c] as number;
  const predicted = predictedCounts(confusion)[c] as number;
  const support = trueCounts(confusion)[c] as number;
  const precision = divideOrZero(tp, predicted);
  const recall = divideOrZero(tp, support);
  return { index: c, precision, recall, f1: f1FromPrecisionRecall(precision, recall), support };
}

/**
 * Scores of every class present in the truth or the predictions (scikit-learn's default
 * `labels`), in sorted label order. Example: counts [[1, 0], [1, 1]] → class 0 precision 0.5,
 * recall 1, f1 0.6666666666666666, support 1; class 1 precision 1, recall 0.5.
 */
export function perClassScores(confusion: Confusion): ClassScore[] {
  return presentClasses(confusion).map((c) => classScore(confusion, c));
}
