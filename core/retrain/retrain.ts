import { readFile } from "node:fs/promises";
import { withDatabase } from "../data/duckdb.ts";
import { compareModel } from "../diff/compare-model.ts";
import { decodePredictions, parsePredictionsCsv } from "../diff/predictions.ts";
import type { ModelComparison, ModelSide } from "../diff/types.ts";
import { loadModel } from "../evaluate/evaluate-model.ts";
import { writeEvaluation } from "../evaluate/report.ts";
import { modelPaths } from "../lifecycle/paths.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import type { RetrainingRecord } from "../schemas/retraining.ts";
import { prepareSplit } from "../train/split.ts";
import { trainModel } from "../train/train-model.ts";
import { writeFileAtomic, writeJsonAtomic } from "../util/atomic-write.ts";
import { findingError, usageError } from "../util/errors.ts";
import { findFreshData, noFreshDataError } from "./fresh-data.ts";
import { readTrigger } from "./lineage.ts";
import { type AddedFile, describeFiles, type NextVersion, nextVersion } from "./next-version.ts";
import { type ProductionScorer, scoreProduction } from "./production-side.ts";
import { buildRecord } from "./record.ts";
import { renderRetrainingMarkdown } from "./report.ts";
import { decideScheduled } from "./schedule.ts";

/** Options of `almanac retrain`. */
export interface RetrainOptions {
  root: string;
  id: string;
  dryRun: boolean;
  /** Apply the policy's `on` as the scheduled run does: skip (no error) unless it says to retrain now. */
  scheduled?: boolean;
  scorer: ProductionScorer;
  env: NodeJS.ProcessEnv;
  onOutput: (line: string, stream: "stdout" | "stderr") => void;
}

/** What a retrain does (all of it with --dry-run, before anything runs). */
export interface RetrainPlan {
  model: string;
  card: { file: string; from: string; to: string };
  dataset: { id: string; file: string; from: string; to: string };
  added: AddedFile[];
  /** Matched files left out: already listed, or outside the window. */
  leftOut: { known: string[]; outside: string[] };
  through: string | null;
  trigger: RetrainingRecord["trigger"];
  production: { version: string };
  /** Files written by a real run. */
  writes: string[];
}

/** The outcome of a real run. */
export interface RetrainResult {
  plan: RetrainPlan;
  record: RetrainingRecord;
  evaluation: Evaluation;
  comparison: ModelComparison;
  markdown: string;
  passed: boolean;
}

/** Where the retraining report and record live. */
export function retrainingPaths(id: string) {
  return { record: `reports/models/${id}/retraining.json`, report: `reports/models/${id}/retraining.md` };
}

/**
 * `almanac retrain <model>`: fresh labelled data becomes the next dataset version, the card the
 * next model version; the new version is trained and evaluated, the production version's
 * published artifact scores the same test rows, and both are compared with paired intervals,
 * the card's gates and its retraining gates. Every check on the input (policy, stage, fresh data,
 * new classes, data checks, the production artifact) runs before anything is written; files are
 * written last, each atomically. With `dryRun` it returns the plan only.
 */
