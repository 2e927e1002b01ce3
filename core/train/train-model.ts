import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type PackedRun, packTrainingRun } from "../artifacts/pack-run.ts";
import type { Database } from "../data/duckdb.ts";
import { withDatabase } from "../data/duckdb.ts";
import { type CardEvaluation, cardTarget, evaluateCard } from "../evaluate/evaluate-card.ts";
import { type EvaluationResult, evaluatePredictions } from "../evaluate/evaluate-core.ts";
import { loadModel } from "../evaluate/evaluate-model.ts";
import type { Baseline } from "../evaluate/gates.ts";
import { writeEvaluation } from "../evaluate/report.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import { mitigationRecord } from "../mitigation/mitigation-record.ts";
import type { ReweighingCell } from "../mitigation/reweighing.ts";
import { writeWeightsFile } from "../mitigation/weights-file.ts";
import { durationToMs } from "../schemas/common.ts";
import { EvaluationSchema } from "../schemas/evaluation.ts";
import type { FairnessConfig, ModelCard } from "../schemas/model-card.ts";
import { findingError } from "../util/errors.ts";
import { plural } from "../util/plural.ts";
import { trainingEnvironment } from "./environment.ts";
import { failureHint } from "./failure-hint.ts";
import { type CommandOutcome, runCommand } from "./run-command.ts";
import { type PreparedSplit, prepareSplit, writeSplitCsvs } from "./split.ts";
import { readTrainingLog } from "./training-log.ts";

/** Options of one training run. */
export interface TrainOptions {
  root: string;
  id: string;
  baseline: Baseline;
  /** Keep the command's outputs here (default: a temp dir removed afterwards). */
  outputDir?: string;
  /** Each line the command prints, already prefixed `[<model>] `. */
  onOutput: (line: string, stream: "stdout" | "stderr") => void;
  /** Variables the command may inherit (filtered by the contract's allowlist). */
  env?: NodeJS.ProcessEnv;
  /** Train this card on this dataset instead of the files on disk (`almanac retrain`'s next version). */
  model?: { card: ModelCard; dataset: LoadedDatasetManifest };
  /** Write evaluation.json and predictions.csv.gz (default true). */
  write?: boolean;
}

/** A finished run: the evaluation written, the packed artifact, and where the time went. */
export interface TrainResult extends CardEvaluation {
  commandMs: number;
  totalMs: number;
  /** The packed ALMANAC_MODEL_DIR in the local cache; undefined when the command wrote no model. */
  artifact: PackedRun | undefined;
}

/**
 * `almanac train <model>`: writes the split to a temp dir, runs the card's training command in
 * the model folder under the environment contract, packs what it wrote to ALMANAC_MODEL_DIR into
 * the local artifact cache, checks and evaluates its predictions, and writes evaluation.json
 * (with the artifact's digest, size and files) and predictions.csv.gz. Any failure throws before anything is
 * written, so the previous evaluation stays.
 */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const { card, dataset } = options.model ?? (await loadModel(options.root, options.id, "train"));
  const workdir = await mkdtemp(join(tmpdir(), `almanac-train-${card.id}-`));
  const output = options.outputDir ? resolve(options.outputDir) : join(workdir, "output");
  try {
    await mkdir(output, { recursive: true });
    // A kept output folder may hold the last run's files: never evaluate those.
    for (const stale of ["predictions.csv", "training-log.csv", "training-log.json"])
      await rm(join(output, stale), { force: true });
    // The model folder must hold this run's files only: they become the versioned artifact.
    const modelDir = options.outputDir ? join(output, "model") : join(workdir, "model");
    await rm(modelDir, { recursive: true, force: true });
    await mkdir(modelDir, { recursive: true });
    const outcome = await withDatabase(async (db) => {
      const split = await prepareSplit(db, options.root, card, dataset);
      const paths = { train: join(workdir, "train.csv"), test: join(workdir, "test.csv"), output, model: modelDir };
      await writeSplitCsvs(db, card, paths.train, paths.test);
      const positive = positiveClassOf(card, split.labels);
      const env = trainingEnvironment(options.env ?? process.env, card, paths, split.labels, positive);
      const control = card.fairness
        ? await trainControl(db, card, options, { ...paths, output: join(workdir, "control") }, env, split)
        : undefined;
      if (card.fairness) {
        const weights = join(workdir, "weights.csv");
        const cells = await writeWeightsFile(db, card.fairness, card.dataset.target, weights);
        env.ALMANAC_WEIGHTS = weights;
        if (control) control.cells = cells;
      }
      const run = await runTraining(card, options, env);
      const predictions = await expectPredictions(card, output);
      const trainingLog = await readTrainingLog(output);
      const artifact = await packTrainingRun(options.root, card, modelDir);
      const result = await evaluateCard({
        db,
        root: options.root,
        card,
        split,
        predictions: { path: predictions, shownAs: `${card.id}: ALMANAC_OUTPUT/predictions.csv` },
        run: {
          command: card.training.command,
          exitCode: run.exitCode,
          durationMs: Math.round(run.durationMs),
          params: card.training.params,
          seed: card.training.seed,
          trainingLog,
          artifact: artifact?.record,
        },
        baseline: options.baseline,
      });
      const withMitigation = control && card.fairness ? withMitigationRecord(card, result, control) : result;
      return { ...withMitigation, commandMs: run.durationMs + (control?.commandMs ?? 0), artifact };
    });
    if (options.write !== false) await writeEvaluation(options.root, outcome.evaluation, outcome.predictions);
    return { ...outcome, totalMs: performance.now() - started };
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}

