import { describe, expect, it } from "vitest";
import { fillEmptyShares, sturgesEdges } from "../../core/drift/binning.ts";
import { defaultTest } from "../../core/drift/default-test.ts";
import { isDrifted } from "../../core/drift/define.ts";
import { checkThreshold, resolveTest } from "../../core/drift/plan.ts";
import { DRIFT_TEST_NAMES, DRIFT_TESTS, thresholdProblem } from "../../core/drift/registry.ts";

describe("the drift test registry", () => {
  it("declares every test with its direction and Evidently's default threshold", () => {
    expect(DRIFT_TESTS.map((test) => [test.name, test.direction, test.defaultThreshold])).toEqual([
      ["ks", "p_value", 0.05],
      ["chisquare", "p_value", 0.05],
      ["z", "p_value", 0.05],
      ["psi", "distance", 0.1],
      ["jensenshannon", "distance", 0.1],
      ["kl_div", "distance", 0.1],
      ["hellinger", "distance", 0.1],
      ["linf", "distance", 0.1],
      ["wasserstein", "distance", 0.1],
      ["wasserstein_norm", "distance", 0.1],
    ]);
  });

  it("refuses an unknown test, suggesting the closest and listing the known ones", () => {
    const error = (() => {
      try {
        resolveTest("k-s");
      } catch (caught) {
        return caught as { message: string; hint: string; exitCode: number };
      }
    })();
    expect(error?.message).toBe('unknown drift test "k-s"');
    expect(error?.hint).toBe(`did you mean "ks"? available: ${DRIFT_TEST_NAMES.join(", ")}`);
    expect(error?.exitCode).toBe(2);
  });

  it("refuses thresholds out of a test's range", () => {
    const ks = resolveTest("ks");
    expect(thresholdProblem(ks, 0.05)).toBeUndefined();
    expect(thresholdProblem(ks, 1.5)).toBe(
      "threshold 1.5 for ks is out of range: expected a significance level (drift when p < threshold) in (0, 1)",
    );
    expect(thresholdProblem(resolveTest("jensenshannon"), 0.9)).toBe(
      "threshold 0.9 for jensenshannon is out of range: expected a distance (drift when ≥) in (0, 0.8325546111576977]",
    );
    expect(thresholdProblem(resolveTest("psi"), 25)).toBeUndefined();
    expect(() => checkThreshold(resolveTest("hellinger"), 0)).toThrow("threshold 0 for hellinger is out of range");
  });

  it("reads a threshold by the test's direction: p < α, or d ≥ threshold", () => {
    expect(isDrifted("p_value", { statistic: 1, pValue: 0.049 }, 0.05)).toBe(true);
    expect(isDrifted("p_value", { statistic: 1, pValue: 0.05 }, 0.05)).toBe(false);
    expect(isDrifted("distance", { statistic: 0.1 }, 0.1)).toBe(true);
    expect(isDrifted("distance", { statistic: 0.0999 }, 0.1)).toBe(false);
  });
});

describe("Evidently's default test per column", () => {
  const cases: Array<[Parameters<typeof defaultTest>[0], string]> = [
    [{ kind: "numeric", referenceCount: 1000, unionDistinct: 6 }, "ks"],
    [{ kind: "numeric", referenceCount: 1000, unionDistinct: undefined }, "ks"],
    [{ kind: "numeric", referenceCount: 500, unionDistinct: 5 }, "chisquare"],
    [{ kind: "numeric", referenceCount: 500, unionDistinct: 2 }, "z"],
    [{ kind: "categorical", referenceCount: 500, unionDistinct: 3 }, "chisquare"],
    [{ kind: "categorical", referenceCount: 500, unionDistinct: 2 }, "z"],
    [{ kind: "numeric", referenceCount: 1001, unionDistinct: 6 }, "wasserstein_norm"],
    [{ kind: "numeric", referenceCount: 1001, unionDistinct: 5 }, "jensenshannon"],
    [{ kind: "categorical", referenceCount: 1001, unionDistinct: 2 }, "jensenshannon"],
  ];
  for (const [input, test] of cases)
    it(`${input.kind}, ${input.referenceCount} reference values, ${input.unionDistinct ?? "many"} distinct: ${test}`, () => {
      expect(defaultTest(input).test).toBe(test);
    });

  it("says why, naming the numbers and constants the choice rests on", () => {
    expect(defaultTest({ kind: "numeric", referenceCount: 826, unionDistinct: 65 }).reason).toBe(
      "Evidently's default for a numeric column with 826 reference values (≤ SMALL_SAMPLE_ROWS = 1000) and 65 distinct values (> 5): Kolmogorov–Smirnov",
    );
  });
});

describe("Evidently's binning", () => {
  it("uses numpy's Sturges edges from the count and the range", () => {
    expect(sturgesEdges(8, 0, 8)).toEqual([0, 2, 4, 6, 8]);
    expect(sturgesEdges(100, 0, 1)).toHaveLength(9);
    expect(sturgesEdges(5, 3, 3)).toEqual([2.5, 3.5]);
  });

  it("fills empty bins as Evidently: 1e-4, or the smallest share / 1e6 when that is at most 1e-4", () => {
    expect(fillEmptyShares([0, 0.5, 0.5])).toEqual([0.0001, 0.5, 0.5]);
    expect(fillEmptyShares([0, 0.00005, 0.99995])).toEqual([5e-11, 0.00005, 0.99995]);
  });
});
