import { PROFILE_QUANTILES, type ProfileHistogram, type ProfileQuantiles } from "../schemas/profile.ts";

/** Keys of the quantiles in a profile, in order: p1, p5, … p99. */
export const QUANTILE_KEYS = PROFILE_QUANTILES.map((q) => `p${Math.round(q * 100)}`) as Array<keyof ProfileQuantiles>;

/** Quantiles from a list in {@link PROFILE_QUANTILES} order. */
export function quantilesFromList(values: ReadonlyArray<number | null>): ProfileQuantiles {
  return Object.fromEntries(QUANTILE_KEYS.map((key, i) => [key, values[i] ?? null])) as ProfileQuantiles;
}

/**
 * Approximate quantiles from a histogram (after a merge, where exact quantiles cannot be
 * combined): the q-th value by rank q·(n − 1), interpolated linearly inside its bin, clamped to
 * [min, max]. The error is below one bin width.
 */
export function quantilesFromHistogram(histogram: ProfileHistogram, min: number, max: number): ProfileQuantiles {
  const total = histogram.counts.reduce((a, b) => a + b, 0);
  const values = PROFILE_QUANTILES.map((q) => {
    if (total === 0) return null;
    const rank = q * (total - 1);
    let below = 0;
    for (let i = 0; i < histogram.counts.length; i++) {
      const count = histogram.counts[i] as number;
      if (count > 0 && rank < below + count) {
        const low = histogram.edges[i] as number;
        const high = histogram.edges[i + 1] as number;
        const value = low + ((rank - below + 0.5) / count) * (high - low);
        return Math.min(max, Math.max(min, value));
      }
      below += count;
    }
    return max;
  });
  return quantilesFromList(values);
}
