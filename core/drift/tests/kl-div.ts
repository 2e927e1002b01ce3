import { compensatedSum } from "../../metrics/sum.ts";
import { fillEmptyShares, sharesOf } from "../binning.ts";
import { defineDriftTest, UNBOUNDED_DISTANCE_RANGE } from "../define.ts";
import type { ColumnInput } from "../types.ts";

/** x · ln(x / y), with 0 · ln(0 / y) = 0: `scipy.special.rel_entr` for x ≥ 0, y > 0. */
export function relativeEntropyTerm(x: number, y: number): number {
  if (x === 0) return 0;
  return y > 0 ? x * Math.log(x / y) : Number.POSITIVE_INFINITY;
}

/** Each value divided by the sum, as scipy does before an entropy. */
export function normalize(values: readonly number[]): number[] {
  const total = compensatedSum(values);
  return values.map((value) => value / total);
}

/**
 * Kullback–Leibler divergence KL(ref ‖ cur) on Evidently's filled bins, as
 * `scipy.stats.entropy(ref, cur)` (natural log; both renormalised to sum to 1 after filling).
 */
export function klDivergence(input: Pick<ColumnInput, "bins" | "referenceCount" | "currentCount">): number {
  const p = normalize(fillEmptyShares(sharesOf(input.bins.reference, input.referenceCount)));
  const q = normalize(fillEmptyShares(sharesOf(input.bins.current, input.currentCount)));
  return compensatedSum(p.map((x, i) => relativeEntropyTerm(x, q[i] as number)));
}

/** KL divergence, a distance: drift when KL ≥ threshold (0.1 by default, as Evidently). */
export const klDiv = defineDriftTest({
  name: "kl_div",
  title: "Kullback–Leibler divergence",
  direction: "distance",
  defaultThreshold: 0.1,
  thresholdRange: UNBOUNDED_DISTANCE_RANGE,
  kinds: ["categorical", "numeric"],
  requires: [],
  fromProfile: true,
  compute: (input) => ({ statistic: klDivergence(input) }),
  source: "https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/kl_div.py",
});
