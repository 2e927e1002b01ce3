import { z } from "zod";
import { API_VERSION, DataFormatSchema } from "./common.ts";

/** The quantiles every numeric column records, as keys p1 … p99. */
export const PROFILE_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

const QuantileValue = z.number().nullable();

export const ProfileQuantilesSchema = z
  .strictObject({
    p1: QuantileValue.describe("1st percentile."),
    p5: QuantileValue.describe("5th percentile."),
    p25: QuantileValue.describe("25th percentile (lower quartile)."),
    p50: QuantileValue.describe("Median."),
    p75: QuantileValue.describe("75th percentile (upper quartile)."),
    p95: QuantileValue.describe("95th percentile."),
    p99: QuantileValue.describe("99th percentile."),
  })
  .describe("Quantiles, linear interpolation between order statistics (numpy's default, type 7).");
export type ProfileQuantiles = z.infer<typeof ProfileQuantilesSchema>;

export const ProfileMomentsSchema = z
  .strictObject({
    count: z.number().int().nonnegative().describe("Values summed (non-null, finite)."),
    sum: z.number().describe("Sum of the values (compensated summation; exact for integers)."),
    m2: z
      .number()
      .nonnegative()
      .describe("Sum of squared deviations from the mean, Σ(x − mean)² (Welford), so profiles merge exactly."),
  })
  .describe("Moments stored so that merged profiles get exact means and standard deviations (Chan et al.).");
export type ProfileMoments = z.infer<typeof ProfileMomentsSchema>;

export const ProfileHistogramSchema = z
  .strictObject({
    width: z
      .number()
      .positive()
      .describe("Bin width, a power of two: bins of any two profiles nest, so histograms merge exactly."),
    edges: z.array(z.number()).min(2).describe("Bin edges, multiples of width; bin i is [edges[i], edges[i+1])."),
    counts: z.array(z.number().int().nonnegative()).describe("Values per bin."),
  })
  .describe("Histogram on a power-of-two lattice.");
export type ProfileHistogram = z.infer<typeof ProfileHistogramSchema>;

const SketchStoreSchema = z
  .array(
    z
      .tuple([z.number().int(), z.number().int().positive()])
      .describe("[bucket index i, values in it]: magnitudes in (γ^(i−1), γ^i]."),
  )
  .describe("Non-empty buckets, by index.");

export const ProfileSketchSchema = z
  .strictObject({
    method: z.literal("ddsketch").describe("DDSketch's log buckets, never collapsed (core/profile/sketch.ts)."),
    relative_accuracy: z
      .number()
      .positive()
      .lt(1)
      .describe(
        "α: every quantile read from the sketch is within α·max(|x₍ₖ₎|, |x₍ₖ₊₁₎|) of the exact one (α relative when both order statistics around it have one sign). γ = (1 + α)/(1 − α).",
      ),
    zero: z.number().int().nonnegative().describe("Values equal to 0."),
    positive: SketchStoreSchema.describe("Positive values: bucket i = ⌈ln x / ln γ⌉."),
    negative: SketchStoreSchema.describe("Negative values: bucket i = ⌈ln |x| / ln γ⌉."),
  })
  .describe(
    "A mergeable quantile sketch with a stated relative error: exact counts per log bucket, so shard sketches add up to the sketch of the whole.",
  );
export type ProfileSketch = z.infer<typeof ProfileSketchSchema>;

export const ProfileTopSchema = z
  .strictObject({
    values: z
      .array(
        z
          .strictObject({
            value: z.string().describe("The value as text."),
            count: z.number().int().nonnegative().describe("Rows holding it."),
          })
          .describe("A value and its count."),
      )
      .describe("The most frequent values, most frequent first (ties by value)."),
    rest: z.number().int().nonnegative().describe("Non-null rows holding any other value."),
    complete: z.boolean().describe("True when every distinct value is listed (rest is 0)."),
  })
  .describe("Top values with counts, and the count of the rest.");
export type ProfileTop = z.infer<typeof ProfileTopSchema>;

export const ProfileColumnSchema = z
  .strictObject({
    name: z.string().describe("Column name."),
    type: z
      .enum(["number", "integer", "category", "boolean", "string", "datetime", "other"])
      .describe("Column type (the manifest's, or inferred from the file)."),
    duckdb_type: z.string().describe("The type DuckDB read."),
    count: z.number().int().nonnegative().describe("Non-null values (for numbers: finite values)."),
    nulls: z.number().int().nonnegative().describe("Null values (for numbers: also NaN and ±infinity)."),
    distinct: z.number().int().nonnegative().describe("Distinct non-null values (see distinct_method)."),
    distinct_method: z
      .enum(["exact", "estimate", "lower_bound"])
      .describe("exact (all values listed), estimate (HyperLogLog, ~2 % error) or lower_bound (after a merge)."),
    min: z.union([z.number(), z.string()]).nullable().describe("Smallest value (ISO text for dates)."),
    max: z.union([z.number(), z.string()]).nullable().describe("Largest value (ISO text for dates)."),
    mean: z.number().nullable().optional().describe("Mean (numbers)."),
    std: z.number().nullable().optional().describe("Population standard deviation, ddof = 0 (numbers)."),
    moments: ProfileMomentsSchema.optional(),
    quantiles: ProfileQuantilesSchema.optional(),
    quantiles_method: z
      .enum(["exact", "sketch", "histogram"])
      .optional()
      .describe(
        "exact (from the data), sketch (after a merge: from the quantile sketch, within its relative_accuracy) or histogram (after a merge of profiles without sketches: within one bin width).",
      ),
    histogram: ProfileHistogramSchema.optional(),
    sketch: ProfileSketchSchema.optional(),
    top: ProfileTopSchema.optional(),
  })
  .describe("The profile of one column.");
export type ProfileColumn = z.infer<typeof ProfileColumnSchema>;

/** `reports/profiles/<dataset>/<version>.json`, written by `almanac profile`. */
export const ProfileSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema path."),
    apiVersion: z.literal(API_VERSION).describe("Format version."),
    kind: z.literal("DatasetProfile").describe("Always DatasetProfile."),
    dataset: z.string().optional().describe("Dataset id, for dataset profiles."),
    version: z.string().optional().describe("Dataset version profiled."),
    source: z
      .strictObject({
        files: z.array(z.string()).describe("Files read (repository-relative for datasets)."),
        format: DataFormatSchema,
      })
      .describe("What was read."),
    rows: z.number().int().nonnegative().describe("Rows read."),
    merged_from: z.number().int().min(2).optional().describe("Number of profiles merged into this one."),
    shard: z
      .strictObject({
        index: z.number().int().positive().describe("This shard's number, 1 … count."),
        count: z.number().int().positive().describe("Shards the source was split into."),
        by: z
          .enum(["files", "rows"])
          .describe(
            "files: a contiguous block of the sorted file list; rows: Parquet rows whose row number within their file ≡ index − 1 (mod count).",
          ),
      })
      .optional()
      .describe("Which part of the source this profile covers (almanac profile --shard i/n)."),
    columns: z.array(ProfileColumnSchema).describe("Per-column profiles, in file order."),
  })
  .describe("An Almanac dataset profile: small, mergeable summary statistics of a dataset.");
export type Profile = z.infer<typeof ProfileSchema>;
