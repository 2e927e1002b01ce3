import type { DatasetManifest } from "../../core/schemas/dataset-manifest.ts";
import type { ModelCard } from "../../core/schemas/model-card.ts";
import { createRandom, deriveSeed } from "../generator/random.ts";
import type { PlannedCommit } from "./fast-import.ts";
import { type LifecycleStep, planLifecycle, stepTime } from "./lifecycle-plan.ts";
import { syntheticDriftReport } from "./synthetic-drift.ts";
import { syntheticEvaluation } from "./synthetic-evaluation.ts";
import { syntheticPredictions } from "./synthetic-predictions.ts";

/** The commits of a model's synthetic life: which files each step writes, by whom, with what message. */

const AUTHORS = ["Ada Lovelace", "Grace Hopper", "Katherine Johnson", "Alan Turing"];
/** The scheduled-job identity: drift reports and leftovers. */
export const BOT = "almanac-bot";

/** The first human author, for the repository's first commit. */
export const FIRST_AUTHOR = AUTHORS[0] as string;

/** The card text at an earlier version and stage: the final text with those two lines changed. */
export function cardAt(text: string, version: string, stage: string): string {
  const end = text.indexOf("\n---", 3);
  const head = text
    .slice(0, end)
    .replace(/^version: .*$/m, `version: ${version}`)
    .replace(/^stage: .*$/m, `stage: ${stage}`);
  return head + text.slice(end);
}

/** A report as Almanac writes it: two-space JSON and a final newline. */
export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** One model and what its commits need. */
export interface ModelContext {
  index: number;
  card: ModelCard;
  text: string;
  manifest: DatasetManifest | undefined;
  files: Map<string, Buffer>;
}

/** Rows of a generated model's synthetic predictions file. */
const PREDICTION_ROWS = 400;

function stepCommit(
  model: ModelContext,
  step: LifecycleStep,
  state: { version: string; stage: string },
  seed: number,
): Omit<PlannedCommit, "time"> {
  const { card } = model;
  const random = createRandom(deriveSeed(seed, "site", card.id, JSON.stringify(step)));
  const author = AUTHORS[model.index % AUTHORS.length] as string;
  const cardPath = `models/${card.id}/model.md`;
  const evaluationPath = `reports/models/${card.id}/evaluation.json`;
  const evaluation = (version: string, quality: number) =>
    version === card.version && model.files.has(evaluationPath)
      ? (model.files.get(evaluationPath) as Buffer)
      : json(syntheticEvaluation(card, model.manifest, version, quality, random, null));
  // Generated models get synthetic predictions beside their synthetic evaluations (the examples keep their real ones).
  const predictionsPath = `reports/models/${card.id}/predictions.csv.gz`;
  const withPredictions = (files: Map<string, Buffer | string | null>, quality: number) => {
    if (model.files.has(evaluationPath)) return files;
    const predictions = syntheticPredictions(card, model.manifest, PREDICTION_ROWS, quality, random);
    if (predictions) files.set(predictionsPath, predictions);
    return files;
  };
  if (step.kind === "create") {
    const files = new Map<string, Buffer | string | null>(
      [...model.files].filter(([path]) => path.startsWith(`models/${card.id}/`)),
    );
    files.set(cardPath, cardAt(model.text, step.version, step.stage));
    return { author, subject: `Add model ${card.id}`, files };
  }
  if (step.kind === "evaluate") {
    return {
      author,
      subject: `Evaluate ${card.id} ${step.version}`,
      files: withPredictions(new Map([[evaluationPath, evaluation(step.version, step.quality)]]), step.quality),
    };
  }
  if (step.kind === "version") {
    const files = new Map<string, Buffer | string | null>([
      [cardPath, cardAt(model.text, step.version, state.stage)],
      [evaluationPath, evaluation(step.version, step.quality)],
    ]);
    return { author, subject: `Release ${card.id} ${step.version}`, files: withPredictions(files, step.quality) };
  }
  if (step.kind === "stage") {
    return {
      author,
      subject: `Promote ${card.id} to ${step.stage}`,
      files: new Map([[cardPath, cardAt(model.text, state.version, step.stage)]]),
    };
  }
  const driftPath = `reports/drift/${card.id}/${step.date}.json`;
  const report =
    model.files.get(driftPath) ?? json(syntheticDriftReport(card, model.manifest, step.date, step.intensity, random));
  return { author: BOT, subject: `Drift report for ${card.id} on ${step.date}`, files: new Map([[driftPath, report]]) };
}

function realDriftSteps(model: ModelContext): LifecycleStep[] {
  const prefix = `reports/drift/${model.card.id}/`;
  return [...model.files.keys()]
    .filter((path) => path.startsWith(prefix) && path.endsWith(".json"))
    .map((path) => ({ kind: "drift", date: path.slice(prefix.length, -".json".length), intensity: 0 }) as const);
}

/** Every commit of one model's life, with its time. */
export function modelCommits(
  model: ModelContext,
  seed: number,
  options: { versions: number; driftReports: number },
): PlannedCommit[] {
  const random = createRandom(deriveSeed(seed, "plan", model.card.id));
  const real = realDriftSteps(model);
  const steps = planLifecycle(
    {
      version: model.card.version,
      stage: model.card.stage,
      monitored: model.card.monitoring !== undefined && real.length === 0,
    },
    random,
    options,
  );
  steps.push(...real);
  const state = { version: model.card.version, stage: "proposed" };
  return steps.map((step, index) => {
    if (step.kind === "create" || step.kind === "version") state.version = step.version;
    const commit = { ...stepCommit(model, step, state, seed), time: stepTime(model.index, index, step) };
    if (step.kind === "stage") state.stage = step.stage;
    return commit;
  });
}

/** Numbers the human commits' pull requests in date order, as squash merges do ("… (#12)"). */
export function numberPullRequests(commits: PlannedCommit[]): void {
  let next = 1;
  for (const commit of commits)
    if (commit.author !== BOT && !commit.subject.startsWith("Evaluate")) commit.subject += ` (#${next++})`;
}
