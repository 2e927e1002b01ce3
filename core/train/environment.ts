import type { ModelCard } from "../schemas/model-card.ts";

/**
 * Variables passed through from Almanac's own environment to the training command; everything
 * else (GITHUB_TOKEN, ACTIONS_*, cloud credentials, NPM tokens…) is withheld, so pull-request
 * code never sees a secret of the job that runs it.
 */
export const PASSED_THROUGH = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TZ",
  "TMPDIR",
  "TERM",
] as const;

/** Where the contract's files are. */
export interface ContractPaths {
  train: string;
  test: string;
  output: string;
}

/**
 * The environment of a training command (docs/training.md, "The environment contract"):
 * the passed-through variables plus
 * - ALMANAC_TRAIN: CSV with row_id, the features and the target;
 * - ALMANAC_TEST: CSV with row_id and the features only (never the labels);
 * - ALMANAC_PARAMS: the card's training.params as JSON;
 * - ALMANAC_OUTPUT: directory for predictions.csv, artifacts and training-log.csv/.json;
 * - ALMANAC_SEED, ALMANAC_TARGET, ALMANAC_FEATURES (comma-separated), ALMANAC_TASK, ALMANAC_MODEL;
 * - ALMANAC_CLASSES (classification): JSON array of the sorted class labels;
 * - ALMANAC_POSITIVE_CLASS (binary): the positive class;
 * - ALMANAC_WEIGHTS (card `fairness.mitigation`): CSV `row_id,weight` of every train row, set by
 *   `almanac train` itself (core/mitigation/weights-file.ts), never from the parent environment.
 */
export function trainingEnvironment(
  parent: NodeJS.ProcessEnv,
  card: ModelCard,
  paths: ContractPaths,
  classes: readonly string[] | null,
  positiveClass: string | null,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    ALMANAC_TRAIN: paths.train,
    ALMANAC_TEST: paths.test,
    ALMANAC_PARAMS: JSON.stringify(card.training.params),
    ALMANAC_OUTPUT: paths.output,
    ALMANAC_SEED: String(card.training.seed),
    ALMANAC_TARGET: card.dataset.target,
    ALMANAC_FEATURES: card.dataset.features.join(","),
    ALMANAC_TASK: card.task,
    ALMANAC_MODEL: card.id,
  });
  if (classes) env.ALMANAC_CLASSES = JSON.stringify(classes);
  if (positiveClass !== null) env.ALMANAC_POSITIVE_CLASS = positiveClass;
  return env;
}
