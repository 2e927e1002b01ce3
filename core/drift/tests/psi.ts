import { compensatedSum } from "../../metrics/sum.ts";
import { fillEmptyShares, sharesOf } from "../binning.ts";
import { defineDriftTest, UNBOUNDED_DISTANCE_RANGE } from "../define.ts";
import type { ColumnInput } from "../types.ts";

/**
 * Population stability index on Evidently's bins with empty bins filled
 * (https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/psi.py):
 * PSI = Σ (refᵢ − curᵢ) · ln(refᵢ / curᵢ) over the shares.
 * Example: shares [0.5, 0.5] vs [0.25, 0.75] → 0.27465307216702745.
 */
export function populationStabilityIndex(input: Pick<ColumnInput, "bins" | "referenceCount" | "currentCount">): number {
  const reference = fillEmptyShares(sharesOf(input.bins.reference, input.referenceCount));
  const current = fillEmptyShares(sharesOf(input.bins.current, input.currentCount));
  return compensatedSum(reference.map((r, i) => (r - (current[i] as number)) * Math.log(r / (current[i] as number))));
}

/** PSI, a distance: drift when PSI ≥ threshold (0.1 by default, as Evidently). */
export const psi = defineDriftTest({
  name: "psi",
  title: "Population stability index",
  direction: "distance",
  defaultThreshold: 0.1,
  thresholdRange: UNBOUNDED_DISTANCE_RANGE,
  kinds: ["categorical", "numeric"],
  requires: [],
  fromProfile: true,
  compute: (input) => ({ statistic: populationStabilityIndex(input) }),
  source: "https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/psi.py",
});
