import { z } from "zod";
import { API_VERSION } from "./common.ts";

export const DriftColumnResultSchema = z
  .strictObject({
    column: z.string().describe("Column name."),
    type: z.string().describe("Column type (number, integer, category, boolean, …)."),
    test: z
      .string()
      .describe(
        "Drift test applied (ks, chisquare, z, psi, jensenshannon, kl_div, hellinger, linf, wasserstein, wasserstein_norm).",
      ),
    direction: z
      .enum(["p_value", "distance"])
      .describe("p_value: drift when p < threshold; distance: drift when statistic ≥ threshold."),
    statistic: z.number().nullable().describe("Test statistic or distance; null when not computable."),
    p_value: z.number().nullable().optional().describe("p-value, for tests that have one."),
    effect_size: z
      .number()
      .nullable()
      .optional()
      .describe("An effect size shown next to a p-value (e.g. the normed Wasserstein distance)."),
    effect_size_name: z
      .string()
      .optional()
      .describe("Which effect size: wasserstein_norm, cramers_v (chi-square) or cohens_h (z-test)."),
    method: z
      .string()
      .optional()
      .describe("How the statistic was computed, e.g. exact or asymptotic for the KS p-value."),
    binning: z
      .string()
      .optional()
      .describe("The bins a binned test used, e.g. Sturges bins over reference ∪ current (23 bins)."),
    computable: z
      .boolean()
      .optional()
      .describe("False when the test needs raw reference values but the reference is a profile."),
    threshold: z.number().describe("Threshold actually applied."),
    drifted: z.boolean().describe("Whether the column drifted."),
    reference_rows: z.number().int().describe("Non-null reference values."),
    current_rows: z.number().int().describe("Non-null current values."),
    reason: z.string().describe("Why this test was chosen."),
    warnings: z.array(z.string()).default([]).describe("E.g. a sample too small to judge."),
    histogram: z
      .strictObject({
        labels: z.array(z.string()).describe("Bin labels (value or [low, high) range)."),
        edges: z.array(z.number()).optional().describe("Bin edges for numeric columns."),
        reference: z.array(z.number()).describe("Reference share per bin."),
        current: z.array(z.number()).describe("Current share per bin."),
      })
      .optional()
      .describe("Reference versus current distribution, for charts."),
  })
  .describe("Drift result of one column and test.");
export type DriftColumnResult = z.infer<typeof DriftColumnResultSchema>;

/** `reports/drift/<model>/<YYYY-MM-DD>.json`, written by `almanac drift`. */
export const DriftReportSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema path."),
    apiVersion: z.literal(API_VERSION).describe("Format version."),
    kind: z.literal("DriftReport").describe("Always DriftReport."),
    model: z.string().optional().describe("Model id, for model drift reports."),
    date: z.string().describe("Date of the report (YYYY-MM-DD)."),
    reference: z
      .strictObject({
        source: z.string().describe("Where the reference came from (split, file or profile)."),
        kind: z.enum(["raw", "profile"]).describe("Raw rows, or a committed profile."),
        rows: z.number().int().describe("Reference rows."),
      })
      .describe("The reference sample."),
    current: z
      .strictObject({
        source: z.string().describe("Where the current sample came from."),
        rows: z.number().int().describe("Current rows."),
        window: z
          .strictObject({
            start: z.string().optional().describe("Start."),
            end: z.string().optional().describe("End."),
          })
          .optional()
          .describe("Time window applied."),
      })
      .describe("The current sample."),
    dataset_drift: z.boolean().describe("True when the share of drifted columns reaches drift_share_threshold."),
    drift_share: z.number().describe("Observed share of drifted columns."),
    drift_share_threshold: z.number().describe("Share of drifted columns that declares dataset drift."),
    drifted_columns: z.number().int().describe("Number of drifted columns."),
    columns: z.array(DriftColumnResultSchema).describe("Per-column results."),
    schema_changes: z
      .array(
        z
          .strictObject({
            column: z.string().describe("Column."),
            change: z.enum(["missing", "new", "type"]).describe("What changed."),
            reference_type: z.string().optional().describe("Reference type."),
            current_type: z.string().optional().describe("Current type."),
          })
          .describe("A schema change."),
      )
      .default([])
      .describe("Columns missing, new, or with a changed type."),
    null_rates: z
      .array(
        z
          .strictObject({
            column: z.string().describe("Column."),
            reference: z.number().describe("Reference null share."),
            current: z.number().describe("Current null share."),
            flagged: z
              .boolean()
              .optional()
              .describe("True when the null share moved by at least NULL_SHARE_CHANGE (0.05)."),
          })
          .describe("Null-rate change."),
      )
      .default([])
      .describe("Null rates per column."),
    new_categories: z
      .array(
        z
          .strictObject({
            column: z.string().describe("Column."),
            values: z.array(z.string()).describe("Values seen only in current (the most frequent first, at most 50)."),
            count: z.number().int().optional().describe("How many distinct new values there are in all."),
            rows: z.number().int().optional().describe("Current rows holding a new value."),
          })
          .describe("New categories."),
      )
      .default([])
      .describe("Categories present only in the current sample."),
    skipped: z
      .array(
        z
          .strictObject({
            column: z.string().describe("Column."),
            reason: z.string().describe("Why it was not tested (id, timestamp, free text, …)."),
          })
          .describe("A column left out of the tests."),
      )
      .optional()
      .describe("Columns present on both sides that were not tested, and why."),
    notes: z.array(z.string()).optional().describe("How the comparison was made, in words (e.g. a profile reference)."),
  })
  .describe("An Almanac drift report.");
export type DriftReport = z.infer<typeof DriftReportSchema>;
