import { describe, expect, it } from "vitest";
import { coarsen, latticeWidth, mergeHistograms } from "../../core/profile/lattice.ts";
import { mergeMoments, stdOf } from "../../core/profile/moments.ts";
import { quantilesFromHistogram } from "../../core/profile/quantiles.ts";

describe("power-of-two histogram lattices", () => {
  it("picks the smallest power-of-two width giving at most 33 bins (integers at least 1 wide)", () => {
    expect(latticeWidth(0, 100, true)).toBe(4);
    expect(latticeWidth(0, 0.37, false)).toBe(0.015625);
    expect(latticeWidth(1, 12, true)).toBe(1);
    expect(latticeWidth(5, 5, false)).toBe(0.125);
  });

  it("coarsens exactly: every fine bin lies inside one coarse bin", () => {
    expect(coarsen({ width: 1, edges: [3, 4, 5, 6, 7], counts: [1, 2, 3, 4] }, 4)).toEqual({
      width: 4,
      edges: [0, 4, 8],
      counts: [1, 9],
    });
    expect(() => coarsen({ width: 1, edges: [0, 1], counts: [1] }, 3)).toThrow("powers of two");
  });

  it("merges histograms of different widths and ranges on the widest lattice", () => {
    const merged = mergeHistograms([
      { width: 1, edges: [0, 1, 2], counts: [5, 6] },
      { width: 2, edges: [4, 6, 8], counts: [1, 2] },
    ]);
    expect(merged).toEqual({ width: 2, edges: [0, 2, 4, 6, 8], counts: [11, 0, 1, 2] });
  });
});

describe("mergeable moments", () => {
  it("merges count, sum and M2 of parts into those of the whole (Chan et al.)", () => {
    const part = (values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return {
        count: values.length,
        sum: values.reduce((a, b) => a + b, 0),
        m2: values.reduce((a, v) => a + (v - mean) ** 2, 0),
      };
    };
    const merged = mergeMoments([part([1, 2]), part([3]), part([10, 20, 30])]);
    expect(merged).toEqual(part([1, 2, 3, 10, 20, 30]));
    expect(stdOf(merged)).toBeCloseTo(Math.sqrt(688 / 6), 12);
  });
});

describe("quantiles from a histogram (after a merge)", () => {
  it("interpolates within the bin holding the rank, within one bin width of the exact value", () => {
    const q = quantilesFromHistogram({ width: 1, edges: [0, 1, 2, 3, 4], counts: [1, 1, 1, 1] }, 0.5, 3.5);
    expect(q.p50).toBeCloseTo(2, 12);
    expect(q.p1).toBeCloseTo(0.53, 12);
    expect(q.p99).toBeCloseTo(3.47, 12);
  });
});
