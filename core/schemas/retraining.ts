import { z } from "zod";
import { API_VERSION, IdSchema, SemverSchema } from "./common.ts";

const ChangeSchema = z
  .strictObject({
    metric: z.string().describe("Metric name."),
    higher_is_better: z.boolean().describe("Direction of the metric."),
    production: z.number().nullable().describe("The production version's value on the retraining test rows."),
    retrained: z.number().nullable().describe("The retrained version's value on the same rows."),
    delta: z.number().nullable().describe("retrained − production."),
    ci: z.tuple([z.number(), z.number()]).nullable().describe("Interval of the delta at the card's confidence."),
    method: z.string().nullable().describe("How the interval was computed, e.g. paired DeLong."),
    verdict: z.string().describe("improved, regressed, unchanged (the interval contains 0) or not_compared."),
  })
  .describe("One metric of the retrained model against the production model, paired on the same rows.");

/** `reports/models/<id>/retraining.json`, written by `almanac retrain`: the lineage of a retrained version. */
export const RetrainingRecordSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema path."),
    apiVersion: z.literal(API_VERSION).describe("Format version."),
    kind: z.literal("Retraining").describe("Always Retraining."),
    model: z
      .strictObject({
        id: IdSchema.describe("Model id."),
        from: SemverSchema.describe("The production version retrained."),
        to: SemverSchema.describe("The retrained version."),
      })
      .describe("The model's versions."),
    dataset: z
      .strictObject({
        id: IdSchema.describe("Dataset id."),
        from: SemverSchema.describe("The version the production model was trained on."),
        to: SemverSchema.describe("The new version with the fresh files."),
        added: z
          .array(
            z
              .strictObject({
                path: z.string().describe("Repository-relative path of the fresh file."),
                sha256: z.string().describe("Its SHA-256."),
                bytes: z.number().int().describe("Its size."),
                rows: z.number().int().describe("Its rows."),
                first: z.string().nullable().describe("Its earliest timestamp (monitoring.timestamp)."),
                last: z.string().nullable().describe("Its latest timestamp."),
              })
              .describe("A fresh labelled file added to the dataset."),
          )
          .describe("The files the new dataset version added."),
        through: z.string().nullable().describe("The latest timestamp of the fresh data: the data runs through it."),
      })
      .describe("The data the retrained version adds."),
    trigger: z
      .strictObject({
        drift_report: z.string().describe("Path of the newest drift report of the model when it was retrained."),
        date: z.string().describe("Date of that report."),
        drifted: z.boolean().describe("Whether it found drift."),
        drift_share: z.number().describe("Share of drifted columns."),
        drifted_columns: z.array(z.string()).describe("The columns that drifted."),
      })
      .nullable()
      .describe("The drift report that the retraining answers; null when the model has none."),
    production: z
      .strictObject({
        version: SemverSchema.describe("Production version scored."),
        artifact: z.string().describe("SHA-256 of the published artifact that scored the rows."),
      })
      .describe("The production artifact compared against."),
    comparison: z
      .strictObject({
        rows: z.number().int().describe("Test rows both versions were scored on."),
        paired: z.boolean().describe("Whether the comparison was paired on the same rows."),
        confidence: z.number().describe("Confidence level of the intervals."),
        metrics: z.array(ChangeSchema).describe("Every metric, retrained against production."),
      })
      .describe("The retrained version against the production artifact on the same test rows."),
    gates: z
      .array(
        z
          .strictObject({
            metric: z.string().describe("Metric name."),
            max_drop: z.number().describe("Allowed drop (card retraining.gates)."),
            judged_on: z.enum(["interval", "estimate"]).describe("What the drop is judged on."),
            change: z.number().nullable().describe("The change, turned so that positive is better."),
            interval: z.tuple([z.number(), z.number()]).nullable().describe("Its interval, turned likewise."),
            passed: z.boolean().describe("Whether the gate passed."),
            message: z.string().describe("Why."),
          })
          .describe("A retraining gate against production."),
      )
      .describe("The card's retraining gates."),
    evaluation_passed: z.boolean().describe("Whether the retrained version's own evaluation gates passed."),
    passed: z.boolean().describe("Evaluation gates and retraining gates all passed."),
  })
  .describe("The lineage and verdict of a retrained model version.");
export type RetrainingRecord = z.infer<typeof RetrainingRecordSchema>;
