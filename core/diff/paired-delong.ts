import { sampleVariance } from "../metrics/intervals/delong.ts";
import { lowerBound, splitSorted, upperBound } from "../metrics/placements.ts";
import { classColumn } from "../metrics/roc-auc.ts";
import type { ClassificationData } from "../metrics/types.ts";

/**
 * DeLong's structural components of a ROC AUC, one per row: for a binary AUC on the
 * positive class's scores, h(r) = V₁₀(r)/m for a positive row and V₀₁(r)/n for a negative
 * one; for the one-vs-rest macro AUC, the average over classes of the same terms (the form
 * core/metrics/intervals/delong.ts uses). Grouping rows by true class, Var(AUC) =
 * Σ_c n_c · s²_c(h). Null when the AUC is not computable (no scores, a class under two rows).
 * O(k · N log N). Pure.
 */
export function aucComponents(data: ClassificationData): Float64Array | null {
  const n = data.truth.length;
  const h = new Float64Array(n);
  if (data.positive !== null && data.positiveScores) {
    const positive = data.positive;
    return addComponents(h, data.positiveScores, (i) => data.truth[i] === positive, 1) ? h : null;
  }
  const probabilities = data.probabilities;
  if (!probabilities) return null;
  const k = data.labels.length;
  for (let c = 0; c < k; c++) {
    const column = classColumn(probabilities, k, c);
    if (!addComponents(h, column, (i) => data.truth[i] === c, k)) return null;
  }
  return h;
}

function addComponents(h: Float64Array, scores: Float64Array, isPositive: (i: number) => boolean, k: number): boolean {
  const { positives, negatives } = splitSorted(scores, isPositive);
  const m = positives.length;
  const n = negatives.length;
  if (m < 2 || n < 2) return false;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i] as number;
    if (isPositive(i)) {
      const below = lowerBound(negatives, score);
      const tied = upperBound(negatives, score) - below;
      h[i] = (h[i] as number) + (below + tied / 2) / n / m / k;
    } else {
      const notAbove = upperBound(positives, score);
      const tied = notAbove - lowerBound(positives, score);
      h[i] = (h[i] as number) + (m - notAbove + tied / 2) / m / n / k;
    }
  }
  return true;
}

/**
 * Variance of AUC(head) − AUC(base) for two models scored on the SAME rows (DeLong et al.
 * 1988, the paired test pROC's `roc.test(paired = TRUE)` runs): with per-row components
 * d(r) = h_head(r) − h_base(r), Var = Σ_c n_c · s²_c(d) over the true classes. Both inputs
 * must share rows, labels and truth. NaN when either AUC is not computable. Pure.
 */
export function pairedAucDifferenceVariance(base: ClassificationData, head: ClassificationData): number {
  const hBase = aucComponents(base);
  const hHead = aucComponents(head);
  if (!hBase || !hHead) return Number.NaN;
  const k = base.labels.length;
  const groups: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < base.truth.length; i++) {
    (groups[base.truth[i] as number] as number[]).push((hHead[i] as number) - (hBase[i] as number));
  }
  let variance = 0;
  for (const group of groups) {
    if (group.length === 0) continue;
    if (group.length < 2) return Number.NaN;
    variance += group.length * sampleVariance(group);
  }
  return variance;
}
