import { compensatedSum } from "../metrics/sum.ts";
import { PROFILE_QUANTILES, type ProfileSketch } from "../schemas/profile.ts";
import { usageError } from "../util/errors.ts";

/**
 * A relative-error quantile sketch (DDSketch, Masson, Rim & Lee, VLDB 2019,
 * https://arxiv.org/abs/1908.10693) without bucket collapsing: every non-zero value x falls in
 * bucket i = ⌈ln|x| / ln γ⌉ of its sign, γ = (1 + α)/(1 − α), covering (γ^(i−1), γ^i] in
 * magnitude; zeros are counted apart. Counts per bucket are exact, so sketches of disjoint
 * shards merge by adding counts, and the merge equals the sketch of the whole bucket for bucket
 * (deterministic: no sampling, no compaction). Each bucket's representative 2γ^i/(γ + 1) is within
 * α of every value in it, relative: the value at any rank is known to α. The number of buckets
 * grows with log(max|x| / min|x|) only (about 140 per factor of 2 at α = 0.005), never with rows.
 */

/** α: every quantile read from a sketch is within this relative error of the order statistic it estimates. */
export const SKETCH_RELATIVE_ACCURACY = 0.005;
export const SKETCH_METHOD = "ddsketch";

/** γ = (1 + α)/(1 − α). */
export function sketchGamma(alpha: number): number {
  return (1 + alpha) / (1 - alpha);
}

/** A sketch bucket: the sign of its values (−1, 0 or 1), its index and its count. */
export interface SketchBucket {
  sign: number;
  index: number;
  count: number;
}

/** The sketch of bucket counts (from `sketchCountsSql`), buckets sorted by index. */
export function sketchOfBuckets(buckets: readonly SketchBucket[], alpha = SKETCH_RELATIVE_ACCURACY): ProfileSketch {
  const positive: Array<[number, number]> = [];
  const negative: Array<[number, number]> = [];
  let zero = 0;
  for (const { sign, index, count } of buckets) {
    if (sign === 0) zero += count;
    else (sign > 0 ? positive : negative).push([index, count]);
  }
  const byIndex = (a: [number, number], b: [number, number]) => a[0] - b[0];
  return {
    method: SKETCH_METHOD,
    relative_accuracy: alpha,
    zero,
    positive: positive.sort(byIndex),
    negative: negative.sort(byIndex),
  };
}

function addStore(stores: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (const store of stores) for (const [index, count] of store) counts.set(index, (counts.get(index) ?? 0) + count);
  return [...counts].sort((a, b) => a[0] - b[0]);
}

/** Adds sketches of disjoint samples (exact: bucket counts add). All must share one relative accuracy. */
export function mergeSketches(sketches: readonly ProfileSketch[]): ProfileSketch | undefined {
  if (sketches.length === 0) return undefined;
  const alphas = new Set(sketches.map((sketch) => sketch.relative_accuracy));
  if (alphas.size > 1)
    throw usageError(
      `the profiles' quantile sketches have different relative accuracies (${[...alphas].join(", ")})`,
      "profile every shard with the same Almanac version",
    );
  return {
    method: SKETCH_METHOD,
    relative_accuracy: (sketches[0] as ProfileSketch).relative_accuracy,
    zero: sketches.reduce((total, sketch) => total + sketch.zero, 0),
    positive: addStore(sketches.map((sketch) => sketch.positive)),
    negative: addStore(sketches.map((sketch) => sketch.negative)),
  };
}

/** One step of a sketch's ordered value distribution: a representative value, its bucket's count and upper bound. */
export interface SketchStep {
  /** Sort key shared by every sketch of the same α: negatives by descending index, then zero, then positives. */
  key: number;
  value: number;
  /** The bucket's largest value (for negatives, the supremum −γ^(i−1), not attained). */
  upper: number;
  count: number;
}

/** Sort key of a bucket: comparable across sketches of one α. */
function stepKey(sign: number, index: number): number {
  return sign === 0 ? 0 : sign > 0 ? 2 ** 40 + index : -(2 ** 40) - index;
}

/** The buckets in ascending order of value, with their representatives. */
export function sketchSteps(sketch: ProfileSketch): SketchStep[] {
  const gamma = sketchGamma(sketch.relative_accuracy);
  const represent = (index: number) => (2 * gamma ** index) / (gamma + 1);
  const steps: SketchStep[] = [];
  for (let k = sketch.negative.length - 1; k >= 0; k--) {
    const [index, count] = sketch.negative[k] as [number, number];
    steps.push({ key: stepKey(-1, index), value: -represent(index), upper: -(gamma ** (index - 1)), count });
  }
  if (sketch.zero > 0) steps.push({ key: 0, value: 0, upper: 0, count: sketch.zero });
  for (const [index, count] of sketch.positive)
    steps.push({ key: stepKey(1, index), value: represent(index), upper: gamma ** index, count });
  return steps;
}

