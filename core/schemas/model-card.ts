import { z } from "zod";
import { API_VERSION, DurationSchema, IdSchema, SemverSchema } from "./common.ts";
import { MetricNameSchema, TaskSchema } from "./metrics.ts";

/** Lifecycle stages, in promotion order. */
export const STAGES = ["proposed", "staging", "production", "archived"] as const;
export const StageSchema = z.enum(STAGES).describe("Lifecycle stage: proposed, staging, production or archived.");
export type Stage = z.infer<typeof StageSchema>;

/** A threshold on one metric. `max_drop` compares against the base branch's evaluation. */
export const GateSchema = z
  .strictObject({
    min: z.number().optional().describe("The metric must be at least this value."),
    max: z.number().optional().describe("The metric must be at most this value."),
    max_drop: z
      .number()
      .nonnegative()
      .optional()
      .describe(
        "The metric may worsen by at most this much against the baseline (base branch) evaluation; direction-aware.",
      ),
  })
  .refine((gate) => gate.min !== undefined || gate.max !== undefined || gate.max_drop !== undefined, {
    message: "a gate needs at least one of min, max or max_drop",
  })
  .describe("A gate: bounds a metric must meet for the model to pass.");
export type Gate = z.infer<typeof GateSchema>;

export const ModelDatasetSchema = z
  .strictObject({
    id: IdSchema.describe("Id of the dataset (folder under datasets/)."),
    version: SemverSchema.describe("Version of the dataset the model is trained on."),
    target: z.string().min(1).describe("Name of the target column (role target in the manifest)."),
    features: z
      .array(z.string().min(1))
      .min(1)
      .describe("Feature columns the model reads; each must exist in the dataset."),
    sensitive: z
      .array(z.string().min(1))
      .default([])
      .describe("Sensitive columns for fairness slices (role sensitive in the manifest)."),
  })
  .describe("The dataset the model is trained and evaluated on.");

/**
 * Characters a Python version may hold: what actions/setup-python takes ("3.12", "3.11.9",
 * "3.13t", "pypy3.10", "3.x"), and nothing a shell or workflow expression would interpret.
 */
const PYTHON_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+*-]*$/;
/** A relative path of plain characters (no spaces, quotes or shell syntax), forward slashes. */
const REQUIREMENTS_PATH = /^(?!\/)[A-Za-z0-9._/-]+$/;

/** The Python environment a model trains in: set up by CI, the active one locally. */
export const PythonSetupSchema = z
  .strictObject({
    version: z
      .string()
      .regex(PYTHON_VERSION, 'expected a Python version such as "3.12", "3.11.9" or "pypy3.10"')
      .optional()
      .describe(
        'Python version CI installs with actions/setup-python, e.g. "3.12" (quote it: YAML reads 3.10 as 3.1). Locally the active interpreter is used.',
      ),
    requirements: z
      .string()
      .regex(REQUIREMENTS_PATH, "expected a relative path such as requirements.txt (letters, digits, . _ - /)")
      .optional()
      .describe(
        "pip requirements file, relative to the model folder (e.g. requirements.txt, or ../../requirements.txt for a shared one); CI runs `pip install -r` on it before training.",
      ),
  })
  .describe("The model's Python environment: CI sets it up before `almanac train`; locally the active one is used.");
export type PythonSetup = z.infer<typeof PythonSetupSchema>;

export const TrainingSchema = z
  .strictObject({
    command: z
      .string()
      .min(1)
      .describe("Command run in the model folder by `almanac train`, e.g. `node train.ts` or `python3 train.py`."),
    params: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("Hyper-parameters, passed to the command as JSON (ALMANAC_PARAMS)."),
    timeout: DurationSchema.default("10m").describe("The command is stopped after this long (e.g. 10m)."),
    runner: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .default("ubuntu-latest")
      .describe("GitHub Actions `runs-on` label(s) the model trains on, e.g. ubuntu-latest or a GPU runner."),
    seed: z.number().int().nonnegative().default(42).describe("Random seed passed to the command (ALMANAC_SEED)."),
    dependencies: z
      .array(z.string().min(1))
      .default([])
      .describe("Extra files (globs from the repository root) whose change retrains the model."),
    python: PythonSetupSchema.optional(),
  })
  .describe("How the model is trained.");

