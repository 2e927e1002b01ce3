import type { Database } from "../data/duckdb.ts";
import { isDuckDBError } from "../data/duckdb-errors.ts";
import {
  type CheckOptions,
  predictionViolations,
  type Violation,
  violationCountsSql,
} from "../data/predictions-sql.ts";
import { LEAN_CSV_BUFFER_BYTES, quoteIdentifier, readSourceSql } from "../data/sql.ts";
import { findingError } from "../util/errors.ts";
import { plural } from "../util/plural.ts";

/** The table the predictions file is loaded into. */
export const PREDICTIONS_TABLE = "almanac_predictions";

/** Prefix of probability columns: `p_<class>`. */
export const PROBABILITY_PREFIX = "p_";

/**
 * A predictions CSV (optionally gzipped) as a relation read on demand: every cell text, the key
 * column renamed `row_id`. Pure.
 */
export function predictionsRelation(path: string, key = "row_id"): string {
  const rename = key === "row_id" ? "" : ` RENAME (${quoteIdentifier(key)} AS row_id)`;
  return `(SELECT *${rename} FROM ${readSourceSql(path, "csv", { allVarchar: true, bufferSize: LEAN_CSV_BUFFER_BYTES })})`;
}

/** The relation's column names when it has the key and `prediction`; null when not, or when DuckDB cannot read it. */
export async function predictionColumns(db: Database, relation: string): Promise<string[] | null> {
  try {
    const rows = await db.all(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${relation})`);
    const columns = rows.map((row) => String(row.column_name));
    return columns.includes("row_id") && columns.includes("prediction") ? columns : null;
  } catch (error) {
    if (isDuckDBError(error)) return null;
    throw error;
  }
}

/**
 * Loads a predictions CSV (optionally gzipped) as text columns, renaming the key column to
 * `row_id`, and returns its column names. Refuses a file without the key or `prediction`.
 */
export async function loadPredictionsFile(
  db: Database,
  path: string,
  shownAs: string,
  key = "row_id",
): Promise<string[]> {
  try {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE ${PREDICTIONS_TABLE} AS SELECT * FROM ${predictionsRelation(path, key)}`,
    );
  } catch (error) {
    throw findingError(
      `cannot read the predictions: ${firstLine((error as Error).message)}`,
      "write a CSV with a header row: row_id,prediction[,p_<class>...]",
      shownAs,
    );
  }
  const columns = (await db.all(`SELECT column_name FROM (DESCRIBE ${PREDICTIONS_TABLE})`)).map((row) =>
    String(row.column_name),
  );
  const missing = ["row_id", "prediction"].filter((column) => !columns.includes(column));
  if (missing.length > 0)
    throw findingError(
      `the predictions have no ${missing.map((column) => (column === "row_id" ? key : column)).join(" or ")} column (columns: ${columns.join(", ")})`,
      `the header must start with ${key},prediction (and p_<class> probability columns where the task has them)`,
      shownAs,
    );
  return columns;
}

/** Runs every check and throws one error listing all problems, each with its count and example lines. */
export async function checkPredictions(db: Database, shownAs: string, options: CheckOptions): Promise<void> {
  const problems: string[] = [];
  const truthRows = Number(
    (await db.all(`SELECT count(*)::INTEGER AS n FROM ${quoteIdentifier(options.truth)}`))[0]?.n,
  );
  const predictionRows = Number((await db.all(`SELECT count(*)::INTEGER AS n FROM ${PREDICTIONS_TABLE}`))[0]?.n);
  if (truthRows !== predictionRows)
    problems.push(`wrong row count: ${plural(predictionRows, "prediction")} for ${plural(truthRows, "evaluated row")}`);
  const counts = (await db.all(violationCountsSql(options)))[0] ?? {};
  for (const violation of predictionViolations(options)) {
    if (Number(counts[violation.count] ?? 0) === 0) continue;
    const found = await describeViolation(db, violation);
    if (found) problems.push(found);
  }
  if (problems.length > 0)
    throw findingError(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in the predictions:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
      "each row of the evaluated split needs exactly one prediction keyed by its row_id (echo ALMANAC_TEST's row_id as given); probabilities in [0, 1] summing to 1",
      shownAs,
    );
}

async function describeViolation(db: Database, violation: Violation): Promise<string | null> {
  const rows = await db.all(violation.sql);
  if (rows.length === 0) return null;
  const examples = rows
    .map((row) => (row.line === null ? JSON.stringify(row.value) : `line ${row.line}: ${JSON.stringify(row.value)}`))
    .join(", ");
  return `${violation.problem}: ${rows[0]?.total} row${rows[0]?.total === 1 || rows[0]?.total === "1" ? "" : "s"}, e.g. ${examples}`;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
