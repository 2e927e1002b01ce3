import type { DriftColumnResult } from "../schemas/drift-report.ts";
import { isDrifted, shares } from "./define.ts";
import { POOLED_MIN_EXPECTED, poolSparseBins } from "./pool-bins.ts";
import type { BinnedCounts, ColumnInput, DriftTest } from "./types.ts";

/** Fewer usable values than this on either side: the result carries a warning that the sample is too small to judge. */
export const MIN_VALUES_TO_JUDGE = 30;
/** From this many values on both sides, p-value tests flag differences too small to matter: read the effect size. */
export const LARGE_SAMPLE_VALUES = 100_000;

/** A test to run on a column, with the threshold applied and why it was chosen. */
export interface PlannedTest {
  test: DriftTest;
  threshold: number;
  reason: string;
  /** Run on the bins pooled to at least POOLED_MIN_EXPECTED expected current values each (see pool-bins.ts). */
  pooled?: boolean;
}

/** Sample-size warnings, naming the constants they rest on. */
export function sampleWarnings(input: ColumnInput, test: DriftTest): string[] {
  const warnings: string[] = [];
  const smallest = Math.min(input.referenceCount, input.currentCount);
  if (smallest < MIN_VALUES_TO_JUDGE) {
    const side = input.referenceCount <= input.currentCount ? "reference" : "current";
    warnings.push(
      `only ${smallest} ${side} values (< MIN_VALUES_TO_JUDGE = ${MIN_VALUES_TO_JUDGE}): too few to judge drift reliably`,
    );
  }
  if (test.direction === "p_value" && smallest >= LARGE_SAMPLE_VALUES)
    warnings.push(
      `${smallest}+ values on each side (≥ LARGE_SAMPLE_VALUES = ${LARGE_SAMPLE_VALUES}): a p-value test flags even negligible differences; read the effect size`,
    );
  return warnings;
}

/** Reference and current shares per bin, for charts. */
export function histogramOf(input: ColumnInput): DriftColumnResult["histogram"] {
  return {
    labels: input.bins.labels,
    ...(input.bins.edges ? { edges: input.bins.edges } : {}),
    reference: shares(input.bins.reference),
    current: shares(input.bins.current),
  };
}

const BINNING_TEXT: Record<ColumnInput["bins"]["method"], string> = {
  values: "one bin per value",
  sturges: "Sturges bins over reference ∪ current",
  "profile-values": "one bin per value of the reference profile",
  "profile-histogram": "the reference profile's histogram bins",
};

/** The binning a binned test used, in words, e.g. "Sturges bins over reference ∪ current (23 bins)". */
export function describeBinning(input: ColumnInput, test: DriftTest, pooled?: BinnedCounts): string {
  if (test.requires.includes("hellinger") && input.hellingerBins)
    return `Sturges bins over the distinct values of reference ∪ current (${input.hellingerBins.labels.length} bins)`;
  const binning = `${BINNING_TEXT[input.bins.method]} (${input.bins.labels.length} bins)`;
  if (test.requires.includes("ecdf"))
    return input.bins.method === "profile-values"
      ? `ECDFs compared at each value of the reference profile (${input.bins.labels.length} values)`
      : `ECDFs compared at the edges of ${binning}`;
  return pooled
    ? `${binning}, pooled to ${pooled.labels.length} bins of ≥ POOLED_MIN_EXPECTED = ${POOLED_MIN_EXPECTED} expected current values`
    : binning;
}

/** A distance on raw values computed from a profile's histogram is approximate: it says so. */
function profileWarnings(input: ColumnInput, test: DriftTest): string[] {
  if (input.bins.method !== "profile-histogram" || !test.requires.includes("ecdf") || test.direction !== "distance")
    return [];
  return [
    `${test.name} from the profile's histogram: the ECDFs are compared at its bin edges, exact to within one bin width`,
  ];
}

/** Runs one planned test on one column and records everything the report shows. */
export function runPlannedTest(input: ColumnInput, type: string, planned: PlannedTest): DriftColumnResult {
  const { test, threshold, reason } = planned;
  const base = {
    column: input.column,
    type,
    test: test.name,
    direction: test.direction,
    threshold,
    reference_rows: input.referenceCount,
    current_rows: input.currentCount,
    reason,
    histogram: histogramOf(input),
  };
  if (test.requires.includes("ecdf") && !input.ecdf) {
    return {
      ...base,
      statistic: null,
      ...(test.direction === "p_value" ? { p_value: null } : {}),
      drifted: false,
      computable: false,
      warnings: [`not computable: ${test.name} needs the raw reference values, and the reference is a profile`],
    };
  }
  const pooled = planned.pooled ? poolSparseBins(input.bins, input.kind === "numeric", input.currentCount) : undefined;
  const outcome = test.compute(pooled ? { ...input, bins: pooled } : input);
  const usesBins = !test.requires.includes("ecdf") || input.bins.method.startsWith("profile");
  return {
    ...base,
    statistic: outcome.statistic,
    ...(outcome.pValue !== undefined ? { p_value: outcome.pValue } : {}),
    ...(outcome.effectSize !== undefined ? { effect_size: outcome.effectSize } : {}),
    ...(outcome.effectSizeName ? { effect_size_name: outcome.effectSizeName } : {}),
    ...(outcome.method ? { method: outcome.method } : {}),
    ...(usesBins ? { binning: describeBinning(input, test, pooled) } : {}),
    drifted: isDrifted(test.direction, outcome, threshold),
    warnings: [...sampleWarnings(input, test), ...profileWarnings(input, test), ...(outcome.warnings ?? [])],
  };
}
