import { ksTwoSample } from "../../stats/ks-two-sample.ts";
import { defineDriftTest, P_VALUE_RANGE } from "../define.ts";
import type { ColumnInput, EcdfSummary } from "../types.ts";
import { normedWasserstein, WASSERSTEIN_NORM_EFFECT } from "./wasserstein-norm.ts";

/** The two-sided KS statistic from the extremes of F_ref − F_cur, as scipy picks it (ties go to D⁺). */
export function ksStatistic(ecdf: EcdfSummary): number {
  const minus = Math.min(1, Math.max(0, -ecdf.minDifference));
  const plus = ecdf.maxDifference;
  return Math.max(minus, plus);
}

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, as `scipy.stats.ks_2samp(reference, current)`
 * with method "auto": D = sup |F_ref − F_cur| over the distinct values of both samples; the exact
 * p-value when both samples have at most 10 000 values, else the asymptotic one
 * (core/stats/ks-two-sample.ts). Effect size: the normed Wasserstein distance.
 */
export const ks = defineDriftTest({
  name: "ks",
  title: "Kolmogorov–Smirnov",
  direction: "p_value",
  defaultThreshold: 0.05,
  thresholdRange: P_VALUE_RANGE,
  kinds: ["numeric"],
  requires: ["ecdf"],
  fromProfile: true,
  compute(input: ColumnInput) {
    const ecdf = input.ecdf as EcdfSummary;
    const result = ksTwoSample(ksStatistic(ecdf), input.referenceCount, input.currentCount);
    return {
      statistic: result.statistic,
      pValue: result.pValue,
      method: result.method,
      effectSize: normedWasserstein(input),
      effectSizeName: WASSERSTEIN_NORM_EFFECT,
    };
  },
  source: "https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.ks_2samp.html",
});
