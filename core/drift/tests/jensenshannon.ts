import { compensatedSum } from "../../metrics/sum.ts";
import { sharesOf } from "../binning.ts";
import { defineDriftTest } from "../define.ts";
import type { ColumnInput } from "../types.ts";
import { normalize, relativeEntropyTerm } from "./kl-div.ts";

/** The largest Jensen–Shannon distance with natural logarithms: √(ln 2). */
export const JENSEN_SHANNON_MAX = Math.sqrt(Math.LN2);

/**
 * Jensen–Shannon distance on Evidently's bins (empty bins not filled), as
 * `scipy.spatial.distance.jensenshannon(ref, cur)` with the natural logarithm:
 * m = (p + q)/2, JS = √((KL(p‖m) + KL(q‖m)) / 2), between 0 and √(ln 2) ≈ 0.8326.
 */
export function jensenShannonDistance(input: Pick<ColumnInput, "bins" | "referenceCount" | "currentCount">): number {
  const p = normalize(sharesOf(input.bins.reference, input.referenceCount));
  const q = normalize(sharesOf(input.bins.current, input.currentCount));
  const m = p.map((x, i) => (x + (q[i] as number)) / 2);
  const left = compensatedSum(p.map((x, i) => relativeEntropyTerm(x, m[i] as number)));
  const right = compensatedSum(q.map((x, i) => relativeEntropyTerm(x, m[i] as number)));
  return Math.sqrt((left + right) / 2);
}

/** Jensen–Shannon distance: Evidently's default for more than 1000 reference values of a categorical column. */
export const jensenshannon = defineDriftTest({
  name: "jensenshannon",
  title: "Jensen–Shannon distance",
  direction: "distance",
  defaultThreshold: 0.1,
  thresholdRange: { min: 0, max: JENSEN_SHANNON_MAX, maxInclusive: true },
  kinds: ["categorical", "numeric"],
  requires: [],
  fromProfile: true,
  compute: (input) => ({ statistic: jensenShannonDistance(input) }),
  source: "https://docs.scipy.org/doc/scipy/reference/generated/scipy.spatial.distance.jensenshannon.html",
});
