import { describe, expect, it } from "vitest";
import {
  mergeSketches,
  quantilesOfSketch,
  SKETCH_RELATIVE_ACCURACY,
  sketchEcdfExtremes,
  sketchGamma,
  sketchOfBuckets,
  sketchWasserstein,
} from "../../core/profile/sketch.ts";
import { PROFILE_QUANTILES, type ProfileSketch } from "../../core/schemas/profile.ts";

const ALPHA = SKETCH_RELATIVE_ACCURACY;

/** The sketch of values, bucketed in JavaScript the way the SQL does (⌈ln|x| / ln γ⌉). */
function sketchOf(values: readonly number[], alpha = ALPHA): ProfileSketch {
  const lnGamma = Math.log(sketchGamma(alpha));
  const counts = new Map<string, { sign: number; index: number; count: number }>();
  for (const x of values) {
    const sign = Math.sign(x);
    const index = x === 0 ? 0 : Math.ceil(Math.log(Math.abs(x)) / lnGamma) || 0; // no -0, as in SQL
    const key = `${sign}:${index}`;
    const entry = counts.get(key) ?? { sign, index, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return sketchOfBuckets([...counts.values()], alpha);
}

/** A deterministic sample: normal-ish (sum of uniforms from a linear congruential generator), shifted. */
function sample(n: number, seed: number, shift = 0): number[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: n }, () => next() + next() + next() - 1.5 + shift);
}

describe("the quantile sketch", () => {
  it("reads each quantile within α · max(|x₍ₖ₎|, |x₍ₖ₊₁₎|) of numpy's linear quantile", () => {
    for (const values of [Array.from({ length: 100 }, (_, i) => i + 1), sample(5000, 7), sample(3000, 11, 3)]) {
      const sorted = [...values].sort((a, b) => a - b);
      const estimates = quantilesOfSketch(sketchOf(values), sorted[0] as number, sorted.at(-1) as number);
      PROFILE_QUANTILES.forEach((q, i) => {
        const position = (sorted.length - 1) * q;
        const k = Math.floor(position);
        const [low, high] = [sorted[k] as number, sorted[Math.min(k + 1, sorted.length - 1)] as number];
        const exact = low + (high - low) * (position - k);
        const bound = ALPHA * Math.max(Math.abs(low), Math.abs(high));
        expect(Math.abs((estimates[i] as number) - exact)).toBeLessThanOrEqual(bound * (1 + 1e-9));
      });
    }
    // 1 … 100: the median 50.5 within 0.5 %.
    const [, , , median] = quantilesOfSketch(sketchOf(Array.from({ length: 100 }, (_, i) => i + 1)), 1, 100);
    expect(Math.abs((median as number) - 50.5)).toBeLessThan(0.005 * 51);
  });

  it("merges by adding bucket counts: the merge of two halves is the sketch of the whole", () => {
    const values = sample(4000, 3);
    const merged = mergeSketches([sketchOf(values.slice(0, 1500)), sketchOf(values.slice(1500))]);
    expect(merged).toEqual(sketchOf(values));
    expect(sketchOf([0, 0, -1, 2])).toMatchObject({ zero: 2, negative: [[0, 1]], positive: [[70, 1]] });
    expect(() => mergeSketches([sketchOf([1]), sketchOf([1], 0.01)])).toThrow(
      "the profiles' quantile sketches have different relative accuracies (0.005, 0.01)",
    );
  });

  it("bounds the KS statistic and the Wasserstein distance of the raw values", () => {
    const a = sample(3000, 5);
    const b = sample(2000, 9, 0.1);
    const [sa, sb] = [[...a].sort((x, y) => x - y), [...b].sort((x, y) => x - y)];
    let i = 0;
    let j = 0;
    let ks = 0;
    let w = 0;
    let previous = Math.min(sa[0] as number, sb[0] as number);
    while (i < sa.length || j < sb.length) {
      const v =
        j >= sb.length || (i < sa.length && (sa[i] as number) <= (sb[j] as number))
          ? (sa[i] as number)
          : (sb[j] as number);
      w += Math.abs(i / sa.length - j / sb.length) * (v - previous);
      previous = v;
      while (i < sa.length && sa[i] === v) i++;
      while (j < sb.length && sb[j] === v) j++;
      ks = Math.max(ks, Math.abs(i / sa.length - j / sb.length));
    }
    const extremes = sketchEcdfExtremes(sketchOf(a), sketchOf(b));
    const lower = Math.max(extremes.maxDifference, -extremes.minDifference);
    expect(lower).toBeLessThanOrEqual(ks + 1e-12);
    expect(extremes.ksUpper).toBeGreaterThanOrEqual(ks - 1e-12);
    const { distance, bound } = sketchWasserstein(sketchOf(a), sketchOf(b));
    expect(Math.abs(distance - w)).toBeLessThanOrEqual(bound);
    expect(bound).toBeGreaterThan(0);
  });
});
