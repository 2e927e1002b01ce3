import { describe, expect, it } from "vitest";
import { binJointCounts, ecdfOfCounts, jointCounts } from "../../core/drift/joint-counts.ts";
import {
  combineEcdfParts,
  ecdfOfSorted,
  ecdfPartOfSorted,
  ecdfSplit,
  histogramOfSorted,
  rangeOfSorted,
} from "../../core/drift/sorted-samples.ts";
import { SortWorker, sharedFloat64 } from "../../core/stats/sort-pair.ts";

const sorted = (values: number[]) => Float64Array.from(values).sort();

/** Value → count, for the joint-counts path the sorted path must agree with. */
function counts(values: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const value of values) map.set(value, (map.get(value) ?? 0) + 1);
  return map;
}

describe("the sorted scans in JavaScript", () => {
  it("gives the documented examples", () => {
    expect(ecdfOfSorted(sorted([1, 2]), sorted([2, 3]))).toEqual({
      maxDifference: 0.5,
      minDifference: 0,
      wasserstein: 1,
      unionDistinct: 3,
    });
    expect(histogramOfSorted(sorted([0, 1, 1, 2]), [0, 1, 2])).toEqual([1, 3]);
    expect(rangeOfSorted(sorted([1, 2, 3]))).toEqual({ min: 1, max: 3, std: 0.816496580927726 });
  });

  it("agrees exactly with the joint value counts on samples with ties, one side ending first", () => {
    const reference = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, -2.5, 0, 0];
    const current = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5, 9, 0.5, 12];
    const joint = jointCounts(counts(reference), counts(current));
    const { unionDistinct, ...ecdf } = ecdfOfSorted(sorted(reference), sorted(current));
    expect(ecdf).toEqual(ecdfOfCounts(joint, reference.length, current.length));
    expect(unionDistinct).toBe(joint.values.length);
    const edges = [-2.5, 1, 4.5, 8, 12];
    const binned = binJointCounts(joint, edges);
    expect(histogramOfSorted(sorted(reference), edges)).toEqual(binned.reference);
    expect(histogramOfSorted(sorted(current), edges)).toEqual(binned.current);
  });

  it("counts a value on an inner edge in the bin it opens, on the last edge in the last bin (numpy.histogram)", () => {
    expect(histogramOfSorted(sorted([0, 0.5, 1, 1, 1.5, 2, 2]), [0, 1, 2])).toEqual([2, 5]);
    expect(histogramOfSorted(sorted([-1, 0, 3]), [0, 1, 2])).toEqual([1, 0]);
  });
});

describe("the sorted scan cut in two parts (two threads)", () => {
  /** Sorted values in shared memory: `n` draws of a seeded generator, rounded to `step` (ties). */
  function sample(n: number, seed: number, shift: number, step: number): Float64Array {
    const values = sharedFloat64(n);
    let state = seed;
    for (let i = 0; i < n; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const u = (state + 0.5) / 2147483648;
      values[i] = Math.round((Math.log(u / (1 - u)) + shift) / step) * step;
    }
    return values.sort();
  }

  it("gives the one-pass scan's extremes and distinct count exactly, and its Wasserstein sum to an ulp or two", async () => {
    const worker = new SortWorker();
    try {
      for (const [n1, n2, step] of [
        [200_000, 150_000, 1e-9],
        [100_000, 120_000, 0.01],
        [5, 3, 1],
        [1, 40, 0.5],
      ] as const) {
        const reference = sample(n1, 7, 0, step);
        const current = sample(n2, 11, 0.05, step);
        const whole = ecdfOfSorted(reference, current);
        const cut = ecdfSplit(reference, current);
        const parts = [
          ecdfPartOfSorted(reference, current, [0, 0], cut),
          await worker.ecdfPart(reference, current, cut, [n1, n2]),
        ];
        const combined = combineEcdfParts(parts);
        expect([combined.maxDifference, combined.minDifference, combined.unionDistinct]).toEqual([
          whole.maxDifference,
          whole.minDifference,
          whole.unionDistinct,
        ]);
        expect(Math.abs(combined.wasserstein - whole.wasserstein)).toBeLessThanOrEqual(4e-16 * whole.wasserstein);
        // No distinct value is split between the parts.
        const [i, j] = cut;
        const below = Math.max(
          reference[i - 1] ?? Number.NEGATIVE_INFINITY,
          current[j - 1] ?? Number.NEGATIVE_INFINITY,
        );
        const from = Math.min(reference[i] ?? Number.POSITIVE_INFINITY, current[j] ?? Number.POSITIVE_INFINITY);
        expect(below).toBeLessThan(from);
      }
      // An empty part adds nothing.
      const one = ecdfPartOfSorted(Float64Array.of(1, 2), Float64Array.of(2, 3), [0, 0], [2, 2]);
      const empty = ecdfPartOfSorted(Float64Array.of(1, 2), Float64Array.of(2, 3), [2, 2], [2, 2]);
      expect(combineEcdfParts([one, empty])).toEqual(ecdfOfSorted(Float64Array.of(1, 2), Float64Array.of(2, 3)));
    } finally {
      await worker.close();
    }
  });
});
