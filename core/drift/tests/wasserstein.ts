import { defineDriftTest, UNBOUNDED_DISTANCE_RANGE } from "../define.ts";
import type { EcdfSummary } from "../types.ts";
import { normedWasserstein, WASSERSTEIN_NORM_EFFECT } from "./wasserstein-norm.ts";

/**
 * The first Wasserstein (earth mover's) distance, as `scipy.stats.wasserstein_distance`:
 * ∫ |F_ref − F_cur| dx = Σ |F_ref(vᵢ) − F_cur(vᵢ)| (vᵢ₊₁ − vᵢ) over the sorted distinct values of
 * both samples, in the column's own units (so its threshold depends on the column's scale).
 */
export const wasserstein = defineDriftTest({
  name: "wasserstein",
  title: "Wasserstein distance",
  direction: "distance",
  defaultThreshold: 0.1,
  thresholdRange: UNBOUNDED_DISTANCE_RANGE,
  kinds: ["numeric"],
  requires: ["ecdf"],
  fromProfile: true,
  compute: (input) => ({
    statistic: (input.ecdf as EcdfSummary).wasserstein,
    effectSize: normedWasserstein(input),
    effectSizeName: WASSERSTEIN_NORM_EFFECT,
  }),
  source: "https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.wasserstein_distance.html",
});
