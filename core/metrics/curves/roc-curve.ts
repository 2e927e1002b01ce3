import { thresholdCounts } from "./threshold-counts.ts";

/** A ROC curve: false and true positive rates per threshold, from (0, 0) to (1, 1). */
export interface RocCurve {
  falsePositiveRate: number[];
  truePositiveRate: number[];
  /** Decreasing; the first is one above the highest score (the (0, 0) corner), as scikit-learn 1.2. */
  thresholds: number[];
}

/**
 * The receiver operating characteristic curve of a binary score: equals scikit-learn's
 * `roc_curve(y_true, y_score)` (drop_intermediate=True: points collinear with their neighbours
 * on both counts are dropped, they do not change the drawn curve or its area). O(N log N).
 * Undefined when the truth lacks either class.
 *
 * @example rocCurve([0.1, 0.4, 0.35, 0.8], (i) => i === 1 || i === 3).curve
 * // { falsePositiveRate: [0, 0, 0.5, 1], truePositiveRate: [0, 1, 1, 1], thresholds: [1.8, 0.4, 0.35, 0.1] }
 */
export function rocCurve(
  scores: ArrayLike<number>,
  isPositive: (i: number) => boolean,
): { curve: RocCurve } | { curve: undefined; reason: string } {
  const counts = thresholdCounts(scores, isPositive);
  const positives = counts.truePositives.at(-1) ?? 0;
  const negatives = counts.falsePositives.at(-1) ?? 0;
  if (positives === 0 || negatives === 0)
    return { curve: undefined, reason: "a ROC curve needs both classes in the truth; only one is present" };
  const keep = cornerIndices(counts.falsePositives, counts.truePositives);
  const fps = [0, ...keep.map((i) => counts.falsePositives[i] as number)];
  const tps = [0, ...keep.map((i) => counts.truePositives[i] as number)];
  const thresholds = keep.map((i) => counts.thresholds[i] as number);
  return {
    curve: {
      falsePositiveRate: fps.map((value) => value / negatives),
      truePositiveRate: tps.map((value) => value / positives),
      thresholds: [(thresholds[0] ?? 0) + 1, ...thresholds],
    },
  };
}

/** Indices where either count bends (non-zero second difference), plus both ends: scikit-learn's drop_intermediate. */
function cornerIndices(fps: readonly number[], tps: readonly number[]): number[] {
  if (fps.length <= 2) return fps.map((_, i) => i);
  const keep = [0];
  for (let i = 1; i < fps.length - 1; i++) {
    const bendF = (fps[i + 1] as number) - 2 * (fps[i] as number) + (fps[i - 1] as number);
    const bendT = (tps[i + 1] as number) - 2 * (tps[i] as number) + (tps[i - 1] as number);
    if (bendF !== 0 || bendT !== 0) keep.push(i);
  }
  keep.push(fps.length - 1);
  return keep;
}
