import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScoreRequest } from "../artifacts/predict.ts";
import type { Database } from "../data/duckdb.ts";
import { type CardEvaluation, evaluateCard } from "../evaluate/evaluate-card.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { type PreparedSplit, writeSplitCsvs } from "../train/split.ts";
import { AlmanacError } from "../util/errors.ts";

/** Scores rows with a version's published artifact (core/artifacts: pull, verify, run predict). */
export type ProductionScorer = (request: ScoreRequest) => Promise<{ sha256: string }>;

/** The production model on the retraining test rows: its evaluation and artifact digest. */
export interface ProductionSide {
  outcome: CardEvaluation;
  artifact: string;
}

/**
 * Scores the next dataset version's test rows with the production version's published artifact
 * and evaluates those predictions exactly as the retrained model will be (same split, same
 * settings, provenance naming the new dataset version), so the two are paired row by row. An
 * error of the scorer (no published artifact, a store that cannot be reached) stops the retrain
 * before anything is written, with its message and hint kept.
 */
export async function scoreProduction(options: {
  db: Database;
  root: string;
  production: ModelCard;
  next: { card: ModelCard; dataset: LoadedDatasetManifest };
  split: PreparedSplit;
  scorer: ProductionScorer;
  env: NodeJS.ProcessEnv;
  onOutput: ScoreRequest["onOutput"];
}): Promise<ProductionSide> {
  const { production, next } = options;
  const workdir = await mkdtemp(join(tmpdir(), `almanac-retrain-${production.id}-`));
  try {
    const paths = {
      train: join(workdir, "train.csv"),
      test: join(workdir, "test.csv"),
      out: join(workdir, "production.csv"),
    };
    await writeSplitCsvs(options.db, next.card, paths.train, paths.test);
    let artifact: string;
    try {
      ({ sha256: artifact } = await options.scorer({
        root: options.root,
        model: production.id,
        version: production.version,
        data: paths.test,
        out: paths.out,
        env: options.env,
        onOutput: options.onOutput,
      }));
    } catch (error) {
      if (!(error instanceof AlmanacError)) throw error;
      throw new AlmanacError(
        `${production.id}: cannot score the test rows with the production version ${production.version}'s published artifact: ${error.message}`,
        { hint: error.hint || `publish it first: almanac publish ${production.id}`, exitCode: error.exitCode },
      );
    }
    // The production card judged on the next dataset version's rows: same split, same settings.
    const card = { ...production, dataset: next.card.dataset, evaluation: { ...production.evaluation, gates: {} } };
    const outcome = await evaluateCard({
      db: options.db,
      root: options.root,
      card,
      split: options.split,
      predictions: {
        path: paths.out,
        shownAs: `${production.id}@${production.version} (production artifact) predictions`,
      },
      run: {
        command: null,
        exitCode: null,
        durationMs: null,
        params: production.training.params,
        seed: production.training.seed,
      },
      baseline: { evaluation: null, label: null },
    });
    return { outcome, artifact };
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}
