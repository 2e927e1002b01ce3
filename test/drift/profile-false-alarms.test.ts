import { describe, expect, it } from "vitest";
import { binnedEcdf } from "../../core/drift/binned-ecdf.ts";
import { POOLED_LABEL, poolSparseBins } from "../../core/drift/pool-bins.ts";
import { referenceProfile, simulate } from "../../scripts/drift-simulation.ts";

describe("bins from a profile", () => {
  it("pools ordered bins left to right until each expects 5 current values; a short tail joins the last group", () => {
    const bins = {
      method: "profile-histogram" as const,
      labels: ["[0, 1)", "[1, 2)", "[2, 3)", "[3, 4)", "[4, 5)"],
      edges: [0, 1, 2, 3, 4, 5],
      reference: [0, 50, 30, 15, 5],
      current: [1, 9, 4, 4, 2],
    };
    // 20 current values: reference shares expect 0, 10, 6, 3 and 1 current values per bin.
    expect(poolSparseBins(bins, true, 20)).toEqual({
      method: "profile-histogram",
      labels: ["[0, 2)", "[2, 5)"],
      reference: [50, 50],
      current: [10, 10],
    });
  });

  it("keeps categories expected to hold 5 current values and pools the rest, new categories included", () => {
    const bins = {
      method: "profile-values" as const,
      labels: ["a", "b", "c", "d", "e", "new"],
      reference: [50, 30, 8, 6, 6, 0],
      current: [20, 15, 5, 4, 3, 3],
    };
    // 50 current values expect 25, 15, 4, 3, 3 and 0: c, d, e and the new category pool to 10.
    expect(poolSparseBins(bins, false, 50)).toEqual({
      method: "profile-values",
      labels: ["a", "b", POOLED_LABEL],
      reference: [50, 30, 20],
      current: [20, 15, 15],
    });
    // 20 current values: the pooled bin expects 4, too few, and joins the smallest kept category.
    expect(poolSparseBins(bins, false, 20).labels).toEqual(["a", `b + ${POOLED_LABEL}`]);
  });

  it("compares the ECDFs at the bin edges (its KS statistic is at most the raw values')", () => {
    expect(
      binnedEcdf({
        method: "profile-histogram",
        labels: ["a", "b"],
        edges: [0, 1, 2],
        reference: [2, 2],
        current: [0, 4],
      }),
    ).toEqual({ maxDifference: 0.5, minDifference: 0, wasserstein: 0.5 });
  });
});

/**
 * A smaller run of scripts/drift-false-alarms.ts (which runs 200 trials per size): current
 * samples drawn from the distribution a 5,000-row profile describes are not called drifted,
 * and shifted ones are. Seeded, so the figures are fixed for this DuckDB version.
 */
describe("drift from a profile: false alarms at the nominal rate", async () => {
  const profile = await referenceProfile(5_000, 0.25);

  it("same distribution, 150 and 1,000 rows: no dataset drift in ≤ 5 % of trials, about 5 % of columns", async () => {
    for (const [rows, trials] of [
      [150, 30],
      [1_000, 10],
    ] as const) {
      const rate = await simulate(profile, { rows, trials, seed: 0.5 });
      expect(rate.datasetDrift, `${rows} rows`).toBeLessThanOrEqual(0.05);
      expect(rate.columnShare, `${rows} rows`).toBeLessThanOrEqual(0.08);
    }
  });

  it("the default it replaced (Jensen–Shannon ≥ 0.1) called most 150-row samples drifted", async () => {
    const rate = await simulate(profile, { rows: 150, trials: 10, seed: 0.5, mode: "previous" });
    expect(rate.datasetDrift).toBeGreaterThanOrEqual(0.3);
  });

  it("a shift of half a standard deviation (and 0.5 of a category's share) is found at 150 rows", async () => {
    const rate = await simulate(profile, { rows: 150, trials: 5, seed: 0.5, shift: 0.5 });
    expect(rate.datasetDrift).toBe(1);
  });
});