export const EvaluationConfigSchema = z
  .strictObject({
    split: z.string().min(1).default("test").describe("Name of the held-out split the model is evaluated on."),
    primary_metric: MetricNameSchema.describe("The headline metric, shown first and charted across versions."),
    positive_class: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .describe("Positive class for binary tasks; defaults to the last class in sorted order, as scikit-learn."),
    bootstrap: z
      .strictObject({
        resamples: z.number().int().min(100).max(100_000).default(1000).describe("Bootstrap resamples."),
        seed: z.number().int().nonnegative().default(42).describe("Bootstrap seed."),
        confidence: z.number().gt(0.5).lt(1).default(0.95).describe("Confidence level of intervals."),
      })
      .default({ resamples: 1000, seed: 42, confidence: 0.95 })
      .describe("Confidence interval settings."),
    gates: z
      .record(z.string(), GateSchema)
      .default({})
      .describe("Gates by metric name, e.g. accuracy: {min: 0.9}, macro_f1: {max_drop: 0.01}."),
  })
  .describe("How the model is evaluated and what it must pass.");

export const DriftColumnSettingSchema = z
  .strictObject({
    test: z
      .string()
      .min(1)
      .optional()
      .describe("Drift test for this column (ks, chisquare, z, psi, jensenshannon, …)."),
    threshold: z.number().positive().optional().describe("Threshold applied with the test's own direction."),
  })
  .describe("A per-column drift override.");

export const MonitoringSchema = z
  .strictObject({
    current: z
      .string()
      .min(1)
      .describe("Where current production inputs are read: a path (from the repository root), glob or URI."),
    format: z
      .enum(["csv", "parquet", "json", "ndjson"])
      .optional()
      .describe("Format of the current data; inferred from the extension when absent."),
    timestamp: z.string().optional().describe("Timestamp column used for the time window."),
    window: z
      .strictObject({
        start: z.string().optional().describe("Inclusive start (ISO date or timestamp)."),
        end: z.string().optional().describe("Exclusive end (ISO date or timestamp)."),
      })
      .optional()
      .describe("Time window on the timestamp column."),
    reference: z
      .enum(["train", "profile"])
      .default("train")
      .describe("Reference: the training split's raw rows, or the committed dataset profile."),
    drift_share: z
      .number()
      .gt(0)
      .max(1)
      .default(0.5)
      .describe("The dataset drifts when this share of columns drifts (Evidently's default 0.5)."),
    columns: z
      .record(z.string(), DriftColumnSettingSchema)
      .default({})
      .describe("Per-column test and threshold overrides."),
  })
  .describe("Production monitoring: where current data is and how drift is judged.");

/** Bias mitigations Almanac can apply before training. */
export const MITIGATIONS = ["reweighing"] as const;

/** How the model is made fairer across one sensitive column. */
export const FairnessConfigSchema = z
  .strictObject({
    mitigation: z
      .enum(MITIGATIONS)
      .describe(
        "reweighing: Kamiran–Calders weights w(g, y) = P(g)·P(y) / P(g, y) on the training split, handed to the training command as ALMANAC_WEIGHTS (docs/training.md).",
      ),
    column: z
      .string()
      .min(1)
      .describe("The sensitive column (one of dataset.sensitive) whose groups the weights balance."),
  })
  .describe(
    "Bias mitigation: Almanac computes the weights; the evaluation shows the fairness gap with and without them.",
  );
export type FairnessConfig = z.infer<typeof FairnessConfigSchema>;

/** When a retraining pull request is opened. */
export const RETRAIN_TRIGGERS = ["drift", "schedule", "manual"] as const;

/** A gate of the retrained model against the production model, on the same test rows. */
export const RetrainGateSchema = z
  .strictObject({
    max_drop: z
      .number()
      .nonnegative()
      .describe(
        "The retrained model may be worse than the production model by at most this much (direction-aware: a rise for lower-is-better metrics).",
      ),
    judged_on: z
      .enum(["interval", "estimate"])
      .default("interval")
      .describe(
        "interval (default): the worse end of the paired interval of the change must stay within max_drop, a non-inferiority test at the card's confidence; estimate: the change itself.",
      ),
  })
  .describe("A gate against the production model, judged on the paired comparison of both on the same rows.");
export type RetrainGate = z.infer<typeof RetrainGateSchema>;

