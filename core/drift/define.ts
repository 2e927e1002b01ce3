import type { DriftTest, TestOutcome, ThresholdRange } from "./types.ts";

/** A significance level: any p-value threshold in (0, 1). */
export const P_VALUE_RANGE: ThresholdRange = Object.freeze({ min: 0, max: 1, maxInclusive: false });
/** An unbounded distance (PSI, KL, Wasserstein): any threshold above 0. */
export const UNBOUNDED_DISTANCE_RANGE: ThresholdRange = Object.freeze({
  min: 0,
  max: Number.POSITIVE_INFINITY,
  maxInclusive: false,
});

/**
 * Declares a drift test: name, direction (p-value or distance), default threshold and the
 * range a threshold may take, the column kinds it applies to, and its computation. The
 * registry (registry.ts) lists every declared test.
 */
export function defineDriftTest(test: DriftTest): DriftTest {
  const { min, max } = test.thresholdRange;
  if (!(test.defaultThreshold > min && test.defaultThreshold <= max))
    throw new Error(`drift test ${test.name}: default threshold ${test.defaultThreshold} outside (${min}, ${max}]`);
  return Object.freeze(test);
}

/**
 * Whether an outcome is drift under a threshold, by the test's direction: p-value tests drift
 * when p < threshold, distance tests when the statistic ≥ threshold.
 * Example: `isDrifted("p_value", { statistic: 0.2, pValue: 0.01 }, 0.05)` → true.
 */
export function isDrifted(direction: DriftTest["direction"], outcome: TestOutcome, threshold: number): boolean {
  if (direction === "p_value") return outcome.pValue !== undefined && outcome.pValue < threshold;
  return outcome.statistic >= threshold;
}

/** Shares of each count in its total (an empty total gives zeros). */
export function shares(counts: readonly number[]): number[] {
  let total = 0;
  for (const count of counts) total += count;
  return counts.map((count) => (total === 0 ? 0 : count / total));
}
