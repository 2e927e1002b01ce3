import type { ColumnKind } from "./types.ts";

/**
 * Evidently's default test per column (`_get_default_stattest`,
 * https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/registry.py),
 * so results are familiar to its users.
 */

/** Up to this many non-null reference values, p-value tests; above, distances. */
export const SMALL_SAMPLE_ROWS = 1000;
/** Numeric columns with at most this many distinct values (over both samples) are treated as categories. */
export const FEW_DISTINCT_VALUES = 5;
/** Categories with at most this many distinct values are binary: a z-test instead of chi-square. */
export const BINARY_DISTINCT_VALUES = 2;

/** The chosen test and, in words, why. */
export interface DefaultChoice {
  test: string;
  reason: string;
}

/** What the choice reads: column kind, reference size and distinct values over both samples. */
export interface ChoiceInput {
  kind: ColumnKind;
  referenceCount: number;
  /** Distinct values of reference ∪ current; undefined when known to exceed {@link FEW_DISTINCT_VALUES}. */
  unionDistinct: number | undefined;
}

function describeDistinct(unionDistinct: number | undefined): string {
  return unionDistinct === undefined ? "many distinct values" : `${unionDistinct} distinct values`;
}

function smallChoice({ kind, unionDistinct }: ChoiceInput, size: string): DefaultChoice {
  const distinct = describeDistinct(unionDistinct);
  const few = unionDistinct !== undefined && unionDistinct <= FEW_DISTINCT_VALUES;
  if (kind === "numeric" && !few)
    return {
      test: "ks",
      reason: `numeric column with ${size} and ${distinct} (> ${FEW_DISTINCT_VALUES}): Kolmogorov–Smirnov`,
    };
  const what =
    kind === "numeric"
      ? `numeric column with ${size} and ${distinct} (≤ ${FEW_DISTINCT_VALUES})`
      : `categorical column with ${size} and ${distinct}`;
  if ((unionDistinct ?? Number.POSITIVE_INFINITY) > BINARY_DISTINCT_VALUES)
    return { test: "chisquare", reason: `${what}: chi-square (more than ${BINARY_DISTINCT_VALUES} values)` };
  return { test: "z", reason: `${what}: z-test for two proportions (at most ${BINARY_DISTINCT_VALUES} values)` };
}

function largeChoice({ kind, unionDistinct }: ChoiceInput, size: string): DefaultChoice {
  const distinct = describeDistinct(unionDistinct);
  if (kind === "categorical")
    return { test: "jensenshannon", reason: `categorical column with ${size}: Jensen–Shannon distance` };
  if (unionDistinct !== undefined && unionDistinct <= FEW_DISTINCT_VALUES)
    return {
      test: "jensenshannon",
      reason: `numeric column with ${size} and ${distinct} (≤ ${FEW_DISTINCT_VALUES}): Jensen–Shannon distance`,
    };
  return {
    test: "wasserstein_norm",
    reason: `numeric column with ${size} and ${distinct} (> ${FEW_DISTINCT_VALUES}): Wasserstein distance normed by the reference std`,
  };
}

/**
 * Evidently's default: with at most {@link SMALL_SAMPLE_ROWS} reference values, KS for numeric
 * columns with more than 5 distinct values, else chi-square (more than two values) or the
 * z-test; above, normed Wasserstein for numeric columns with more than 5 distinct values, else
 * Jensen–Shannon. The reason names the numbers the choice rests on.
 * Example: `defaultTest({ kind: "numeric", referenceCount: 822, unionDistinct: 40 }).test` → "ks".
 */
export function defaultTest(input: ChoiceInput): DefaultChoice {
  const small = input.referenceCount <= SMALL_SAMPLE_ROWS;
  const size = `${input.referenceCount} reference values (${small ? "≤" : ">"} SMALL_SAMPLE_ROWS = ${SMALL_SAMPLE_ROWS})`;
  const choice = small ? smallChoice(input, size) : largeChoice(input, size);
  return { test: choice.test, reason: `Evidently's default for a ${choice.reason}` };
}
