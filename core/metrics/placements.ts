/**
 * Placement values of a two-sample comparison, the building block of both the ROC AUC and
 * DeLong's variance (DeLong et al. 1988; Sun & Xu 2014, "Fast implementation of DeLong's
 * algorithm", doi:10.1109/LSP.2014.2337313). A tie counts one half.
 */
export interface Placements {
  /** For each positive (in ascending score order): share of negatives scored lower, ties half. */
  positive: Float64Array;
  /** For each negative (in ascending score order): share of positives scored higher, ties half. */
  negative: Float64Array;
  /** Σ over positives of (2 · negatives below + negatives tied), an exact integer: 2 · U. */
  twiceU: number;
}

/**
 * Placements from the positives' and negatives' scores, each sorted ascending. Two merges,
 * O(m + n); with the sorts O(N log N). Both inputs must be non-empty and free of NaN.
 * Example: positives [0.4, 0.8], negatives [0.1, 0.4] → positive [0.75, 1], negative [1, 0.75],
 * twiceU 7 (AUC 7 / (2 · 2 · 2) = 0.875).
 */
export function placementsSorted(positives: Float64Array, negatives: Float64Array): Placements {
  const m = positives.length;
  const n = negatives.length;
  const positive = new Float64Array(m);
  const negative = new Float64Array(n);
  let below = 0;
  let tiedEnd = 0;
  let twiceU = 0;
  for (let i = 0; i < m; i++) {
    const score = positives[i] as number;
    while (below < n && (negatives[below] as number) < score) below++;
    if (tiedEnd < below) tiedEnd = below;
    while (tiedEnd < n && (negatives[tiedEnd] as number) === score) tiedEnd++;
    const twice = 2 * below + (tiedEnd - below);
    twiceU += twice;
    positive[i] = twice / (2 * n);
  }
  let notAbove = 0;
  let tiedEndP = 0;
  for (let j = 0; j < n; j++) {
    const score = negatives[j] as number;
    while (notAbove < m && (positives[notAbove] as number) < score) notAbove++;
    if (tiedEndP < notAbove) tiedEndP = notAbove;
    while (tiedEndP < m && (positives[tiedEndP] as number) === score) tiedEndP++;
    const higher = m - tiedEndP;
    negative[j] = (2 * higher + (tiedEndP - notAbove)) / (2 * m);
  }
  return { positive, negative, twiceU };
}

/** Index of the first element ≥ `value` in an ascending array. O(log n). */
export function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first element > `value` in an ascending array. O(log n). */
export function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Splits scores by a boolean mask into two ascending arrays (positives, negatives). O(N log N). */
export function splitSorted(scores: ArrayLike<number>, isPositive: (i: number) => boolean) {
  let m = 0;
  for (let i = 0; i < scores.length; i++) if (isPositive(i)) m++;
  const positives = new Float64Array(m);
  const negatives = new Float64Array(scores.length - m);
  let a = 0;
  let b = 0;
  for (let i = 0; i < scores.length; i++) {
    if (isPositive(i)) positives[a++] = scores[i] as number;
    else negatives[b++] = scores[i] as number;
  }
  return { positives: positives.sort(), negatives: negatives.sort() };
}
