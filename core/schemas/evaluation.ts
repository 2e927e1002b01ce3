import { z } from "zod";
import { ArtifactRecordSchema } from "./artifact.ts";
import { API_VERSION, IdSchema, SemverSchema } from "./common.ts";
import { TaskSchema } from "./metrics.ts";

/** A headline metric with its confidence interval and how the interval was computed. */
export const MetricValueSchema = z
  .strictObject({
    value: z.number().nullable().describe("The metric value; null when undefined for this data (e.g. one class)."),
    ci: z
      .tuple([z.number(), z.number()])
      .nullable()
      .describe("Lower and upper bound of the confidence interval; null when not computable."),
    method: z
      .enum(["bootstrap", "delong", "normal", "none"])
      .describe(
        "How the interval was computed: percentile bootstrap, DeLong (ROC AUC), normal (delta method, for mean metrics on data too large to resample row by row) or none.",
      ),
    reason: z.string().optional().describe("Why the value or its interval is missing (e.g. no probability columns)."),
  })
  .describe("A metric value with its interval.");
export type MetricValue = z.infer<typeof MetricValueSchema>;

export const PerClassSchema = z
  .strictObject({
    class: z.string().describe("Class label."),
    precision: z.number().describe("Precision of this class (one-vs-rest)."),
    recall: z.number().describe("Recall of this class."),
    f1: z.number().describe("F1 of this class."),
    support: z.number().int().describe("Number of true rows of this class."),
  })
  .describe("Per-class scores.");

export const ConfusionMatrixSchema = z
  .strictObject({
    labels: z.array(z.string()).describe("Class labels in sorted order; rows are truth, columns predictions."),
    matrix: z.array(z.array(z.number().int())).describe("Counts: matrix[truth][predicted]."),
  })
  .describe("Confusion matrix.");

export const ResidualSummarySchema = z
  .strictObject({
    mean: z.number().describe("Mean residual (truth − prediction)."),
    std: z.number().describe("Population standard deviation of residuals."),
    min: z.number().describe("Smallest residual."),
    p05: z.number().describe("5th percentile of residuals."),
    p25: z.number().describe("25th percentile."),
    median: z.number().describe("Median residual."),
    p75: z.number().describe("75th percentile."),
    p95: z.number().describe("95th percentile."),
    max: z.number().describe("Largest residual."),
  })
  .describe("Summary of regression residuals (linear-interpolation quantiles).");

export const FairnessGroupSchema = z
  .strictObject({
    group: z.string().describe('Group value (null groups are the string "null").'),
    count: z.number().int().describe("Rows in the group."),
    metrics: z.record(z.string(), z.number().nullable()).describe("Metric values within the group."),
  })
  .describe("Metrics of one group of a sensitive column.");

export const FairnessColumnSchema = z
  .strictObject({
    groups: z.array(FairnessGroupSchema).describe("Per-group counts and metrics."),
    demographic_parity_difference: z.number().nullable().optional().describe("Fairlearn: max − min selection rate."),
    demographic_parity_ratio: z.number().nullable().optional().describe("Fairlearn: min / max selection rate."),
    equalized_odds_difference: z
      .number()
      .nullable()
      .optional()
      .describe("Fairlearn: larger of the TPR and FPR between-group differences."),
    primary_metric_gap: z.number().nullable().describe("Largest between-group gap of the primary metric."),
    warnings: z.array(z.string()).default([]).describe("E.g. groups too small to judge."),
  })
  .describe("Fairness of one sensitive column.");

export const GateResultSchema = z
  .strictObject({
    metric: z.string().describe("Metric name."),
    kind: z.enum(["min", "max", "max_drop"]).describe("Which bound."),
    bound: z.number().describe("The bound from the card."),
    value: z.number().nullable().describe("The metric value."),
    ci: z.tuple([z.number(), z.number()]).nullable().describe("Interval of the value, when known."),
    baseline: z.number().nullable().optional().describe("Baseline value for max_drop."),
    passed: z.boolean().nullable().describe("Whether the gate passed; null when not checkable (no baseline)."),
    message: z.string().describe("Human explanation, e.g. 'macro_f1 0.93 ≥ 0.9'."),
  })
  .describe("The result of one gate.");
export type GateResult = z.infer<typeof GateResultSchema>;

/** Uncommitted files an evaluation lists in its provenance: enough to tell what, not a whole tree. */
export const MAX_UNCOMMITTED_FILES = 20;

