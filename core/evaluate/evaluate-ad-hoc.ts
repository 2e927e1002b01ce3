import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { type Database, withDatabase } from "../data/duckdb.ts";
import { csvColumnNames } from "../data/read-types.ts";
import { badKeysSql, createSourceSql, distinctTextSql, splitTableSql } from "../data/split-sql.ts";
import {
  formatFromPath,
  LEAN_CSV_BUFFER_BYTES,
  quoteIdentifier,
  type ReadOptions,
  readSourceSql,
} from "../data/sql.ts";
import type { Task } from "../schemas/metrics.ts";
import { findingError, usageError } from "../util/errors.ts";
import { computeEvaluation, type EvaluationResult, type EvaluationTarget } from "./evaluate-core.ts";
import { fetchEvaluation } from "./fetch-evaluation.ts";
import { sortLabels } from "./labels.ts";
import { mayHaveBadKeys } from "./repeated-keys.ts";
import type { IntervalSettings } from "./settings.ts";

const TRUTH_TABLE = "almanac_truth";

/** `almanac evaluate --task … --truth … --predictions …` without a card. */
export interface AdHocOptions {
  task: Task;
  truth: string;
  predictions: string;
  key: string;
  target: string;
  sensitive: string[];
  positive: string | null;
  primaryMetric: string;
  settings: IntervalSettings;
}

/**
 * Evaluates any labelled predictions: the truth file (CSV, Parquet or JSON) gives the key, the
 * target and sensitive columns; the predictions CSV gives the key, `prediction` and optional
 * `p_<class>` columns. Classes are the truth's labels plus those the probability columns name
 * (or, without probability columns, those predicted, as scikit-learn's default labels).
 */
export async function evaluateAdHoc(options: AdHocOptions): Promise<EvaluationResult> {
  const truthPath = resolve(options.truth);
  if (!existsSync(truthPath)) throw usageError(`truth file not found: ${options.truth}`, "pass --truth FILE");
  if (!existsSync(resolve(options.predictions)))
    throw usageError(`predictions file not found: ${options.predictions}`, "pass --predictions FILE");
  const format = formatFromPath(truthPath);
  if (!format) throw usageError(`${options.truth}: unknown format`, "use a .csv, .parquet, .json or .ndjson file");
  const target: EvaluationTarget = {
    task: options.task,
    truthTable: TRUTH_TABLE,
    targetColumn: options.target,
    sensitive: options.sensitive,
    primaryMetric: options.primaryMetric,
    labels: null,
    positiveClass: options.positive,
  };
  const predictions = resolve(options.predictions);
  const fetched = await withDatabase(async (db) => {
    await loadTruth(db, truthPath, format, options);
    const file = { path: predictions, shownAs: relative(process.cwd(), predictions), key: options.key };
    const labels: EvaluationTarget["labels"] =
      options.task === "regression"
        ? null
        : (probabilityLabels, relation) => adHocLabels(db, options.target, probabilityLabels, relation);
    return fetchEvaluation(db, file, { ...target, labels });
  });
  // DuckDB is closed by now: the memory it held for the files (~100 MB a million rows) is back
  // with the system before the metrics allocate theirs.
  return computeEvaluation(fetched, target, options.settings);
}

async function loadTruth(
  db: Database,
  path: string,
  format: NonNullable<ReturnType<typeof formatFromPath>>,
  options: AdHocOptions,
): Promise<void> {
  const unreadable = (error: unknown) =>
    usageError(
      `cannot read the truth ${options.truth}: ${(error as Error).message.split("\n")[0]}`,
      "pass a CSV, Parquet or JSON file with a header",
    );
  const columns = await (format === "csv"
    ? csvColumnNames(db, [path])
    : db
        .all(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${readSourceSql(path, format)})`)
        .then((rows) => rows.map((row) => String(row.column_name)))
  ).catch((error: unknown) => {
    throw unreadable(error);
  });
  const missing = [options.key, options.target, ...options.sensitive].filter((column) => !columns.includes(column));
  if (missing.length > 0)
    throw usageError(
      `${options.truth} has no column ${missing.join(", ")} (columns: ${columns.join(", ")})`,
      "name the columns with --key, --target and --sensitive",
    );
  // Only the columns evaluated are kept, once: the truth table is a view over them.
  const needed = [...new Set([options.key, options.target, ...options.sensitive])].map(quoteIdentifier);
  const read = readSourceSql(path, format, truthReadOptions(options));
  try {
    await db.run(createSourceSql("almanac_truth_source", `(SELECT ${needed.join(", ")} FROM ${read})`));
  } catch (error) {
    throw unreadable(error);
  }
  const kept = [...new Set([options.target, ...options.sensitive])].filter((column) => column !== "row_id");
  await db.run(
    splitTableSql({
      table: TRUTH_TABLE,
      source: "almanac_truth_source",
      key: options.key,
      target: options.target,
      columns: kept,
      testPredicate: null,
      side: "test",
      view: true,
    }),
  );
  const rows = Number((await db.all(`SELECT count(*)::INTEGER AS n FROM ${TRUTH_TABLE}`))[0]?.n);
  const bad = (await mayHaveBadKeys(db, TRUTH_TABLE, rows)) ? await db.all(badKeysSql([TRUTH_TABLE])) : [];
  if (bad.length > 0)
    throw usageError(
      `${options.truth}: key ${options.key} has ${bad[0]?.bad_keys} null or repeated values, e.g. ${bad.map((row) => JSON.stringify(row.row_id)).join(", ")}`,
      "the key must be unique and not null",
    );
  if (rows === 0) throw findingError(`${options.truth}: no row with a target value`, "check --target");
}

/**
 * The truth CSV's columns as Almanac reads them: the key, sensitive columns and a class target
 * as text (labels keep their spelling: `yes`/`no` and `00`/`01` are not booleans or numbers, as
 * in the predictions file, read as text), a regression target as DOUBLE (±inf and NaN included).
 */
export function truthReadOptions(options: Pick<AdHocOptions, "key" | "target" | "sensitive" | "task">): ReadOptions {
  const types: Record<string, string> = {};
  for (const column of [options.key, ...options.sensitive]) types[column] = "VARCHAR";
  types[options.target] = options.task === "regression" ? "DOUBLE" : "VARCHAR";
  return { types, bufferSize: LEAN_CSV_BUFFER_BYTES };
}

async function adHocLabels(
  db: Database,
  target: string,
  probabilityLabels: string[],
  predictions: string,
): Promise<string[]> {
  const truth = (await db.all(distinctTextSql([TRUTH_TABLE], target))).map((row) => String(row.value));
  const predicted =
    probabilityLabels.length > 0
      ? []
      : (
          await db.all(
            `SELECT DISTINCT prediction AS value FROM ${predictions} WHERE prediction IS NOT NULL AND trim(prediction) <> ''`,
          )
        ).map((row) => String(row.value));
  return sortLabels([...truth, ...probabilityLabels, ...predicted]);
}
