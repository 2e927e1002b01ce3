import { sharesOf } from "../binning.ts";
import { defineDriftTest } from "../define.ts";
import type { ColumnInput } from "../types.ts";

/**
 * L-infinity distance between the reference and current shares, max |pᵢ − qᵢ|, as TFDV's
 * `InfinityNorm` drift comparator (https://github.com/tensorflow/data-validation/blob/master/docs/get_started.md),
 * here on Evidently's bins, so numeric columns get it too. Also returns the bin that moved most.
 */
export function infinityNorm(input: Pick<ColumnInput, "bins" | "referenceCount" | "currentCount">): {
  distance: number;
  at: number;
} {
  const p = sharesOf(input.bins.reference, input.referenceCount);
  const q = sharesOf(input.bins.current, input.currentCount);
  let distance = 0;
  let at = 0;
  p.forEach((x, i) => {
    const difference = Math.abs(x - (q[i] as number));
    if (difference > distance) {
      distance = difference;
      at = i;
    }
  });
  return { distance, at };
}

/**
 * TFDV's L∞ distance. TFDV has no default threshold (its guide uses 0.01 for a categorical
 * feature of a large dataset); 0.1 keeps it in line with the other distances here.
 */
export const linf = defineDriftTest({
  name: "linf",
  title: "L-infinity distance",
  direction: "distance",
  defaultThreshold: 0.1,
  thresholdRange: { min: 0, max: 1, maxInclusive: true },
  kinds: ["categorical", "numeric"],
  requires: [],
  fromProfile: true,
  compute(input) {
    const { distance, at } = infinityNorm(input);
    const label = input.bins.labels[at];
    return { statistic: distance, method: label === undefined ? undefined : `largest change at ${label}` };
  },
  source: "https://github.com/tensorflow/metadata/blob/master/tensorflow_metadata/proto/v0/schema.proto",
});
