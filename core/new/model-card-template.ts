import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { Task } from "../schemas/metrics.ts";
import { renderModelCardText } from "./render.ts";

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
    training: { command: "node train.ts", params: {}, timeout: "10m", runner: "ubuntu-latest", seed: 42 },
    evaluation: { split: "test", primary_metric: DEFAULT_PRIMARY_METRIC[task], gates: defaultGates(task) },
  };
}

/** The text of `models/<id>/model.md` for a new model: front matter and every card section. Pure. */
export function renderNewModelCard(settings: NewCardSettings): string {
  const { manifest, task } = settings;
  const baseline = task === "regression" ? "the mean of the target" : "the most frequent class";
  const slices =
    settings.sensitive.length > 0
      ? `Fairness slices are computed over ${settings.sensitive.map((name) => `\`${name}\``).join(", ")}.`
      : "No sensitive column is declared yet: add one under dataset.sensitive to get fairness slices.";
  return renderModelCardText(
    newCardFrontMatter(settings),
    settings.name,
    `A ${task} model of \`${settings.target}\`. It starts as the baseline in \`train.ts\`, which predicts ${baseline}; replace it with a real learner and describe it here.`,
    {
      "Intended use": "Who should use this model, for which decisions, and who should not.",
      Limitations: "Where the model is known to fail: populations, time ranges and inputs unlike the training data.",
      "Ethical considerations": `Whom a wrong prediction harms, and how. ${slices}`,
      "Training data": `The \`${manifest.id}\` dataset, version ${manifest.version}: ${describeSplit(manifest)}.`,
      Evaluation: `${DEFAULT_PRIMARY_METRIC[task]} on the held-out \`test\` split, computed by Almanac with bootstrap confidence intervals. The gate allows a drop of at most 0.02 against the base branch.`,
    },
  );
}
