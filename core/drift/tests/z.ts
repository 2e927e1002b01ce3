import { normalTwoSidedTail } from "../../stats/incomplete-gamma.ts";
import { defineDriftTest, P_VALUE_RANGE } from "../define.ts";
import type { ColumnInput, TestOutcome } from "../types.ts";

/**
 * Pooled two-proportion z-test, two-sided, as Evidently's `z` test
 * (https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/z_stattest.py):
 * p₁, p₂ are the shares of values other than the first (sorted) value, P the pooled share,
 * z = (p₁ − p₂) / √(P(1 − P)(1/n₁ + 1/n₂)), p = Pr(|Z| ≥ |z|). Both samples holding the same
 * single value give z = 0, p = 1. Effect size: Cohen's h = |2 asin √p₁ − 2 asin √p₂|.
 */
export function twoProportionZ(input: Pick<ColumnInput, "bins" | "referenceCount" | "currentCount">): TestOutcome {
  const { bins } = input;
  if (bins.reference.length <= 1) return { statistic: 0, pValue: 1, effectSize: 0, effectSizeName: "cohens_h" };
  const n1 = input.referenceCount;
  const n2 = input.currentCount;
  const p1 = (n1 - (bins.reference[0] as number)) / n1;
  const p2 = (n2 - (bins.current[0] as number)) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const h = Math.abs(2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2)));
  return { statistic: z, pValue: normalTwoSidedTail(z), effectSize: h, effectSizeName: "cohens_h" };
}

/** Two-proportion z-test for binary columns (at most two distinct values over both samples). */
export const z = defineDriftTest({
  name: "z",
  title: "Z-test for two proportions",
  direction: "p_value",
  defaultThreshold: 0.05,
  thresholdRange: P_VALUE_RANGE,
  kinds: ["categorical", "numeric"],
  requires: [],
  fromProfile: true,
  notApplicable: (input) =>
    input.bins.method === "values" || input.bins.method === "profile-values"
      ? input.bins.reference.length > 2
        ? `not binary: ${input.bins.reference.length} distinct values`
        : undefined
      : "not binary: more than 20 distinct values",
  compute: twoProportionZ,
  source:
    "https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/z_stattest.py",
});
