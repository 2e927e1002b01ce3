import { lowerBound, placementsSorted, splitSorted, upperBound } from "../placements.ts";
import { classColumn } from "../roc-auc.ts";
import type { ClassificationData } from "../types.ts";

/** Unbiased sample variance (ddof 1) with a two-pass mean; NaN below two values. */
export function sampleVariance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const average = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((values[i] as number) - average) ** 2;
  return squares / (n - 1);
}

/**
 * A binary ROC AUC and DeLong's variance from one sort (DeLong, DeLong & Clarke-Pearson 1988,
 * Biometrics 44:837; the placement-value form of Sun & Xu 2014): Var = S₁₀/m + S₀₁/n, where S₁₀ is
 * the sample variance of the positives' placements and S₀₁ that of the negatives'. Exact for the
 * estimator, as pROC's `var(method="delong")`. O(N log N). Null when a class is absent; variance
 * NaN below two positives or two negatives.
 * Example: positives [0.4, 0.8], negatives [0.1, 0.4] → auc 0.875, variance (0.03125 + 0.03125) / 2 = 0.03125.
 */
export function delongBinary(
  scores: ArrayLike<number>,
  isPositive: (i: number) => boolean,
): { auc: number; variance: number } | null {
  const { positives, negatives } = splitSorted(scores, isPositive);
  if (positives.length === 0 || negatives.length === 0) return null;
  const placements = placementsSorted(positives, negatives);
  const auc = placements.twiceU / (2 * positives.length * negatives.length);
  if (positives.length < 2 || negatives.length < 2) return { auc, variance: Number.NaN };
  const variance =
    sampleVariance(placements.positive) / positives.length + sampleVariance(placements.negative) / negatives.length;
  return { auc, variance };
}

/** The variance part of {@link delongBinary}; NaN when undefined. */
export function delongVarianceBinary(scores: ArrayLike<number>, isPositive: (i: number) => boolean): number {
  return delongBinary(scores, isPositive)?.variance ?? Number.NaN;
}

/**
 * The one-vs-rest macro ROC AUC with DeLong's structural-components variance, extended to k
 * classes. Each AUCₖ is linearised into per-row placements; a row r of true class c contributes
 * h(r) = (1/k)·[V₁₀,c(r)/n_c + Σ_{j≠c} V₀₁,j(r)/(N − n_j)], and with the class counts fixed (as
 * DeLong fixes m and n) Var = Σ_c n_c · s²_c(h), s²_c the sample variance over class c. With
 * k = 2 and one AUC this is exactly DeLong's S₁₀/m + S₀₁/n. One sort per class serves both the
 * AUC and its variance. O(k · N log N). Null without probabilities or when a class has no true
 * row; variance NaN when a class has fewer than two rows.
 */
export function delongMacro(data: ClassificationData): { auc: number; variance: number } | null {
  const k = data.labels.length;
  const n = data.truth.length;
  const probabilities = data.probabilities;
  if (!probabilities) return null;
  const h = new Float64Array(n);
  const classCounts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = data.truth[i] as number;
    classCounts[c] = (classCounts[c] as number) + 1;
  }
  let aucSum = 0;
  let defined = true;
  for (let c = 0; c < k; c++) {
    const column = classColumn(probabilities, k, c);
    const { positives, negatives } = splitSorted(column, (i) => data.truth[i] === c);
    if (positives.length === 0 || negatives.length === 0) return null;
    aucSum += placementsSorted(positives, negatives).twiceU / (2 * positives.length * negatives.length);
    if (positives.length < 2 || negatives.length < 2) defined = false;
    if (!defined) continue;
    for (let i = 0; i < n; i++) {
      const score = column[i] as number;
      if (data.truth[i] === c) {
        const below = lowerBound(negatives, score);
        const tied = upperBound(negatives, score) - below;
        h[i] = (h[i] as number) + (below + tied / 2) / negatives.length / positives.length / k;
      } else {
        const notAbove = upperBound(positives, score);
        const tied = notAbove - lowerBound(positives, score);
        h[i] = (h[i] as number) + (positives.length - notAbove + tied / 2) / positives.length / negatives.length / k;
      }
    }
  }
  if (!defined) return { auc: aucSum / k, variance: Number.NaN };
  let variance = 0;
  for (let c = 0; c < k; c++) {
    const values = new Float64Array(classCounts[c] as number);
    let j = 0;
    for (let i = 0; i < n; i++) if (data.truth[i] === c) values[j++] = h[i] as number;
    variance += (classCounts[c] as number) * sampleVariance(values);
  }
  return { auc: aucSum / k, variance };
}

/** The variance part of {@link delongMacro}; NaN when undefined. */
export function delongVarianceMacro(data: ClassificationData): number {
  return delongMacro(data)?.variance ?? Number.NaN;
}
