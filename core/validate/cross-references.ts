import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { LoadedModelCard } from "../load/model-card.ts";
import type { Repository } from "../load/repository.ts";
import type { Column, DatasetManifest } from "../schemas/dataset-manifest.ts";
import { findMetric, METRIC_NAMES, metricsForTask, type Task } from "../schemas/metrics.ts";
import { type Diagnostic, defineDiagnostic } from "../util/diagnostic.ts";
import { didYouMean } from "../util/suggest.ts";
import { type CardReferences, cardReferences } from "./card-references.ts";
import { checkMonitoringReferences } from "./monitoring-references.ts";
import { checkPolicyReferences } from "./policy-references.ts";

type ValidManifest = LoadedDatasetManifest & { manifest: DatasetManifest };

export type Push = (path: readonly PropertyKey[], code: string, message: string, hint: string, key?: boolean) => void;

/** Pushes positioned diagnostics about one card or manifest. */
export function pusher(loaded: LoadedModelCard | LoadedDatasetManifest, out: Diagnostic[]): Push {
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

/**
 * Checks a card against its dataset: id, version, columns, roles, types, and metric names.
 * An invalid card is checked as far as its valid fields go, and a dataset version that does
 * not exist does not stop the column checks (they run against the version that does).
 */
export function checkModelReferences(
  loaded: LoadedModelCard,
  datasets: readonly LoadedDatasetManifest[],
): Diagnostic[] {
  const refs = cardReferences(loaded);
  if (!refs) return [];
  const out: Diagnostic[] = [];
  const push = pusher(loaded, out);
  if (refs.task) checkMetricNames(refs, refs.task, push);
  out.push(...checkPolicyReferences(loaded));
  const dataset = findCardDataset(refs, datasets, push);
  if (dataset) {
    checkColumns(refs, dataset, push);
    checkMonitoringReferences(refs, dataset.manifest, push);
  }
  return out;
}

function checkMetricNames(refs: CardReferences, task: Task, push: Push): void {
  const allowed = metricsForTask(task);
  if (refs.primaryMetric !== undefined)
    checkMetricName(refs.primaryMetric, ["evaluation", "primary_metric"], allowed, task, push, false);
  for (const metric of refs.gates) checkMetricName(metric, ["evaluation", "gates", metric], allowed, task, push, true);
}

/** The manifest of the card's dataset (its version, else the version that exists), reporting what is wrong. */
function findCardDataset(
  refs: CardReferences,
  datasets: readonly LoadedDatasetManifest[],
  push: Push,
): ValidManifest | undefined {
  const { id, version } = refs.dataset;
  if (id === undefined) return undefined;
  const candidates = datasets.filter((dataset): dataset is ValidManifest => dataset.manifest?.id === id);
  if (candidates.length === 0) {
    const ids = datasets.flatMap((dataset) => (dataset.manifest ? [dataset.manifest.id] : []));
    push(
      ["dataset", "id"],
      "ref.dataset-missing",
      `dataset "${id}" does not exist`,
      ids.length ? didYouMean(id, ids) : "add datasets/<id>/dataset.yaml (almanac new dataset)",
    );
    return undefined;
  }
  const exact = candidates.find((candidate) => candidate.manifest.version === version);
  if (exact || version === undefined) return exact ?? candidates[0];
  const versions = candidates.map((candidate) => candidate.manifest.version).join(", ");
  push(
    ["dataset", "version"],
    "ref.dataset-version",
    `dataset "${id}" has no version ${version} (found: ${versions})`,
    `set dataset.version to ${versions}`,
  );
  return candidates[0];
}

function checkColumns(refs: CardReferences, { manifest, file }: ValidManifest, push: Push): void {
  const columns = new Map(manifest.columns.map((column) => [column.name, column]));
  const names = [...columns.keys()];
  const { target: targetName, features = [], sensitive = [] } = refs.dataset;
  const missing = (path: PropertyKey[], what: string, name: string) =>
    push(
      path,
      "ref.column-missing",
      `${what} column "${name}" is not in dataset ${manifest.id}`,
      didYouMean(name, names),
    );
  const target = targetName === undefined ? undefined : columns.get(targetName);
  if (targetName !== undefined && !target) missing(["dataset", "target"], "target", targetName);
  if (target) {
    if (target.role !== "target")
      push(
        ["dataset", "target"],
        "ref.column-role",
        `column "${target.name}" has role ${target.role}, expected target`,
        `set role: target on the column in ${file}`,
      );
    if (refs.task) checkTargetType(target, refs.task, push);
  }
  features.forEach((feature, index) => {
    const column = columns.get(feature);
    if (!column) missing(["dataset", "features", index], "feature", feature);
    else if (column.role === "target" || column.role === "id")
      push(
        ["dataset", "features", index],
        "ref.column-role",
        `column "${feature}" has role ${column.role} and cannot be a feature`,
        "remove it from features (a model must not read its target or row ids)",
      );
  });
  sensitive.forEach((name, index) => {
    checkSensitive(columns.get(name), name, index, file, push, missing);
  });
}

function checkSensitive(
  column: Column | undefined,
  name: string,
  index: number,
  file: string,
  push: Push,
  missing: (path: PropertyKey[], what: string, name: string) => void,
): void {
  if (!column) missing(["dataset", "sensitive", index], "sensitive", name);
  else if (column.role !== "sensitive")
    push(
      ["dataset", "sensitive", index],
      "ref.column-role",
      `column "${name}" has role ${column.role}, expected sensitive`,
      `set role: sensitive on the column in ${file}`,
    );
  else if (column.type === "number")
    push(
      ["dataset", "sensitive", index],
      "ref.column-type",
      `sensitive column "${name}" is a number; fairness slices need groups`,
      "use a category, boolean, integer or string column",
    );
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
