import { defineDriftTest, UNBOUNDED_DISTANCE_RANGE } from "../define.ts";
import type { ColumnInput } from "../types.ts";

/** Evidently floors the reference standard deviation at this before dividing. */
export const WASSERSTEIN_NORM_MIN_STD = 0.001;
/** Name of the normed Wasserstein distance when shown as an effect size. */
export const WASSERSTEIN_NORM_EFFECT = "wasserstein_norm";

/** W₁(reference, current) / max(σ_ref, 0.001) with σ the population standard deviation. */
export function normedWasserstein(input: ColumnInput): number {
  const distance = input.ecdf?.wasserstein ?? Number.NaN;
  return distance / Math.max(input.referenceStd ?? 0, WASSERSTEIN_NORM_MIN_STD);
}

/**
 * The first Wasserstein distance divided by the reference's population standard deviation
 * (floored at 0.001), as Evidently's `wasserstein` test
 * (https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/wasserstein_distance_norm.py):
 * "how many reference standard deviations the distribution moved". Evidently's default for
 * numeric columns with more than 1000 reference values.
 */
export const wassersteinNorm = defineDriftTest({
  name: "wasserstein_norm",
  title: "Wasserstein distance (normed)",
  direction: "distance",
  defaultThreshold: 0.1,
  thresholdRange: UNBOUNDED_DISTANCE_RANGE,
  kinds: ["numeric"],
  requires: ["ecdf"],
  fromProfile: true,
  compute: (input) => ({ statistic: normedWasserstein(input) }),
  source: "https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.wasserstein_distance.html",
});
