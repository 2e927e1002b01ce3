import { quoteIdentifier } from "../data/sql.ts";

/** The table the rows to score are loaded into: `(almanac_ord, row_id, features…)`. */
export const PREDICT_INPUT_TABLE = "almanac_predict_input";

/** The rows as read, in file order (a table, so `rowid` is each row's position). */
export const PREDICT_SOURCE_TABLE = "almanac_predict_source";

/**
 * Creates the input table from the source table: `row_id` is the data's own `row_id` column
 * as text when it has one, else the row's 1-based position; then the features in card order. Pure.
 */
export function predictInputSql(features: readonly string[], hasRowId: boolean): string {
  const key = hasRowId ? `CAST(${quoteIdentifier("row_id")} AS VARCHAR)` : "CAST(rowid + 1 AS VARCHAR)";
  return [
    `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(PREDICT_INPUT_TABLE)} AS`,
    `SELECT rowid AS almanac_ord, ${key} AS row_id, ${features.map(quoteIdentifier).join(", ")}`,
    `FROM ${quoteIdentifier(PREDICT_SOURCE_TABLE)}`,
  ].join("\n");
}

/** The predictions in input order with the evaluation's columns: row_id, prediction, p_<class>… Pure. */
export function predictOutputSql(predictions: string, probabilityColumns: readonly string[]): string {
  const columns = ["row_id", "prediction", ...probabilityColumns].map((column) => `p.${quoteIdentifier(column)}`);
  return [
    `SELECT ${columns.join(", ")} FROM ${quoteIdentifier(predictions)} p`,
    `JOIN ${quoteIdentifier(PREDICT_INPUT_TABLE)} i ON p.row_id = i.row_id ORDER BY i.almanac_ord`,
  ].join(" ");
}
