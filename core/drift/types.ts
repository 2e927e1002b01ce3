/** How a column is compared: numeric values, or categories (strings, booleans, codes). */
export type ColumnKind = "numeric" | "categorical";

/** How a test's threshold reads: a p-value (drift when p < threshold) or a distance (drift when d ≥ threshold). */
export type Direction = "p_value" | "distance";

/**
 * Counts of reference and current values per bin, aligned: one bin per distinct value
 * (categories, or numbers with few distinct values) or one per numeric interval.
 */
export interface BinnedCounts {
  /** How the bins were made, for the report (e.g. `sturges`, `values`). */
  method: "values" | "sturges" | "profile-values" | "profile-histogram";
  /** A label per bin: the value, or `[low, high)`. */
  labels: string[];
  /** Bin edges (length = bins + 1) for interval bins. */
  edges?: number[];
  reference: number[];
  current: number[];
}

/** Extremes of F_ref − F_cur over the distinct values, and ∫|F_ref − F_cur|, from one sorted scan. */
export interface EcdfSummary {
  /** max over distinct values of F_ref(v) − F_cur(v). */
  maxDifference: number;
  /** min over distinct values of F_ref(v) − F_cur(v). */
  minDifference: number;
  /** Σ |F_ref(vᵢ) − F_cur(vᵢ)| (vᵢ₊₁ − vᵢ): the first Wasserstein distance. */
  wasserstein: number;
}

/** Everything the tests may read about one column on both sides. */
export interface ColumnInput {
  column: string;
  kind: ColumnKind;
  /** Non-null (and finite) reference values. */
  referenceCount: number;
  currentCount: number;
  /** Population standard deviation of the reference (numeric). */
  referenceStd?: number;
  /** Distinct non-null values in the reference alone, when known exactly. */
  referenceDistinct?: number;
  /** Distinct non-null values in reference ∪ current, when known exactly (otherwise > 5). */
  unionDistinct?: number;
  /** The Evidently binning (`get_binned_data`), for the binned tests and the charts. */
  bins: BinnedCounts;
  /** The sorted-scan summary, for tests on raw values (absent when the reference is a profile). */
  ecdf?: EcdfSummary;
  /** Evidently's Hellinger binning of numeric columns: Sturges edges over the distinct values. */
  hellingerBins?: BinnedCounts;
}

/** What one test computed for one column. */
export interface TestOutcome {
  statistic: number;
  pValue?: number;
  effectSize?: number;
  effectSizeName?: string;
  /** e.g. `exact` or `asymptotic` for the KS p-value. */
  method?: string;
  warnings?: string[];
}

/** The pieces of {@link ColumnInput} a test reads, so the collector computes only what is needed. */
export type Requirement = "ecdf" | "hellinger";

/** An open threshold interval check, e.g. p-values in (0, 1). */
export interface ThresholdRange {
  min: number;
  max: number;
  /** Whether `max` itself is allowed. */
  maxInclusive: boolean;
}

/** A drift test, declared with {@link defineDriftTest}. */
export interface DriftTest {
  /** Registry name, e.g. `ks`. */
  name: string;
  /** Human title, e.g. `Kolmogorov–Smirnov`. */
  title: string;
  direction: Direction;
  defaultThreshold: number;
  /** Thresholds outside this range are refused with a message. */
  thresholdRange: ThresholdRange;
  /** Column kinds the test applies to. */
  kinds: readonly ColumnKind[];
  /** Extra inputs beyond the bins. */
  requires: readonly Requirement[];
  /** Whether it can run when the reference is a profile (binned counts; tests on raw values use the ECDFs at the bin edges). */
  fromProfile: boolean;
  /** A reason the test does not apply to this column (e.g. z on a non-binary column), or undefined. */
  notApplicable?: (input: ColumnInput) => string | undefined;
  compute: (input: ColumnInput) => TestOutcome;
  /** Where the definition comes from. */
  source: string;
}
