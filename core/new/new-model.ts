import { mkdir, readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { parseModelCard } from "../load/model-card.ts";
import { findDataset, loadRepository, type Repository } from "../load/repository.ts";
import { IdSchema } from "../schemas/common.ts";
import type { Column, DatasetManifest } from "../schemas/dataset-manifest.ts";
import { type Task, TaskSchema } from "../schemas/metrics.ts";
import { writeFileAtomic } from "../util/atomic-write.ts";
import { hasErrors } from "../util/diagnostic.ts";
import { usageError } from "../util/errors.ts";
import { didYouMean } from "../util/suggest.ts";
import { checkModelReferences } from "../validate/cross-references.ts";
import { LANGUAGE_SCAFFOLDS, LANGUAGES, type Language, renderNewModelCard } from "./model-card-template.ts";
import { CARD_SCHEMA_FILE, titleFromId } from "./render.ts";
import { schemaReference } from "./schema-reference.ts";
import { publishFolder, refuseExisting, withStaging } from "./staging.ts";

/** What `almanac new model` is asked to do. */
export interface NewModelOptions {
  id: string;
  dataset: string;
  task: string;
  target: string;
  /** Feature columns (default: every column with role feature). */
  features?: readonly string[];
  /** Sensitive columns (default: every column with role sensitive). */
  sensitive?: readonly string[];
  owners?: readonly string[];
  license?: string;
  /** Language of the training entry point: node (default) or python. */
  language?: string;
}

/** What was written. */
export interface NewModelResult {
  cardFile: string;
  trainFile: string;
  /** Every file written besides the card (the entry point first), repository-relative. */
  files: string[];
  language: Language;
  features: string[];
  sensitive: string[];
}

function parseTask(task: string): Task {
  const parsed = TaskSchema.safeParse(task);
  if (!parsed.success) throw usageError(`--task ${task} is not a task`, didYouMean(task, TaskSchema.options));
  return parsed.data;
}

function parseLanguage(language: string | undefined): Language {
  if (language === undefined) return "node";
  if ((LANGUAGES as readonly string[]).includes(language)) return language as Language;
  throw usageError(`--language ${language} is not a language Almanac scaffolds`, didYouMean(language, LANGUAGES));
}

function column(manifest: DatasetManifest, name: string, flag: string): Column {
  const found = manifest.columns.find((candidate) => candidate.name === name);
  if (!found)
    throw usageError(
      `${flag} ${name}: dataset ${manifest.id} has no such column`,
      didYouMean(
        name,
        manifest.columns.map((c) => c.name),
      ),
    );
  return found;
}

function checkTarget(manifest: DatasetManifest, target: string, task: Task): void {
  const found = column(manifest, target, "--target");
  if (found.role !== "target")
    throw usageError(
      `--target ${target}: the column has role ${found.role} in datasets/${manifest.id}/dataset.yaml`,
      `set role: target on it there (or create the dataset with almanac new dataset --target ${target})`,
    );
  const fits =
    task === "regression"
      ? found.type === "number" || found.type === "integer"
      : found.type !== "number" && found.type !== "datetime";
  if (!fits)
    throw usageError(
      `--target ${target} is ${found.type}, which does not fit ${task}`,
      task === "regression"
        ? "regression needs a number or integer target"
        : "classification needs a category, boolean, integer or string target",
    );
}

function pickColumns(
  manifest: DatasetManifest,
  given: readonly string[] | undefined,
  role: Column["role"],
  flag: string,
): string[] {
  if (given === undefined) return manifest.columns.filter((c) => c.role === role).map((c) => c.name);
  for (const name of given) {
    const found = column(manifest, name, flag);
    if (found.role === "target" || found.role === "id")
      throw usageError(
        `${flag} ${name}: the column has role ${found.role} and cannot be used`,
        "a model must not read its target or row ids",
      );
  }
  return [...given];
}

function findManifest(repository: Repository, id: string): DatasetManifest {
  const manifest = findDataset(repository, id)?.manifest;
  if (manifest) return manifest;
  const ids = repository.datasets.flatMap((d) => (d.manifest ? [d.manifest.id] : []));
  throw usageError(
    `--dataset ${id}: no valid dataset with that id`,
    ids.length > 0
      ? `${didYouMean(id, ids)} (run almanac validate to see invalid manifests)`
      : "create one with almanac new dataset <id> --from <file>",
  );
}

/**
 * Scaffolds `models/<id>/model.md` (every card section, the predict command) and a runnable
 * baseline that saves its model to ALMANAC_MODEL_DIR, with its predict entry point: `train.mts`,
 * `predict.mts` and `baseline.mts` (Node, ES modules in any package) or `train.py`, `predict.py`
 * and `requirements.txt` (Python), after
 * checking the card against its dataset; the folder appears in one rename and is never
 * overwritten (exit 2).
 */
export async function newModel(root: string, options: NewModelOptions): Promise<NewModelResult> {
  if (!IdSchema.safeParse(options.id).success)
    throw usageError(
      `model id "${options.id}" is not valid`,
      "use lowercase letters, digits and dashes, e.g. churn-risk",
    );
  const folder = `models/${options.id}`;
  await refuseExisting(root, folder);
  const task = parseTask(options.task);
  const language = parseLanguage(options.language);
  const repository = await loadRepository(root);
  const manifest = findManifest(repository, options.dataset);
  checkTarget(manifest, options.target, task);
  const features = pickColumns(manifest, options.features, "feature", "--features");
  if (features.length === 0)
    throw usageError(`dataset ${manifest.id} has no column with role feature`, "pass --features a,b,c");
  const sensitive = pickColumns(manifest, options.sensitive, "sensitive", "--sensitive");
  const text = renderNewModelCard({
    id: options.id,
    name: titleFromId(options.id),
    task,
    manifest,
    target: options.target,
    features,
    sensitive,
    owners: options.owners && options.owners.length > 0 ? options.owners : [userInfo().username],
    license: options.license ?? "UNLICENSED",
    language,
    schema: schemaReference(root, CARD_SCHEMA_FILE),
  });
  const parsed = { ...parseModelCard(text, `${folder}/model.md`), folder: options.id };
  const problems = [...parsed.diagnostics, ...checkModelReferences(parsed, repository.datasets)];
  if (hasErrors(problems))
    throw new Error(`the scaffolded card does not validate: ${problems[0]?.field} ${problems[0]?.message}`);
  const scaffold = LANGUAGE_SCAFFOLDS[language];
  const templates = await Promise.all(
    scaffold.files.map((file) => readFile(new URL(`./templates/${file}`, import.meta.url), "utf8")),
  );
  await withStaging(root, async (staging) => {
    await mkdir(join(staging, folder), { recursive: true });
    await writeFileAtomic(join(staging, folder, "model.md"), text);
    for (const [index, file] of scaffold.files.entries())
      await writeFileAtomic(join(staging, folder, file), templates[index] ?? "");
    await publishFolder(staging, root, folder);
  });
  return {
    cardFile: `${folder}/model.md`,
    trainFile: `${folder}/${scaffold.train}`,
    files: scaffold.files.map((file) => `${folder}/${file}`),
    language,
    features,
    sensitive,
  };
}