/** How `almanac retrain` and the scheduled retraining flow move the model forward. */
export const RetrainingSchema = z
  .strictObject({
    on: z
      .enum(RETRAIN_TRIGGERS)
      .default("drift")
      .describe(
        "drift: the scheduled monitoring run retrains when the model drifts; schedule: on every scheduled run that finds fresh data; manual: only `almanac retrain` by hand.",
      ),
    data: z
      .string()
      .min(1)
      .describe(
        "Glob (from the repository root, inside datasets/<dataset.id>/) of fresh labelled files; files not yet in the manifest and inside monitoring.window are appended as a new dataset version.",
      ),
    bump: z
      .enum(["patch", "minor"])
      .default("minor")
      .describe("Which part of the model's and the dataset's version a retraining raises."),
    gates: z
      .record(z.string(), RetrainGateSchema)
      .default({})
      .describe("Gates against the production model by metric name, e.g. roc_auc: {max_drop: 0.02}."),
  })
  .describe("Retraining policy: when to retrain, on which fresh labelled data, and what the new version must pass.");
export type Retraining = z.infer<typeof RetrainingSchema>;
export const PredictSchema = z
  .strictObject({
    command: z
      .string()
      .min(1)
      .describe(
        "Command run in the model folder by `almanac predict`, e.g. `node predict.ts`: reads the artifact folder (ALMANAC_MODEL_DIR) and the rows (ALMANAC_INPUT), writes ALMANAC_OUTPUT/predictions.csv.",
      ),
    timeout: DurationSchema.default("10m").describe("The command is stopped after this long (e.g. 10m)."),
  })
  .describe("Batch scoring with the registered artifact (docs/training.md, the predict contract).");

export const ArtifactSettingsSchema = z
  .strictObject({
    store: z
      .string()
      .regex(
        /^(oci:\/\/|file:\/\/|github-release($|:\/\/))/,
        "expected oci://host[:port]/repository, github-release[://owner/repo] or file://path",
      )
      .optional()
      .describe(
        "Where `almanac publish` puts the artifact and `almanac pull` reads it: oci://host[:port]/repository (e.g. oci://ghcr.io/org/models), github-release, or file://path (relative paths from the repository root).",
      ),
    compression: z
      .enum(["none", "gzip"])
      .default("none")
      .describe("Pack as a plain tar (default: hashed and pushed at disk speed) or a gzipped tar (smaller, slower)."),
  })
  .describe("Where the packed model folder is stored and how it is packed.");

/** The front matter of `models/<id>/model.md`. */
export const ModelCardSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path or URL of this JSON Schema, for editors."),
    apiVersion: z.literal(API_VERSION).describe(`Format version; currently ${API_VERSION}.`),
    kind: z.literal("Model").describe("Always Model for a model card."),
    id: IdSchema.describe("Model id; equals the folder name under models/."),
    name: z.string().min(1).max(120).describe("Human-readable name."),
    description: z.string().max(500).optional().describe("One-sentence summary shown in the catalogue."),
    version: SemverSchema.describe("Model version; bump it when the model changes."),
    stage: StageSchema,
    owners: z
      .array(z.string().min(1))
      .min(1)
      .describe("Owners: GitHub users or teams (e.g. @org/team) responsible for the model."),
    task: TaskSchema,
    license: z.string().min(1).describe("SPDX license identifier of the model, e.g. MIT or Apache-2.0."),
    tags: z.array(z.string().min(1)).default([]).describe("Free-form tags for search."),
    dataset: ModelDatasetSchema,
    training: TrainingSchema,
    evaluation: EvaluationConfigSchema,
    monitoring: MonitoringSchema.optional(),
    fairness: FairnessConfigSchema.optional(),
    retraining: RetrainingSchema.optional(),
    artifact: ArtifactSettingsSchema.optional(),
    predict: PredictSchema.optional(),
  })
  .describe("Front matter of an Almanac model card (models/<id>/model.md).");

export type ModelCard = z.infer<typeof ModelCardSchema>;
export type ModelCardInput = z.input<typeof ModelCardSchema>;

/** The body sections a complete card has (`## Intended use`, …). */
export const CARD_SECTIONS = [
  "Intended use",
  "Limitations",
  "Ethical considerations",
  "Training data",
  "Evaluation",
] as const;
