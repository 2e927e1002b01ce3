import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Database } from "../data/duckdb.ts";
import { formatFromPath, quoteIdentifier, readSourceSql } from "../data/sql.ts";
import { sortLabels } from "../evaluate/labels.ts";
import { appendToBlockSequence, editFrontMatterScalars, editYamlScalars, wholeRange } from "../lifecycle/yaml-edit.ts";
import { type LoadedDatasetManifest, parseDatasetManifest } from "../load/dataset-manifest.ts";
import { parseModelCard } from "../load/model-card.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { sha256File } from "../train/dataset-files.ts";
import type { Diagnostic } from "../util/diagnostic.ts";
import { findingError } from "../util/errors.ts";
import { validateData } from "../validate/data-validator.ts";
import { bumpVersion } from "./bump.ts";
import type { FreshFile } from "./fresh-data.ts";

/** A fresh file with what the manifest records about it. */
export interface AddedFile extends FreshFile {
  sha256: string;
  bytes: number;
}

/** The next versions of the dataset and the card, as text ready to write and as parsed objects. */
export interface NextVersion {
  dataset: { file: string; from: string; to: string; text: string; loaded: LoadedDatasetManifest };
  card: { file: string; from: string; to: string; datasetFrom: string; text: string; parsed: ModelCard };
  added: AddedFile[];
}

/** Hashes and sizes each fresh file, as `almanac new dataset` does. */
export async function describeFiles(root: string, files: readonly FreshFile[]): Promise<AddedFile[]> {
  return Promise.all(
    files.map(async (file) => ({
      ...file,
      sha256: await sha256File(join(root, file.file)),
      bytes: (await stat(join(root, file.file))).size,
    })),
  );
}

/**
 * The next dataset manifest: version raised, the fresh files appended to `files`, and the
 * timestamp column's declared min/max widened to cover them (the fresh data is by design newer
 * than the old bounds). Byte-preserving edits of the original text. Pure.
 */
export function nextManifestText(
  text: string,
  loaded: LoadedDatasetManifest,
  added: readonly AddedFile[],
  version: string,
): string {
  const manifest = loaded.manifest as NonNullable<LoadedDatasetManifest["manifest"]>;
  const edits: { path: (string | number)[]; value: string }[] = [{ path: ["version"], value: version }];
  const index = manifest.columns.findIndex((column) => column.role === "timestamp");
  const column = manifest.columns[index];
  const firsts = added.flatMap((file) => (file.first ? [file.first] : []));
  const lasts = added.flatMap((file) => (file.last ? [file.last] : []));
  if (column && typeof column.min === "string" && firsts.length > 0) {
    const first = firsts.sort()[0] as string;
    if (first < column.min) edits.push({ path: ["columns", index, "min"], value: first });
  }
  if (column && typeof column.max === "string" && lasts.length > 0) {
    const last = lasts.sort().at(-1) as string;
    if (last > column.max) edits.push({ path: ["columns", index, "max"], value: last });
  }
  const edited = editYamlScalars(text, wholeRange(text), edits);
  return appendToBlockSequence(
    edited,
    wholeRange(edited),
    ["files"],
    added.map((file) => [
      ["path", file.path],
      ["sha256", file.sha256],
      ["bytes", file.bytes],
      ["rows", file.rows],
    ]),
  );
}

/**
 * Builds the next dataset version and card version and checks them before anything is written:
 * the manifest's schema, a class in the fresh data that the dataset does not know (named with its
 * file), then every data integrity and data check of `almanac validate` on the new manifest.
 * Throws a finding error listing the diagnostics.
 */
