import { describe, expect, it } from "vitest";
import { pairHistogramBins, pairValueBins } from "../../core/drift/profile-pair.ts";

describe("bins of two profiles", () => {
  it("both value lists complete: one bin per value of either side", () => {
    const reference = {
      values: [
        { value: "a", count: 5 },
        { value: "b", count: 3 },
      ],
      rest: 0,
      complete: true,
    };
    const current = {
      values: [
        { value: "c", count: 4 },
        { value: "a", count: 2 },
      ],
      rest: 0,
      complete: true,
    };
    expect(pairValueBins(reference, current, false)).toEqual({
      method: "profile-values",
      labels: ["a", "b", "c"],
      reference: [5, 3, 0],
      current: [2, 0, 4],
    });
  });

  it("a list cut short: the values both name, and (other) holding each side's remaining rows", () => {
    // The reference lists a, b, c and has 10 more rows; the current lists c, a, d and has 4 more.
    const reference = {
      values: [
        { value: "a", count: 50 },
        { value: "b", count: 30 },
        { value: "c", count: 20 },
      ],
      rest: 10,
      complete: false,
    };
    const current = {
      values: [
        { value: "c", count: 9 },
        { value: "a", count: 7 },
        { value: "d", count: 6 },
      ],
      rest: 4,
      complete: false,
    };
    expect(pairValueBins(reference, current, false)).toEqual({
      method: "profile-values",
      labels: ["a", "c", "(other)"],
      reference: [50, 20, 40],
      current: [7, 9, 10],
    });
  });

  it("histograms of different widths: the finer one coarsened, both aligned over their union", () => {
    const reference = { width: 1, edges: [2, 3, 4, 5], counts: [1, 2, 3] };
    const current = { width: 2, edges: [4, 6, 8], counts: [5, 6] };
    expect(pairHistogramBins(reference, current)).toEqual({
      method: "profile-histogram",
      labels: ["[2, 4)", "[4, 6)", "[6, 8]"],
      edges: [2, 4, 6, 8],
      reference: [3, 3, 0],
      current: [0, 5, 6],
    });
  });
});
