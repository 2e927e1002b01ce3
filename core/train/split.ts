import type { Database } from "../data/duckdb.ts";
import { manifestReadOptions } from "../data/read-types.ts";
import {
  badKeysSql,
  copyCsvSql,
  createSourceSql,
  distinctTextSql,
  selectSplitSql,
  splitTableSql,
  splitTestSql,
} from "../data/split-sql.ts";
import { readSourceSql } from "../data/sql.ts";
import { sortLabels } from "../evaluate/labels.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { findingError, usageError } from "../util/errors.ts";
import { type ResolvedFile, resolveDatasetFiles } from "./dataset-files.ts";

/** The split tables every later step reads. */
export const TRAIN_TABLE = "almanac_train";
export const TEST_TABLE = "almanac_test";

/** A prepared split: temp tables `almanac_train` / `almanac_test` in the database, and what provenance needs. */
export interface PreparedSplit {
  trainRows: number;
  testRows: number;
  /** Sorted class labels for classification; null for regression. */
  labels: string[] | null;
  files: ResolvedFile[];
}

/** The columns a split keeps besides row_id: features, target, sensitive, each once. */
export function splitColumns(card: ModelCard): string[] {
  return [...new Set([...card.dataset.features, card.dataset.target, ...card.dataset.sensitive])];
}

/**
 * Applies the dataset's split rule in DuckDB (see core/data/split-sql.ts) and creates the
 * train and test tables. Rows with a null target are in neither split. Keys must be unique and
 * not null across both splits.
 */
export async function prepareSplit(
  db: Database,
  root: string,
  card: ModelCard,
  dataset: LoadedDatasetManifest,
): Promise<PreparedSplit> {
  const manifest = dataset.manifest;
  if (!manifest) throw usageError(`${dataset.file} is not a valid manifest`, "run `almanac validate`");
  if (card.dataset.features.includes("row_id") || card.dataset.target === "row_id")
    throw usageError(`${card.id}: "row_id" is reserved for the row key`, "rename the column in the dataset");
  const files = await resolveDatasetFiles(root, dataset);
  const split = manifest.split;
  const evaluationSplit = card.evaluation.split;
  const key =
    split.method === "hash" ? split.key : (manifest.columns.find((column) => column.role === "id")?.name ?? null);
  const columns = splitColumns(card);
  const base = { key, target: card.dataset.target, columns };
  if (split.method === "files") {
    const test = files.filter((file) => file.split === evaluationSplit);
    const train = files.filter((file) => file.split === "train");
    if (test.length === 0 || train.length === 0)
      throw usageError(
        `${dataset.file}: split by files needs files with split "train" and split "${evaluationSplit}"`,
        "set files[].split in the manifest",
      );
    await loadSource(db, "almanac_source_train", train, manifest);
    await loadSource(db, "almanac_source_test", test, manifest);
    await db.run(
      splitTableSql({
        ...base,
        table: TRAIN_TABLE,
        source: "almanac_source_train",
        testPredicate: null,
        side: "train",
      }),
    );
    await db.run(
      splitTableSql({ ...base, table: TEST_TABLE, source: "almanac_source_test", testPredicate: null, side: "test" }),
    );
  } else {
    if (evaluationSplit !== "test")
      throw usageError(
        `${card.id}: evaluation.split is "${evaluationSplit}", but a ${split.method} split has only "train" and "test"`,
        "set evaluation.split: test",
      );
    await loadSource(db, "almanac_source", files, manifest);
    const testPredicate = splitTestSql(split);
    await db.run(
      splitTableSql({ ...base, table: TRAIN_TABLE, source: "almanac_source", testPredicate, side: "train" }),
    );
    await db.run(splitTableSql({ ...base, table: TEST_TABLE, source: "almanac_source", testPredicate, side: "test" }));
  }
  await checkKeys(db, dataset.file, key);
  const [trainRows, testRows] = await Promise.all([countRows(db, TRAIN_TABLE), countRows(db, TEST_TABLE)]);
  if (testRows === 0)
    throw findingError(`${dataset.file}: the test split is empty`, "raise test_fraction or check test_values / files");
  if (trainRows === 0)
    throw findingError(`${dataset.file}: the train split is empty`, "lower test_fraction or check test_values / files");
  const labels = card.task === "regression" ? null : await classLabels(db, card, dataset);
  return { trainRows, testRows, labels, files };
}

/** Reads a dataset's files into a table with the manifest's column types (labels stay text: see read-types.ts). */
async function loadSource(
  db: Database,
  table: string,
  files: readonly ResolvedFile[],
  manifest: DatasetManifest,
): Promise<void> {
  const locations = files.map((file) => file.location);
  try {
    const read = await manifestReadOptions(db, locations, manifest.format, manifest);
    await db.run(createSourceSql(table, readSourceSql(locations, manifest.format, read)));
  } catch (error) {
    throw findingError(
      `cannot read ${files.map((file) => file.path).join(", ")}: ${(error as Error).message}`,
      "run `almanac validate` to check the data",
    );
  }
}

async function checkKeys(db: Database, file: string, key: string | null): Promise<void> {
  const bad = await db.all(badKeysSql([TRAIN_TABLE, TEST_TABLE]));
  if (bad.length === 0) return;
  const examples = bad.map((row) => (row.row_id === null ? "(null)" : `"${row.row_id}" ×${row.copies}`)).join(", ");
  throw findingError(
    `${file}: key column ${key ?? "(row position)"} has ${bad[0]?.bad_keys} null or repeated values, e.g. ${examples}`,
    "the row key must be unique and not null: declare an id column (role: id, unique: true)",
  );
}

async function countRows(db: Database, table: string): Promise<number> {
  const rows = await db.all(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

async function classLabels(db: Database, card: ModelCard, dataset: LoadedDatasetManifest): Promise<string[]> {
  const declared = dataset.manifest?.columns.find((column) => column.name === card.dataset.target)?.values ?? [];
  const seen = await db.all(distinctTextSql([TRAIN_TABLE, TEST_TABLE], card.dataset.target));
  const labels = sortLabels([...declared.map(String), ...seen.map((row) => String(row.value))]);
  if (card.task === "binary-classification" && labels.length !== 2)
    throw findingError(
      `${card.id}: a binary task needs exactly two classes; the target ${card.dataset.target} has ${labels.length} (${labels.join(", ")})`,
      "use multiclass-classification, or fix the target",
    );
  return labels;
}

/** Writes the train split (row_id, features, target) and the test split (row_id, features: no labels) as CSV. */
export async function writeSplitCsvs(
  db: Database,
  card: ModelCard,
  trainPath: string,
  testPath: string,
): Promise<void> {
  const features = card.dataset.features;
  await db.run(copyCsvSql(selectSplitSql(TRAIN_TABLE, ["row_id", ...features, card.dataset.target]), trainPath));
  await db.run(copyCsvSql(selectSplitSql(TEST_TABLE, ["row_id", ...features]), testPath));
}
