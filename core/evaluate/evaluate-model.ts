import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { withDatabase } from "../data/duckdb.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { sha256File } from "../train/dataset-files.ts";
import { prepareSplit } from "../train/split.ts";
import { usageError } from "../util/errors.ts";
import { preflightModel } from "../validate/preflight.ts";
import { evaluationPath, parseEvaluation } from "./baseline.ts";
import { type CardEvaluation, evaluateCard, type RunRecord } from "./evaluate-card.ts";
import type { Baseline } from "./gates.ts";
import { predictionsPath, writeEvaluation } from "./report.ts";

/** A model's valid card and its dataset, or the positioned findings that stop `verb`. */
export async function loadModel(
  root: string,
  id: string,
  verb = "evaluate",
): Promise<{ card: ModelCard; dataset: LoadedDatasetManifest }> {
  const { card, dataset } = await preflightModel(root, id, { verb });
  return { card, dataset };
}

/**
 * `almanac evaluate <model>`: evaluates predictions (a given file, or the committed
 * predictions.csv.gz) against the card's test split and writes evaluation.json and
 * predictions.csv.gz. Re-evaluating the committed predictions keeps the training run's
 * provenance (command, exit code, duration, log), so the committed evaluation reproduces.
 */
export async function evaluateModel(options: {
  root: string;
  id: string;
  predictions?: string;
  baseline: Baseline;
  write?: boolean;
}): Promise<CardEvaluation> {
  const { card, dataset } = await loadModel(options.root, options.id);
  const committed = `${options.root}/${predictionsPath(card.id)}`;
  const path = options.predictions ? resolve(options.predictions) : committed;
  if (!existsSync(path))
    throw usageError(
      options.predictions
        ? `predictions file not found: ${options.predictions}`
        : `no predictions for ${card.id} (${predictionsPath(card.id)})`,
      `run \`almanac train ${card.id}\`, or pass --predictions FILE`,
    );
  const run = options.predictions ? evaluateOnlyRun(card) : await committedRun(options.root, card, path);
  const shownAs = relative(process.cwd(), path) || path;
  const outcome = await withDatabase(async (db) => {
    const split = await prepareSplit(db, options.root, card, dataset);
    return evaluateCard({
      db,
      root: options.root,
      card,
      split,
      predictions: { path, shownAs },
      run,
      baseline: options.baseline,
    });
  });
  if (options.write !== false) await writeEvaluation(options.root, outcome.evaluation, outcome.predictions);
  return outcome;
}

function evaluateOnlyRun(card: ModelCard): RunRecord {
  return { command: null, exitCode: null, durationMs: null, params: card.training.params, seed: card.training.seed };
}

async function committedRun(root: string, card: ModelCard, predictions: string): Promise<RunRecord> {
  const file = `${root}/${evaluationPath(card.id)}`;
  if (!existsSync(file)) return evaluateOnlyRun(card);
  let previous: Evaluation;
  try {
    previous = parseEvaluation(await readFile(file, "utf8"), evaluationPath(card.id));
  } catch {
    return evaluateOnlyRun(card);
  }
  if (previous.provenance.predictions.sha256 !== (await sha256File(predictions))) return evaluateOnlyRun(card);
  const p = previous.provenance;
  return {
    command: p.command,
    exitCode: p.exit_code,
    durationMs: p.duration_ms,
    params: p.params,
    seed: p.seed,
    trainingLog: previous.training_log,
    mitigation: previous.mitigation,
    artifact: previous.artifact,
  };
}