/** Values the sketch holds. */
export function sketchCount(sketch: ProfileSketch): number {
  return sketch.zero + [...sketch.positive, ...sketch.negative].reduce((total, [, count]) => total + count, 0);
}

/** The representative of the 0-based rank `rank` (within α of the order statistic there). */
function valueAtRank(steps: readonly SketchStep[], rank: number): number {
  let below = 0;
  for (const step of steps) {
    below += step.count;
    if (rank < below) return step.value;
  }
  return (steps.at(-1) as SketchStep).value;
}

/** numpy's `_lerp` (from the nearer end). */
function lerp(a: number, b: number, t: number): number {
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/**
 * The {@link PROFILE_QUANTILES} of a sketch as numpy's linear quantile (type 7): position
 * (n − 1)q between the estimates of the order statistics x₍ₖ₎ and x₍ₖ₊₁₎ around it, clamped to
 * [min, max]. Each is within α · max(|x₍ₖ₎|, |x₍ₖ₊₁₎|) of the exact quantile: within α relative
 * when both order statistics have the same sign. Example: the sketch of 1…100 at α = 0.005
 * gives a median within 0.5 % of 50.5.
 */
export function quantilesOfSketch(sketch: ProfileSketch, min: number, max: number): Array<number | null> {
  const steps = sketchSteps(sketch);
  const total = sketchCount(sketch);
  return PROFILE_QUANTILES.map((q) => {
    if (total === 0) return null;
    const position = (total - 1) * q;
    const below = Math.floor(position);
    const low = valueAtRank(steps, below);
    const high = valueAtRank(steps, Math.min(total - 1, below + 1));
    return Math.min(max, Math.max(min, lerp(low, high, position - below)));
  });
}

/**
 * The first Wasserstein distance between the two samples the sketches describe, through the
 * quantile functions: ∫₀¹ |F⁻¹(u) − G⁻¹(u)| du with each order statistic replaced by its bucket's
 * representative, and its error bound α · (E|X| + E|Y|) (each representative is within α of the
 * values of its bucket, and W₁ is a metric). Pure; O(buckets).
 */
export function sketchWasserstein(
  reference: ProfileSketch,
  current: ProfileSketch,
): { distance: number; bound: number } {
  const a = sketchSteps(reference);
  const b = sketchSteps(current);
  const n = sketchCount(reference);
  const m = sketchCount(current);
  const parts: number[] = [];
  let i = 0;
  let j = 0;
  let u = 0;
  let cumulativeA = (a[0] as SketchStep).count;
  let cumulativeB = (b[0] as SketchStep).count;
  while (i < a.length && j < b.length) {
    const ua = cumulativeA / n;
    const ub = cumulativeB / m;
    const next = Math.min(ua, ub);
    parts.push((next - u) * Math.abs((a[i] as SketchStep).value - (b[j] as SketchStep).value));
    u = next;
    if (ua <= next && ++i < a.length) cumulativeA += (a[i] as SketchStep).count;
    if (ub <= next && ++j < b.length) cumulativeB += (b[j] as SketchStep).count;
  }
  const alpha = reference.relative_accuracy;
  const meanAbs = (steps: SketchStep[], total: number) =>
    compensatedSum(steps.map((step) => (Math.abs(step.value) * step.count) / total)) / (1 - alpha);
  return { distance: compensatedSum(parts), bound: alpha * (meanAbs(a, n) + meanAbs(b, m)) };
}

/**
 * Extremes of F_ref − F_cur at every bucket's upper bound (both sketches share the buckets of
 * their α, and their counts are exact, so these are exact values of the ECDFs), and how far the
 * supremum over all x can exceed them: inside a bucket F_ref rises by at most its share there
 * and F_cur by at most its own. Pure.
 */
export function sketchEcdfExtremes(
  reference: ProfileSketch,
  current: ProfileSketch,
): { maxDifference: number; minDifference: number; ksUpper: number } {
  const n = sketchCount(reference);
  const m = sketchCount(current);
  const byKey = new Map<number, { r: number; c: number }>();
  for (const step of sketchSteps(reference)) byKey.set(step.key, { r: step.count, c: 0 });
  for (const step of sketchSteps(current)) {
    const entry = byKey.get(step.key);
    if (entry) entry.c = step.count;
    else byKey.set(step.key, { r: 0, c: step.count });
  }
  let k1 = 0;
  let k2 = 0;
  let maxDifference = Number.NEGATIVE_INFINITY;
  let minDifference = Number.POSITIVE_INFINITY;
  let ksUpper = 0;
  for (const key of [...byKey.keys()].sort((x, y) => x - y)) {
    const { r, c } = byKey.get(key) as { r: number; c: number };
    const before = k1 / n - k2 / m;
    ksUpper = Math.max(ksUpper, before + r / n, -(before - c / m));
    k1 += r;
    k2 += c;
    const difference = k1 / n - k2 / m;
    maxDifference = Math.max(maxDifference, difference);
    minDifference = Math.min(minDifference, difference);
  }
  return { maxDifference, minDifference, ksUpper: Math.min(1, ksUpper) };
}