async function expectPredictions(card: ModelCard, output: string): Promise<string> {
  const predictions = join(output, "predictions.csv");
  if (!existsSync(predictions))
    throw findingError(
      `${card.id}: the training command wrote no predictions`,
      `write ALMANAC_OUTPUT/predictions.csv (row_id,prediction[,p_<class>...]); see docs/training.md`,
    );
  return predictions;
}

/** The control run of a mitigated model: the same command without ALMANAC_WEIGHTS, evaluated on the same rows. */
interface ControlRun {
  result: EvaluationResult;
  commandMs: number;
  cells: ReweighingCell[];
}

async function trainControl(
  db: Database,
  card: ModelCard,
  options: TrainOptions,
  paths: { train: string; test: string; output: string },
  env: Record<string, string>,
  split: PreparedSplit,
): Promise<ControlRun> {
  await mkdir(paths.output, { recursive: true });
  // The control run's model is not the artifact: it gets a folder of its own, discarded with it.
  const modelDir = join(paths.output, "model");
  await mkdir(modelDir, { recursive: true });
  options.onOutput(
    `[${card.id}] training without ${card.fairness?.mitigation} first, to measure what it changes`,
    "stderr",
  );
  const run = await runTraining(card, options, { ...env, ALMANAC_OUTPUT: paths.output, ALMANAC_MODEL_DIR: modelDir });
  const predictions = await expectPredictions(card, paths.output);
  const result = await evaluatePredictions(
    db,
    { path: predictions, shownAs: `${card.id}: ALMANAC_OUTPUT/predictions.csv (without ${card.fairness?.mitigation})` },
    cardTarget(card, split),
    card.evaluation.bootstrap,
  );
  return { result, commandMs: run.durationMs, cells: [] };
}

function withMitigationRecord(card: ModelCard, outcome: CardEvaluation, control: ControlRun): CardEvaluation {
  const mitigation = mitigationRecord({
    config: card.fairness as FairnessConfig,
    cells: control.cells,
    primary: card.evaluation.primary_metric,
    mitigated: outcome.result,
    unmitigated: control.result,
    settings: card.evaluation.bootstrap,
  });
  const { provenance, ...rest } = outcome.evaluation;
  return { ...outcome, evaluation: EvaluationSchema.parse({ ...rest, mitigation, provenance }) };
}

function positiveClassOf(card: ModelCard, labels: string[] | null): string | null {
  if (card.task !== "binary-classification" || !labels) return null;
  return card.evaluation.positive_class === undefined
    ? (labels.at(-1) ?? null)
    : String(card.evaluation.positive_class);
}

async function runTraining(
  card: ModelCard,
  options: TrainOptions,
  env: Record<string, string>,
): Promise<CommandOutcome> {
  const prefix = `[${card.id}] `;
  const timeoutMs = durationToMs(card.training.timeout);
  const run = await runCommand({
    command: card.training.command,
    cwd: join(options.root, "models", card.id),
    env,
    timeoutMs,
    onStdout: (line) => options.onOutput(prefix + line, "stdout"),
    onStderr: (line) => options.onOutput(prefix + line, "stderr"),
  });
  const tail =
    run.stderrTail.length > 0
      ? `\nlast ${plural(run.stderrTail.length, "line")} of stderr:\n${run.stderrTail.map((line) => `  ${line}`).join("\n")}`
      : "";
  if (run.timedOut)
    throw findingError(
      `${card.id}: the training command timed out after ${typeof card.training.timeout === "number" ? `${card.training.timeout}s` : card.training.timeout} and was stopped${tail}`,
      "raise training.timeout in the card, or make training faster",
    );
  if (run.exitCode !== 0)
    throw findingError(
      `${card.id}: the training command \`${card.training.command}\` failed with ${run.exitCode === null ? `signal ${run.signal}` : `exit code ${run.exitCode}`}${tail}`,
      failureHint(card, run.stderrTail, env),
    );
  return run;
}
