import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { LoadedModelCard } from "../load/model-card.ts";
import type { Repository } from "../load/repository.ts";
import type { Column } from "../schemas/dataset-manifest.ts";
import { findMetric, METRIC_NAMES, metricsForTask } from "../schemas/metrics.ts";
import { type Diagnostic, defineDiagnostic } from "../util/diagnostic.ts";
import { didYouMean } from "../util/suggest.ts";
import { checkPolicyReferences } from "./policy-references.ts";

type Push = (path: readonly PropertyKey[], code: string, message: string, hint: string, key?: boolean) => void;

function pusher(loaded: LoadedModelCard | LoadedDatasetManifest, out: Diagnostic[]): Push {
  return (path, code, message, hint, key = false) => {
    const position = loaded.document?.locate(path, { key }) ?? { line: 1, column: 1 };
    out.push(defineDiagnostic({ file: loaded.file, ...position, field: path.join("."), code, message, hint }));
  };
}

/** Checks that ids are unique and equal their folders, for cards and manifests alike. */
export function checkIds(repository: Repository): Diagnostic[] {
  const out: Diagnostic[] = [];
  const entries = [
    ...repository.models.map((loaded) => ({ loaded, id: loaded.card?.id, kind: "model" })),
    ...repository.datasets.map((loaded) => ({ loaded, id: loaded.manifest?.id, kind: "dataset" })),
  ];
  const seen = new Map<string, string>();
  for (const { loaded, id, kind } of entries) {
    if (id === undefined) continue;
    const push = pusher(loaded, out);
    if (id !== loaded.folder) {
      push(
        ["id"],
        "ref.id-folder",
        `id "${id}" differs from its folder "${loaded.folder}"`,
        `set id to "${loaded.folder}" or rename the folder`,
      );
    }
    const key = `${kind}:${id}`;
    const previous = seen.get(key);
    if (previous)
      push(
        ["id"],
        "ref.id-duplicate",
        `${kind} id "${id}" is already used by ${previous}`,
        "give each folder its own id",
      );
    else seen.set(key, loaded.file);
  }
  return out;
}

/** Checks a card against its dataset: id, version, columns, roles, types, and metric names. */
export function checkModelReferences(
  loaded: LoadedModelCard,
  datasets: readonly LoadedDatasetManifest[],
): Diagnostic[] {
  const card = loaded.card;
  if (!card) return [];
  const out: Diagnostic[] = [];
  const push = pusher(loaded, out);
  const allowed = metricsForTask(card.task);
  checkMetricName(card.evaluation.primary_metric, ["evaluation", "primary_metric"], allowed, card.task, push, false);
  for (const metric of Object.keys(card.evaluation.gates)) {
    checkMetricName(metric, ["evaluation", "gates", metric], allowed, card.task, push, true);
  }
  out.push(...checkPolicyReferences(loaded));
  const candidates = datasets.filter((dataset) => dataset.manifest?.id === card.dataset.id);
  if (candidates.length === 0) {
    const ids = datasets.flatMap((dataset) => (dataset.manifest ? [dataset.manifest.id] : []));
    push(
      ["dataset", "id"],
      "ref.dataset-missing",
      `dataset "${card.dataset.id}" does not exist`,
      ids.length ? didYouMean(card.dataset.id, ids) : "add datasets/<id>/dataset.yaml (almanac new dataset)",
    );
    return out;
  }
  const dataset = candidates.find((candidate) => candidate.manifest?.version === card.dataset.version);
  if (!dataset?.manifest) {
    const versions = candidates.map((candidate) => candidate.manifest?.version).join(", ");
    push(
      ["dataset", "version"],
      "ref.dataset-version",
      `dataset "${card.dataset.id}" has no version ${card.dataset.version} (found: ${versions})`,
      `set dataset.version to ${versions}`,
    );
    return out;
  }
  const columns = new Map(dataset.manifest.columns.map((column) => [column.name, column]));
  const names = [...columns.keys()];
  const target = columns.get(card.dataset.target);
  if (!target) {
    push(
      ["dataset", "target"],
      "ref.column-missing",
      `target column "${card.dataset.target}" is not in dataset ${card.dataset.id}`,
      didYouMean(card.dataset.target, names),
    );
  } else {
    if (target.role !== "target")
      push(
        ["dataset", "target"],
        "ref.column-role",
        `column "${target.name}" has role ${target.role}, expected target`,
        `set role: target on the column in ${dataset.file}`,
      );
    checkTargetType(target, card.task, push);
  }
  card.dataset.features.forEach((feature, index) => {
    const column = columns.get(feature);
    if (!column)
      push(
        ["dataset", "features", index],
        "ref.column-missing",
        `feature column "${feature}" is not in dataset ${card.dataset.id}`,
        didYouMean(feature, names),
      );
    else if (column.role === "target" || column.role === "id")
      push(
        ["dataset", "features", index],
        "ref.column-role",
        `column "${feature}" has role ${column.role} and cannot be a feature`,
        "remove it from features (a model must not read its target or row ids)",
      );
  });
  card.dataset.sensitive.forEach((name, index) => {
    const column = columns.get(name);
    if (!column)
      push(
        ["dataset", "sensitive", index],
        "ref.column-missing",
        `sensitive column "${name}" is not in dataset ${card.dataset.id}`,
        didYouMean(name, names),
      );
    else if (column.role !== "sensitive")
      push(
        ["dataset", "sensitive", index],
        "ref.column-role",
        `column "${name}" has role ${column.role}, expected sensitive`,
        `set role: sensitive on the column in ${dataset.file}`,
      );
    else if (column.type === "number")
      push(
        ["dataset", "sensitive", index],
        "ref.column-type",
        `sensitive column "${name}" is a number; fairness slices need groups`,
        "use a category, boolean, integer or string column",
      );
  });
  return out;
}

