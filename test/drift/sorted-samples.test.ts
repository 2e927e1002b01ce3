import { describe, expect, it } from "vitest";
import { binJointCounts, ecdfOfCounts, jointCounts } from "../../core/drift/joint-counts.ts";
import { ecdfOfSorted, histogramOfSorted, rangeOfSorted } from "../../core/drift/sorted-samples.ts";

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