export async function retrain(
  options: RetrainOptions,
): Promise<{ plan?: RetrainPlan; result?: RetrainResult; skipped?: string }> {
  const { card, dataset } = await loadModel(options.root, options.id);
  const paths = modelPaths(card.id);
  const trigger = await readTrigger(options.root, card.id);
  if (options.scheduled) {
    const decision = decideScheduled(card, trigger);
    if (!decision.retrain) return { skipped: decision.reason };
  }
  checkPolicy(card);
  const [cardText, datasetText] = await Promise.all([
    readFile(`${options.root}/${paths.card}`, "utf8"),
    readFile(`${options.root}/${dataset.file}`, "utf8"),
  ]);
  return withDatabase(async (db) => {
    const fresh = await findFreshData(db, options.root, card, dataset);
    if (fresh.files.length === 0) {
      // A scheduled run without fresh labels has nothing to do yet; by hand it is an error.
      const error = noFreshDataError(card, fresh);
      if (options.scheduled) return { skipped: error.message };
      throw error;
    }
    const added = await describeFiles(options.root, fresh.files);
    const next = await nextVersion({
      db,
      root: options.root,
      card,
      cardText,
      cardFile: paths.card,
      dataset,
      datasetText,
      added,
    });
    const plan = planOf(card, dataset, next, fresh, trigger);
    if (options.dryRun) return { plan };
    const nextModel = { card: next.card.parsed, dataset: next.dataset.loaded };
    const split = await prepareSplit(db, options.root, nextModel.card, nextModel.dataset);
    const production = await scoreProduction({
      db,
      root: options.root,
      production: card,
      next: nextModel,
      split,
      scorer: options.scorer,
      env: options.env,
      onOutput: options.onOutput,
    });
    const trained = await trainModel({
      root: options.root,
      id: card.id,
      model: nextModel,
      write: false,
      env: options.env,
      onOutput: options.onOutput,
      baseline: { evaluation: production.outcome.evaluation, label: `production ${card.version}` },
    });
    const comparison = compareSides(card, dataset, production.outcome, next, trained, trigger);
    const record = buildRecord({
      plan,
      comparison,
      evaluation: trained.evaluation,
      artifact: production.artifact,
      card: next.card.parsed,
    });
    const markdown = renderRetrainingMarkdown({ plan, record, comparison, evaluation: trained.evaluation });
    const written = retrainingPaths(card.id);
    await writeEvaluation(options.root, trained.evaluation, trained.predictions);
    await writeJsonAtomic(`${options.root}/${written.record}`, record);
    await writeFileAtomic(`${options.root}/${written.report}`, markdown);
    await writeFileAtomic(`${options.root}/${next.dataset.file}`, next.dataset.text);
    await writeFileAtomic(`${options.root}/${next.card.file}`, next.card.text);
    return {
      plan,
      result: { plan, record, evaluation: trained.evaluation, comparison, markdown, passed: record.passed },
    };
  });
}

function checkPolicy(card: ModelCard): void {
  const file = modelPaths(card.id).card;
  if (!card.retraining)
    throw usageError(
      `${file}: no retraining policy (the card has no \`retraining:\` section)`,
      "add retraining: { data: datasets/<id>/labelled/*.csv } (docs/lifecycle.md, Retraining policy)",
    );
  if (card.stage !== "production")
    throw findingError(
      `${file}: stage is ${card.stage}; almanac retrain compares the retrained version with the production version's artifact`,
      "retrain a production model; a model not yet in production is changed and trained in a pull request as usual",
      file,
    );
}

function planOf(
  card: ModelCard,
  dataset: LoadedDatasetManifest,
  next: NextVersion,
  fresh: { known: string[]; outside: string[] },
  trigger: RetrainingRecord["trigger"],
): RetrainPlan {
  const through =
    next.added
      .flatMap((file) => (file.last ? [file.last] : []))
      .sort()
      .at(-1) ?? null;
  const written = retrainingPaths(card.id);
  const paths = modelPaths(card.id);
  return {
    model: card.id,
    card: { file: next.card.file, from: next.card.from, to: next.card.to },
    dataset: { id: card.dataset.id, file: dataset.file, from: next.dataset.from, to: next.dataset.to },
    added: next.added,
    leftOut: { known: fresh.known, outside: fresh.outside },
    through,
    trigger,
    production: { version: card.version },
    writes: [dataset.file, next.card.file, paths.evaluation, paths.predictions, written.record, written.report],
  };
}

function compareSides(
  card: ModelCard,
  dataset: LoadedDatasetManifest,
  production: { evaluation: Evaluation; predictions: Uint8Array },
  next: NextVersion,
  trained: { evaluation: Evaluation; predictions: Uint8Array },
  trigger: RetrainingRecord["trigger"],
): ModelComparison {
  const side = (
    model: ModelCard,
    evaluation: Evaluation,
    predictions: Uint8Array,
    manifest: LoadedDatasetManifest["manifest"],
  ): ModelSide => ({
    cardPath: modelPaths(card.id).card,
    present: true,
    card: model,
    cardProblems: [],
    evaluation,
    evaluationProblem: undefined,
    predictions: parsePredictionsCsv(decodePredictions(predictions)),
    predictionsProblem: undefined,
    dataset: manifest,
    datasetProblem: undefined,
    drift: undefined,
  });
  const reasons = [`retrained on ${next.added.length} fresh file${next.added.length === 1 ? "" : "s"}`];
  if (trigger?.drifted) reasons.push(`drift found by ${trigger.drift_report}`);
  return compareModel(
    { id: card.id, status: "changed", reasons },
    side(card, production.evaluation, production.predictions, dataset.manifest),
    side(next.card.parsed, trained.evaluation, trained.predictions, next.dataset.loaded.manifest),
    { trend: [] },
  );
}