export async function nextVersion(options: {
  db: Database;
  root: string;
  card: ModelCard;
  cardText: string;
  cardFile: string;
  dataset: LoadedDatasetManifest;
  datasetText: string;
  added: AddedFile[];
}): Promise<NextVersion> {
  const { card, dataset } = options;
  const part = card.retraining?.bump ?? "minor";
  const manifest = dataset.manifest as NonNullable<LoadedDatasetManifest["manifest"]>;
  const datasetTo = bumpVersion(manifest.version, part);
  const text = nextManifestText(options.datasetText, dataset, options.added, datasetTo);
  const loaded = { ...parseDatasetManifest(text, dataset.file), folder: dataset.folder };
  if (!loaded.manifest)
    throw diagnosticsError(`${dataset.file}: the next version is not a valid manifest`, loaded.diagnostics);
  if (card.task !== "regression") await checkClasses(options.db, options.root, card, dataset, options.added);
  const findings = (await validateData({ root: options.root, models: [], datasets: [loaded] }, () => true)).filter(
    (diagnostic) => diagnostic.severity === "error",
  );
  if (findings.length > 0)
    throw diagnosticsError(
      `${dataset.file} ${datasetTo} (with ${options.added.map((file) => file.file).join(", ")}) fails its checks`,
      findings,
    );
  const cardTo = bumpVersion(card.version, part);
  const cardText = editFrontMatterScalars(options.cardText, [
    { path: ["version"], value: cardTo },
    { path: ["dataset", "version"], value: datasetTo },
  ]);
  const parsed = parseModelCard(cardText, options.cardFile);
  if (!parsed.card)
    throw diagnosticsError(`${options.cardFile}: the next version is not a valid card`, parsed.diagnostics);
  return {
    dataset: { file: dataset.file, from: manifest.version, to: datasetTo, text, loaded },
    card: {
      file: options.cardFile,
      from: card.version,
      to: cardTo,
      datasetFrom: card.dataset.version,
      text: cardText,
      parsed: parsed.card,
    },
    added: options.added,
  };
}

/** A class of the target in a fresh file that the manifest's `values` (or the old data) does not have. */
async function checkClasses(
  db: Database,
  root: string,
  card: ModelCard,
  dataset: LoadedDatasetManifest,
  added: readonly AddedFile[],
): Promise<void> {
  const manifest = dataset.manifest as NonNullable<LoadedDatasetManifest["manifest"]>;
  const target = card.dataset.target;
  const declared = manifest.columns.find((column) => column.name === target)?.values?.map(String);
  const known = new Set(
    declared ??
      (await distinctText(
        db,
        manifest.files.flatMap((file) => (file.path ? [join(root, "datasets", dataset.folder, file.path)] : [])),
        manifest.format,
        target,
      )),
  );
  for (const file of added) {
    const classes = await distinctText(db, [join(root, file.file)], manifest.format, target);
    const unknown = sortLabels(classes.filter((label) => !known.has(label)));
    if (unknown.length > 0)
      throw findingError(
        `${file.file}: the target ${target} has a new class ${unknown.map((label) => `"${label}"`).join(", ")} (the dataset's classes: ${sortLabels([...known]).join(", ")})`,
        declared
          ? `a new class changes the task, not just the data: add it to the values of column ${target} in ${dataset.file} by hand (and review the model), or fix the labels`
          : "a new class changes the task, not just the data: review the model and add it by hand, or fix the labels",
      );
  }
}

async function distinctText(
  db: Database,
  paths: readonly string[],
  format: NonNullable<LoadedDatasetManifest["manifest"]>["format"],
  column: string,
): Promise<string[]> {
  if (paths.length === 0) return [];
  const fileFormat = formatFromPath(paths[0] as string) ?? format;
  const rows = await db.all(
    `SELECT DISTINCT CAST(${quoteIdentifier(column)} AS VARCHAR) AS value FROM ${readSourceSql(paths, fileFormat)} WHERE ${quoteIdentifier(column)} IS NOT NULL`,
  );
  return rows.map((row) => String(row.value));
}

function diagnosticsError(message: string, diagnostics: readonly Diagnostic[]): Error {
  const lines = diagnostics.map(
    (d) =>
      `  ${d.file}:${d.line}:${d.column}${d.field ? ` ${d.field}` : ""}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`,
  );
  return findingError(
    `${message}:\n${lines.join("\n")}`,
    "fix the fresh files (or the manifest's checks) and run almanac retrain again",
  );
}