function checkMetricName(
  metric: string,
  path: PropertyKey[],
  allowed: string[],
  task: string,
  push: Push,
  key: boolean,
) {
  if (allowed.includes(metric)) return;
  if (findMetric(metric))
    push(
      path,
      "ref.metric-task",
      `metric "${metric}" does not apply to ${task}`,
      `use one of: ${allowed.join(", ")}`,
      key,
    );
  else push(path, "ref.metric-unknown", `unknown metric "${metric}"`, didYouMean(metric, METRIC_NAMES), key);
}

function checkTargetType(target: Column, task: string, push: Push) {
  const regression = task === "regression";
  const fits = regression
    ? target.type === "number" || target.type === "integer"
    : target.type !== "number" && target.type !== "datetime";
  if (!fits)
    push(
      ["dataset", "target"],
      "ref.column-type",
      `target "${target.name}" is ${target.type}, which does not fit ${task}`,
      regression
        ? "regression needs a number or integer target"
        : "classification needs a category, boolean, integer or string target",
    );
}

/** Checks a manifest's internal references: unique column names, split columns, check columns. */
export function checkManifestReferences(loaded: LoadedDatasetManifest): Diagnostic[] {
  const manifest = loaded.manifest;
  if (!manifest) return [];
  const out: Diagnostic[] = [];
  const push = pusher(loaded, out);
  const names = manifest.columns.map((column) => column.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index)
      push(
        ["columns", index, "name"],
        "ref.column-duplicate",
        `column "${name}" is declared twice`,
        "declare each column once",
      );
  });
  const split = manifest.split;
  if (split.method === "hash" && !names.includes(split.key))
    push(
      ["split", "key"],
      "ref.column-missing",
      `split key "${split.key}" is not a declared column`,
      didYouMean(split.key, names),
    );
  if (split.method === "column" && !names.includes(split.column))
    push(
      ["split", "column"],
      "ref.column-missing",
      `split column "${split.column}" is not a declared column`,
      didYouMean(split.column, names),
    );
  if (split.method === "files") {
    manifest.files.forEach((file, index) => {
      if (file.split !== "train" && file.split !== "test")
        push(
          ["files", index, "split"],
          "ref.split-file",
          "with split method files, each file needs split: train or split: test",
          "add `split: train` or `split: test` to the file",
        );
    });
  }
  for (const name of Object.keys(manifest.checks.null_fraction)) {
    if (!names.includes(name))
      push(
        ["checks", "null_fraction", name],
        "ref.column-missing",
        `check names column "${name}", which is not declared`,
        didYouMean(name, names),
        true,
      );
  }
  return out;
}
