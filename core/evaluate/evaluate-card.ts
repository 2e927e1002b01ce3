import type { Database } from "../data/duckdb.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { type PreparedSplit, TEST_TABLE } from "../train/split.ts";
import { type EvaluationResult, type EvaluationTarget, evaluatePredictions } from "./evaluate-core.ts";
import { type Baseline, checkGates } from "./gates.ts";
import { gitState, runtimeVersions, toolVersion } from "./provenance.ts";
import { buildEvaluation, encodePredictions, predictionsPath } from "./report.ts";

/** What the training run adds to provenance; null fields for an evaluate-only run. */
export interface RunRecord {
  command: string | null;
  exitCode: number | null;
  durationMs: number | null;
  params: Record<string, unknown>;
  seed: number;
  trainingLog?: Evaluation["training_log"];
  /** The bias mitigation applied in training and what it changed (docs/training.md). */
  mitigation?: Evaluation["mitigation"];
  /** The packed model folder of the run, when it wrote one. */
  artifact?: Evaluation["artifact"];
}

/** An evaluation ready to write: the document and the gzipped predictions. */
export interface CardEvaluation {
  evaluation: Evaluation;
  predictions: Uint8Array;
  result: EvaluationResult;
}

/** What a card's model is evaluated against: its prepared test split, with row keys. */
export function cardTarget(card: ModelCard, split: PreparedSplit): EvaluationTarget {
  return {
    task: card.task,
    truthTable: TEST_TABLE,
    targetColumn: card.dataset.target,
    sensitive: card.dataset.sensitive,
    primaryMetric: card.evaluation.primary_metric,
    labels: split.labels,
    positiveClass: card.evaluation.positive_class === undefined ? null : String(card.evaluation.positive_class),
    withRowIds: true,
  };
}

/**
 * Evaluates predictions of a card's model on its prepared test split: metrics, intervals,
 * fairness, gates and full provenance. Pure of file writes (see writeEvaluation).
 */
export async function evaluateCard(options: {
  db: Database;
  root: string;
  card: ModelCard;
  split: PreparedSplit;
  predictions: { path: string; shownAs: string };
  run: RunRecord;
  baseline: Baseline;
}): Promise<CardEvaluation> {
  const { card, split } = options;
  const bootstrap = card.evaluation.bootstrap;
  const result = await evaluatePredictions(options.db, options.predictions, cardTarget(card, split), bootstrap);
  const encoded = encodePredictions(result);
  const [git, runtime, version] = await Promise.all([
    gitState(options.root),
    runtimeVersions(options.db),
    toolVersion(),
  ]);
  const gates = checkGates(card.evaluation.gates, result, options.baseline);
  const evaluation = buildEvaluation({
    card,
    result,
    gates,
    trainingLog: options.run.trainingLog,
    mitigation: options.run.mitigation,
    artifact: options.run.artifact,
    provenance: {
      card_version: card.version,
      commit: git.commit,
      dirty: git.dirty,
      ...(git.uncommitted ? { uncommitted: git.uncommitted } : {}),
      dataset: {
        id: card.dataset.id,
        version: card.dataset.version,
        files: split.files.map(({ path, sha256 }) => ({ path, sha256 })),
      },
      split: card.evaluation.split,
      rows: { train: split.trainRows, test: split.testRows },
      params: options.run.params,
      command: options.run.command,
      exit_code: options.run.exitCode,
      duration_ms: options.run.durationMs,
      seed: options.run.seed,
      bootstrap: { resamples: bootstrap.resamples, seed: bootstrap.seed, confidence: bootstrap.confidence },
      predictions: { file: predictionsPath(card.id), sha256: encoded.sha256 },
      tool: { name: "almanac", version },
      runtime,
    },
  });
  return { evaluation, predictions: encoded.bytes, result };
}
