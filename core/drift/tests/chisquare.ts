import { chiSquareSurvival } from "../../stats/incomplete-gamma.ts";
import { defineDriftTest, P_VALUE_RANGE } from "../define.ts";
import type { BinnedCounts, TestOutcome } from "../types.ts";

/** Cochran's rule: the chi-square approximation is doubtful when more than 20 % of expected counts are below 5. */
export const CHI_SQUARE_MIN_EXPECTED = 5;
export const CHI_SQUARE_MAX_SMALL_SHARE = 0.2;

/**
 * Pearson's chi-square test of homogeneity on the 2 × k table of reference and current counts,
 * as `scipy.stats.chi2_contingency(table, correction=False)`: expected = row total × column
 * total / N, χ² = Σ (O − E)² / E, k − 1 degrees of freedom (χ² = 0, p = 1 for a single bin).
 * A category seen on one side only is a column of the table like any other; a bin empty on both
 * sides (possible with Sturges bins) is not a category and is left out. Effect size:
 * Cramér's V = √(χ² / N) for a 2 × k table.
 */
export function chiSquareHomogeneity(bins: Pick<BinnedCounts, "reference" | "current">): TestOutcome {
  const kept = bins.reference
    .map((_, j) => j)
    .filter((j) => (bins.reference[j] as number) + (bins.current[j] as number) > 0);
  const rows = [kept.map((j) => bins.reference[j] as number), kept.map((j) => bins.current[j] as number)];
  const rowTotals = rows.map((row) => row.reduce((a, b) => a + b, 0));
  const total = (rowTotals[0] as number) + (rowTotals[1] as number);
  const k = kept.length;
  if (k <= 1) return { statistic: 0, pValue: 1, effectSize: 0, effectSizeName: "cramers_v" };
  let statistic = 0;
  let small = 0;
  rows.forEach((row, r) => {
    row.forEach((observed, j) => {
      const expected = ((rowTotals[r] as number) * (observed + (rows[1 - r]?.[j] as number))) / total;
      statistic += (observed - expected) ** 2 / expected;
      if (expected < CHI_SQUARE_MIN_EXPECTED) small++;
    });
  });
  const warnings =
    small / (2 * k) > CHI_SQUARE_MAX_SMALL_SHARE
      ? [
          `${small} of ${2 * k} expected counts are below CHI_SQUARE_MIN_EXPECTED = ${CHI_SQUARE_MIN_EXPECTED}: the chi-square p-value is approximate (Cochran's rule)`,
        ]
      : [];
  return {
    statistic,
    pValue: chiSquareSurvival(statistic, k - 1),
    effectSize: Math.sqrt(statistic / total),
    effectSizeName: "cramers_v",
    warnings,
  };
}

/** Pearson's chi-square test of homogeneity (scipy's chi2_contingency without Yates' correction). */
export const chisquare = defineDriftTest({
  name: "chisquare",
  title: "Chi-square (homogeneity)",
  direction: "p_value",
  defaultThreshold: 0.05,
  thresholdRange: P_VALUE_RANGE,
  kinds: ["categorical", "numeric"],
  requires: [],
  fromProfile: true,
  compute: (input) => chiSquareHomogeneity(input.bins),
  source: "https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.chi2_contingency.html",
});
