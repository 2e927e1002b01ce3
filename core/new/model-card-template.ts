import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { Task } from "../schemas/metrics.ts";
import { renderModelCardText } from "./render.ts";
import { SECTION_PROMPTS } from "./section-prompts.ts";

/** Languages `almanac new model` scaffolds a training entry point in. */
export const LANGUAGES = ["node", "python"] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * What each language's scaffold writes and how the card runs it: training saves the model to
 * ALMANAC_MODEL_DIR (the version's artifact) and the predict command scores rows with it.
 */
export const LANGUAGE_SCAFFOLDS: Record<
  Language,
  {
    train: string;
    command: string;
    predict: string;
    files: readonly string[];
    python?: { version: string; requirements: string };
  }
> = {
  node: {
    train: "train.mts",
    command: "node train.mts",
    predict: "node predict.mts",
    files: ["train.mts", "predict.mts", "baseline.mts"],
  },
  python: {
    train: "train.py",
    command: "python3 train.py",
    predict: "python3 predict.py",
    files: ["train.py", "predict.py", "requirements.txt"],
    python: { version: "3.12", requirements: "requirements.txt" },
  },
};

/** What a new card says. */
export interface NewCardSettings {
  id: string;
  name: string;
  task: Task;
  manifest: DatasetManifest;
  target: string;
  features: readonly string[];
  sensitive: readonly string[];
  owners: readonly string[];
  license: string;
  language: Language;
  /** The card's JSON Schema, as a path from the card's folder (see `schemaReference`). */
  schema: string;
}

/** The headline metric a new card starts with, per task. */
export const DEFAULT_PRIMARY_METRIC: Record<Task, string> = {
  "binary-classification": "roc_auc",
  "multiclass-classification": "macro_f1",
  regression: "r2",
};

/** Starting gates: the model may not get worse than the base branch's by more than 0.02. */
function defaultGates(task: Task): Record<string, { max_drop: number }> {
  return { [DEFAULT_PRIMARY_METRIC[task]]: { max_drop: 0.02 } };
}

function describeSplit(manifest: DatasetManifest): string {
  const split = manifest.split;
  if (split.method === "hash")
    return `a deterministic ${Math.round((1 - split.test_fraction) * 100)}/${Math.round(split.test_fraction * 100)} split by hash of \`${split.key}\``;
  if (split.method === "column")
    return `rows whose \`${split.column}\` is ${split.test_values.join(" or ")} are held out`;
  return "the files marked split: test are held out";
}

function trainingBlock(language: Language): Record<string, unknown> {
  const scaffold = LANGUAGE_SCAFFOLDS[language];
  return {
    command: scaffold.command,
    ...(scaffold.python ? { python: { ...scaffold.python } } : {}),
    params: {},
    timeout: "10m",
    runner: "ubuntu-latest",
    seed: 42,
  };
}

/** What the scaffolded entry point does, for the card's lead paragraph. */
function describeBaseline(task: Task, language: Language): string {
  const file = `\`${LANGUAGE_SCAFFOLDS[language].train}\``;
  if (language === "python")
    return `It starts as the scikit-learn baseline in ${file}: ${task === "regression" ? "a ridge regression" : "a logistic regression"} on the standardised numbers and one-hot encoded categories; improve it and describe it here.`;
  const baseline = task === "regression" ? "the mean of the target" : "the most frequent class";
  return `It starts as the baseline in ${file}, which predicts ${baseline}; replace it with a real learner and describe it here.`;
}

/** The front matter of a new card, in the order people read it. Pure. */
export function newCardFrontMatter(settings: NewCardSettings): Record<string, unknown> {
  const { manifest, task } = settings;
  return {
    apiVersion: "almanac/v1",
    kind: "Model",
    id: settings.id,
    name: settings.name,
    description: `Predicts ${settings.target} in the ${manifest.id} dataset (${task}).`,
    version: "0.1.0",
    stage: "proposed",
    owners: [...settings.owners],
    task,
    license: settings.license,
    tags: [],
    dataset: {
      id: manifest.id,
      version: manifest.version,
      target: settings.target,
      features: [...settings.features],
      sensitive: [...settings.sensitive],
    },
    training: trainingBlock(settings.language),
    predict: { command: LANGUAGE_SCAFFOLDS[settings.language].predict, timeout: "10m" },
    evaluation: { split: "test", primary_metric: DEFAULT_PRIMARY_METRIC[task], gates: defaultGates(task) },
  };
}

/** The text of `models/<id>/model.md` for a new model: front matter and every card section. Pure. */
export function renderNewModelCard(settings: NewCardSettings): string {
  const { manifest, task } = settings;
  const slices =
    settings.sensitive.length > 0
      ? `Fairness slices are computed over ${settings.sensitive.map((name) => `\`${name}\``).join(", ")}.`
      : "No sensitive column is declared yet: add one under dataset.sensitive to get fairness slices.";
  return renderModelCardText(
    newCardFrontMatter(settings),
    settings.name,
    `A ${task} model of \`${settings.target}\`. ${describeBaseline(task, settings.language)}`,
    {
      ...SECTION_PROMPTS,
      "Ethical considerations": `Whom a wrong prediction harms, and how. ${slices}`,
      "Training data": `The \`${manifest.id}\` dataset, version ${manifest.version}: ${describeSplit(manifest)}.`,
      Evaluation: `${DEFAULT_PRIMARY_METRIC[task]} on the held-out \`test\` split, computed by Almanac with bootstrap confidence intervals. The gate allows a drop of at most 0.02 against the base branch.`,
    },
    settings.schema,
  );
}