export const ProvenanceSchema = z
  .strictObject({
    card_version: SemverSchema.describe("Model card version evaluated."),
    commit: z
      .string()
      .nullable()
      .describe(
        "Git commit (HEAD) the evaluation was made on; null before the repository's first commit or outside git.",
      ),
    dirty: z
      .boolean()
      .describe(
        "Whether the working tree had uncommitted changes (changed, staged or untracked files outside reports/) when the evaluation was made: its numbers may not come from the code at `commit`.",
      ),
    uncommitted: z
      .array(z.string())
      .max(MAX_UNCOMMITTED_FILES)
      .optional()
      .describe(
        `Files (from the repository root) that differed from \`commit\` when the evaluation was made, at most ${MAX_UNCOMMITTED_FILES}; absent when the tree was clean.`,
      ),
    dataset: z
      .strictObject({
        id: IdSchema.describe("Dataset id."),
        version: SemverSchema.describe("Dataset version."),
        files: z
          .array(z.strictObject({ path: z.string().describe("File."), sha256: z.string().describe("Hash.") }))
          .describe("Data files and hashes."),
      })
      .describe("The dataset evaluated on."),
    split: z.string().describe("Split evaluated."),
    rows: z
      .strictObject({
        train: z.number().int().nullable().describe("Training rows."),
        test: z.number().int().describe("Evaluated rows."),
      })
      .describe("Row counts."),
    params: z.record(z.string(), z.unknown()).describe("Training params."),
    command: z.string().nullable().describe("Training command, null for evaluate-only runs."),
    exit_code: z.number().int().nullable().describe("Exit code of the command."),
    duration_ms: z.number().nullable().describe("Wall time of the command."),
    seed: z.number().int().describe("Seed given to the command."),
    bootstrap: z
      .strictObject({
        resamples: z.number().int().describe("Resamples."),
        seed: z.number().int().describe("Seed."),
        confidence: z.number().describe("Confidence level."),
      })
      .describe("Interval settings."),
    predictions: z
      .strictObject({ file: z.string().describe("Path."), sha256: z.string().describe("Hash of the file.") })
      .describe("The predictions evaluated."),
    tool: z
      .strictObject({ name: z.string().describe("almanac"), version: z.string().describe("Version.") })
      .describe("Tool."),
    runtime: z.record(z.string(), z.string()).describe("Runtime versions (node, duckdb, …)."),
  })
  .describe("Where every number came from.");

export const TrainingLogEntrySchema = z
  .record(z.string(), z.number())
  .describe("One row of the training log, e.g. {epoch: 3, loss: 0.21}.");

const IntervalValueSchema = z
  .strictObject({
    value: z.number().nullable().describe("The value; null when undefined."),
    ci: z
      .tuple([z.number(), z.number()])
      .nullable()
      .describe("Confidence interval at the card's confidence; null when not computable."),
  })
  .describe("A value with its interval.");

export const MitigationSchema = z
  .strictObject({
    method: z.literal("reweighing").describe("The mitigation applied (the card's fairness.mitigation)."),
    column: z.string().describe("The sensitive column whose groups were balanced."),
    weights: z
      .array(
        z
          .strictObject({
            group: z.string().describe('Group of the sensitive column ("null" for missing).'),
            class: z.string().describe("Class of the target."),
            count: z.number().int().describe("Training rows in this group and class."),
            weight: z.number().describe("Kamiran–Calders weight P(g)·P(y) / P(g, y) of each of these rows."),
          })
          .describe("One (group, class) cell of the training split."),
      )
      .describe("The weights handed to the training command (ALMANAC_WEIGHTS), by cell."),
    primary_metric: z
      .strictObject({
        metric: z.string().describe("The card's primary metric."),
        with: IntervalValueSchema.describe("With the mitigation: the evaluated model."),
        without: IntervalValueSchema.describe("The same command trained without weights, on the same rows."),
        change: IntervalValueSchema.extend({
          method: z.string().nullable().describe("How the interval of the change was computed (paired)."),
        }).describe("with − without: the cost (or gain) of the mitigation, with its paired interval."),
      })
      .describe("What the mitigation costs in the primary metric."),
    gaps: z
      .array(
        z
          .strictObject({
            measure: z
              .string()
              .describe("demographic_parity_difference, equalized_odds_difference or primary_metric_gap."),
            with: IntervalValueSchema.describe("Gap with the mitigation (percentile bootstrap interval)."),
            without: IntervalValueSchema.describe("Gap without it."),
            change: IntervalValueSchema.describe("with − without on the same resamples; negative: narrowed."),
          })
          .describe("One between-group gap of the column."),
      )
      .describe("The column's fairness gaps with and without the mitigation."),
  })
  .describe("Bias mitigation applied in training, and what it changed.");
export type Mitigation = z.infer<typeof MitigationSchema>;

/** `reports/models/<id>/evaluation.json`, written by `almanac evaluate`. */
export const EvaluationSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema path."),
    apiVersion: z.literal(API_VERSION).describe("Format version."),
    kind: z.literal("Evaluation").describe("Always Evaluation."),
    model: z
      .strictObject({
        id: IdSchema.describe("Model id."),
        version: SemverSchema.describe("Model version."),
        task: TaskSchema,
        primary_metric: z.string().describe("Primary metric name."),
        positive_class: z.string().optional().describe("Positive class (binary)."),
      })
      .describe("The model evaluated."),
    metrics: z.record(z.string(), MetricValueSchema).describe("Headline metrics by name."),
    per_class: z.array(PerClassSchema).optional().describe("Per-class scores (classification)."),
    confusion_matrix: ConfusionMatrixSchema.optional(),
    residuals: ResidualSummarySchema.optional(),
    fairness: z.record(z.string(), FairnessColumnSchema).describe("Fairness by sensitive column."),
    gates: z.array(GateResultSchema).describe("Gate results."),
    passed: z.boolean().describe("True when no gate failed."),
    training_log: z.array(TrainingLogEntrySchema).optional().describe("Training curve, when the command wrote one."),
    mitigation: MitigationSchema.optional(),
    artifact: ArtifactRecordSchema.optional().describe(
      "The packed model folder (ALMANAC_MODEL_DIR) of the training run evaluated: digest, size and files; absent when the command wrote no model files.",
    ),
    provenance: ProvenanceSchema,
  })
  .describe("An Almanac evaluation report.");
export type Evaluation = z.infer<typeof EvaluationSchema>;
