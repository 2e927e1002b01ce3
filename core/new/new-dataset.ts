import { copyFile, mkdir, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { type Database, withDatabase } from "../data/duckdb.ts";
import { hashFile } from "../data/hash-file.ts";
import { addRowIdSql, ROW_ID_COLUMN } from "../data/row-id-sql.ts";
import { formatFromPath } from "../data/sql.ts";
import { type DataFormat, DataFormatSchema, IdSchema } from "../schemas/common.ts";
import { writeFileAtomic } from "../util/atomic-write.ts";
import { hasErrors } from "../util/diagnostic.ts";
import { AlmanacError, EXIT_FINDINGS, usageError } from "../util/errors.ts";
import { didYouMean } from "../util/suggest.ts";
import { validateRepository } from "../validate/index.ts";
import type { InferredColumn } from "./infer-columns.ts";
import { inferDataset, readColumns, readError } from "./infer-dataset.ts";
import { MANIFEST_SCHEMA_FILE, renderManifestText, titleFromId } from "./render.ts";
import { schemaReference } from "./schema-reference.ts";
import { chooseSplit, type SplitChoice } from "./split-choice.ts";
import { publishFolder, refuseExisting, withStaging } from "./staging.ts";

/** What `almanac new dataset` is asked to do. */
export interface NewDatasetOptions {
  id: string;
  /** The data file to copy in (any path). */
  from: string;
  format?: string;
  /** Column to mark with role target. */
  target?: string;
  /** Columns to mark with role sensitive. */
  sensitive?: readonly string[];
  description?: string;
  license?: string;
  /** Prepend a 1-based `row_id` column (for files without a unique key). */
  addRowId?: boolean;
  /** Cell texts read as missing (written to the manifest's `null_tokens`). */
  nullTokens?: readonly string[];
}

/** What was written. */
export interface NewDatasetResult {
  manifestFile: string;
  dataFile: string;
  format: DataFormat;
  rows: number;
  columns: InferredColumn[];
  split: SplitChoice;
  /** Columns that are numbers except for texts that look like missing values, with those texts. */
  numericButTokens: Array<{ column: string; tokens: string[] }>;
}

function resolveFormat(from: string, format: string | undefined): DataFormat {
  if (format !== undefined) {
    const parsed = DataFormatSchema.safeParse(format);
    if (!parsed.success)
      throw usageError(
        `--format ${format} is not a format Almanac reads`,
        didYouMean(format, DataFormatSchema.options),
      );
    return parsed.data;
  }
  const inferred = formatFromPath(from);
  if (!inferred)
    throw usageError(
      `cannot tell the format of ${from} from its extension`,
      `pass --format (${DataFormatSchema.options.join(", ")})`,
    );
  return inferred;
}

/** Sets role target / sensitive on the named columns; unknown names are usage errors with a hint. */
export function assignRoles(columns: InferredColumn[], target: string | undefined, sensitive: readonly string[]): void {
  const names = columns.map((column) => column.name);
  const find = (name: string, flag: string) => {
    const column = columns.find((candidate) => candidate.name === name);
    if (!column) throw usageError(`${flag} ${name}: the file has no such column`, didYouMean(name, names));
    if (column.role === "id")
      throw usageError(
        `${flag} ${name}: ${name} looks like a row id and cannot be a ${flag.slice(2)}`,
        "pick another column",
      );
    return column;
  };
  if (target !== undefined) find(target, "--target").role = "target";
  for (const name of sensitive) find(name, "--sensitive").role = "sensitive";
}

/** Writes the file with a `row_id` column first; refuses a file that already has one. */
async function writeWithRowId(db: Database, source: string, target: string, format: DataFormat, shown: string) {
  const { source: sql, columns } = await readColumns(db, source, format).catch((error: unknown) => {
    throw readError(shown, format, error);
  });
  if (columns.some((column) => column.name === ROW_ID_COLUMN))
    throw usageError(`${shown} already has a ${ROW_ID_COLUMN} column`, "leave out --add-row-id");
  await db.run(addRowIdSql(sql, target, format));
}

async function checkInputs(root: string, options: NewDatasetOptions): Promise<{ source: string; format: DataFormat }> {
  if (!IdSchema.safeParse(options.id).success)
    throw usageError(
      `dataset id "${options.id}" is not valid`,
      "use lowercase letters, digits and dashes, e.g. churn-events",
    );
  await refuseExisting(root, `datasets/${options.id}`);
  const source = resolve(options.from);
  const info = await stat(source).catch(() => undefined);
  if (!info?.isFile())
    throw usageError(`--from ${options.from}: no such file`, "give the path of a CSV, Parquet, JSON or NDJSON file");
  return { source, format: resolveFormat(options.from, options.format) };
}

/** The manifest object around the inferred parts, with the options' texts or plain defaults. */
function manifestFor(
  options: NewDatasetOptions,
  format: DataFormat,
  fileName: string,
  inferred: { files: unknown[]; columns: InferredColumn[]; null_tokens?: string[]; split: unknown },
): Record<string, unknown> {
  return {
    apiVersion: "almanac/v1",
    kind: "Dataset",
    id: options.id,
    name: titleFromId(options.id),
    version: "1.0.0",
    description: options.description ?? `Data from ${fileName}, schema inferred by almanac new dataset.`,
    license: options.license ?? "UNLICENSED",
    source: { name: fileName },
    format,
    ...inferred,
  };
}

/** Validates the staged repository with validate's own checks; an error means nothing is published. */
async function assertValid(staging: string, shown: string): Promise<void> {
  const { diagnostics } = await validateRepository(staging);
  if (!hasErrors(diagnostics)) return;
  const first = diagnostics.find((d) => d.severity === "error");
  throw new AlmanacError(`the inferred manifest does not validate: ${first?.field} ${first?.message}`, {
    exitCode: EXIT_FINDINGS,
    file: shown,
    hint: "the file has values Almanac cannot declare; clean them (or convert the file to Parquet) and retry",
  });
}

/**
 * Infers a manifest from a data file, copies the file to `datasets/<id>/data/`, writes
 * `datasets/<id>/dataset.yaml`, checks that the result validates, and only then moves the
 * folder into place in one rename. Refuses to overwrite (exit 2).
 */
export async function newDataset(root: string, options: NewDatasetOptions): Promise<NewDatasetResult> {
  const { source, format } = await checkInputs(root, options);
  const folder = `datasets/${options.id}`;
  const dataPath = `data/${basename(source)}`;
  return withStaging(root, async (staging) => {
    await mkdir(join(staging, folder, "data"), { recursive: true });
    const staged = join(staging, folder, dataPath);
    const inferred = await withDatabase(async (db) => {
      if (options.addRowId) await writeWithRowId(db, source, staged, format, options.from);
      else await copyFile(source, staged);
      return inferDataset(db, staged, options.from, format, options.nullTokens);
    });
    const digest = await hashFile(staged);
    assignRoles(inferred.columns, options.target, options.sensitive ?? []);
    const split = chooseSplit(inferred.columns, inferred.distinct);
    const manifest = manifestFor(options, format, basename(source), {
      files: [{ path: dataPath, sha256: digest.sha256, bytes: digest.bytes, rows: inferred.rows }],
      columns: inferred.columns,
      ...(options.nullTokens?.length ? { null_tokens: [...options.nullTokens] } : {}),
      split: split.split,
    });
    await writeFileAtomic(
      join(staging, folder, "dataset.yaml"),
      renderManifestText(manifest, schemaReference(root, MANIFEST_SCHEMA_FILE)),
    );
    await assertValid(staging, options.from);
    await publishFolder(staging, root, folder);
    return {
      manifestFile: `${folder}/dataset.yaml`,
      dataFile: `${folder}/${dataPath}`,
      format,
      rows: inferred.rows,
      columns: inferred.columns,
      split,
      numericButTokens: inferred.numericButTokens,
    };
  });
}
