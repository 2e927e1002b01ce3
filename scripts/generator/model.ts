import { CARD_SCHEMA_FILE, renderModelCardText } from "../../core/new/render.ts";
import type { Task } from "../../core/schemas/metrics.ts";
import { STAGES, type Stage } from "../../core/schemas/model-card.ts";
import type { GeneratedDataset } from "./dataset.ts";
import { createRandom, deriveSeed, type Random } from "./random.ts";

/** A generated model card: its id, what it points at, and its files. */
export interface GeneratedModel {
  id: string;
  datasetId: string;
  task: Task;
  stage: Stage;
  /** Files by path relative to the repository root. */
  files: Map<string, string>;
}

const PURPOSES = ["risk", "demand", "churn", "quality", "anomaly", "triage", "pricing", "uptake", "yield", "delay"];
const TEAMS = ["@almanac/forecasting", "@almanac/risk", "@almanac/growth", "@almanac/platform", "@almanac/research"];
const USERS = ["octocat", "hubot", "monalisa", "mona"];
const LICENSES = ["MIT", "Apache-2.0", "CC-BY-4.0"];
const RUNNERS: readonly (string | string[])[] = [
  "ubuntu-latest",
  "ubuntu-latest",
  "ubuntu-24.04",
  ["self-hosted", "gpu"],
];
const TIMEOUTS = ["2m", "5m", "10m", "30m"];

function gatesFor(task: Task, random: Random, sensitive: boolean): Record<string, Record<string, number>> {
  const cut = (low: number, high: number) => Number((low + (high - low) * random.next()).toFixed(2));
  if (task === "binary-classification") {
    return {
      roc_auc: { min: cut(0.6, 0.8), max_drop: 0.02 },
      accuracy: { min: cut(0.55, 0.7) },
      ...(sensitive ? { demographic_parity_difference: { max: cut(0.1, 0.3) } } : {}),
    };
  }
  if (task === "multiclass-classification") {
    return {
      macro_f1: { min: cut(0.4, 0.6), max_drop: 0.03 },
      accuracy: { min: cut(0.45, 0.65) },
      ...(sensitive ? { primary_metric_gap: { max: cut(0.1, 0.3) } } : {}),
    };
  }
  return { rmse: { max: cut(3, 6), max_drop: 0.25 }, r2: { min: cut(0.2, 0.5) } };
}

const PRIMARY: Record<Task, string> = {
  "binary-classification": "roc_auc",
  "multiclass-classification": "macro_f1",
  regression: "rmse",
};

function frontMatter(id: string, index: number, dataset: GeneratedDataset, random: Random): Record<string, unknown> {
  const stage = STAGES[index % STAGES.length] as Stage;
  const sensitive = random.chance(0.5);
  const features = random.sample(dataset.features, random.int(2, dataset.features.length));
  return {
    apiVersion: "almanac/v1",
    kind: "Model",
    id,
    name: `${id.split("-")[0]} model ${index + 1} on ${dataset.id}`,
    description: `A synthetic ${dataset.task} model on ${dataset.id}, generated for benchmarks.`,
    version: `${random.int(0, 2)}.${random.int(0, 9)}.${random.int(0, 20)}`,
    stage,
    owners: random.chance(0.7) ? [random.pick(TEAMS)] : [random.pick(TEAMS), random.pick(USERS)],
    task: dataset.task,
    license: random.pick(LICENSES),
    tags: ["synthetic", dataset.id.split("-")[0], random.pick(["tabular", "baseline", "experiment"])],
    dataset: {
      id: dataset.id,
      version: "1.0.0",
      target: dataset.target,
      features,
      ...(sensitive ? { sensitive: dataset.sensitive } : {}),
    },
    training: {
      command: "node train.mts",
      params: { learning_rate: Number((0.01 * random.int(1, 50)).toFixed(2)), iterations: 100 * random.int(1, 20) },
      timeout: random.pick(TIMEOUTS),
      runner: random.pick(RUNNERS),
      seed: 42,
    },
    evaluation: {
      split: "test",
      primary_metric: PRIMARY[dataset.task],
      ...(dataset.task === "binary-classification" ? { positive_class: "yes" } : {}),
      gates: gatesFor(dataset.task, random, sensitive),
    },
    ...(stage === "production"
      ? {
          monitoring: {
            current: dataset.current,
            timestamp: "observed_on",
            reference: "train",
            drift_share: 0.5,
          },
        }
      : {}),
  };
}

/** Model number `index` (0-based) on `dataset`: its card and, when `trainScripts` are given, those files (train.mts…). */
export function generateModel(
  index: number,
  dataset: GeneratedDataset,
  options: { seed: number; trainScripts?: Readonly<Record<string, string>> },
): GeneratedModel {
  const random = createRandom(deriveSeed(options.seed, "model", index));
  const id = `${PURPOSES[index % PURPOSES.length]}-${dataset.id.split("-")[0]}-${String(index + 1).padStart(4, "0")}`;
  const card = frontMatter(id, index, dataset, random);
  const text = renderModelCardText(
    card,
    `Model ${id}`,
    `A synthetic ${dataset.task} model for Almanac's benchmarks.`,
    {
      "Intended use": "Benchmarks and tests of Almanac itself; not for decisions about anything real.",
      Limitations: "Trained by the baseline entry point on synthetic rows; its scores say nothing about real data.",
      "Ethical considerations": `The \`group\` column is synthetic; fairness slices over it only exercise the tooling.`,
      "Training data": `The \`${dataset.id}\` dataset, version 1.0.0, split 75/25 by hash of \`row_id\`.`,
      Evaluation: `The primary metric is ${PRIMARY[dataset.task]} on the held-out quarter, with bootstrap intervals.`,
    },
    `../../schemas/${CARD_SCHEMA_FILE}`,
  );
  const files = new Map([[`models/${id}/model.md`, text]]);
  for (const [file, text] of Object.entries(options.trainScripts ?? {})) files.set(`models/${id}/${file}`, text);
  return { id, datasetId: dataset.id, task: dataset.task, stage: card.stage as Stage, files };
}
