import type { Database } from "../data/duckdb.ts";
import { joinedSql } from "../data/predictions-sql.ts";
import { quoteIdentifier } from "../data/sql.ts";
import { findingError } from "../util/errors.ts";
import type { JoinedColumns } from "./assemble.ts";
import { sortLabels } from "./labels.ts";
import { PREDICTIONS_TABLE, PROBABILITY_PREFIX } from "./predictions-file.ts";

/** Past this many distinct values a sensitive column is not a set of groups (an id, a free-text field). */
export const MAX_SENSITIVE_GROUPS = 1000;

/** What to fetch: the truth table's target and sensitive columns, and the checked predictions. */
export interface FetchOptions {
  truthTable: string;
  targetColumn: string;
  sensitive: readonly string[];
  /** Class labels (classification) or null (regression). */
  labels: readonly string[] | null;
  probabilityLabels: readonly string[];
  /** Fetch row_id text too (needed only to write predictions.csv.gz). */
  withRowIds: boolean;
}

/** The distinct values of a sensitive column, sorted; refuses a column with too many to be groups. */
async function sensitiveValues(db: Database, table: string, column: string): Promise<string[]> {
  const rows = await db.all(
    `SELECT DISTINCT CAST(${quoteIdentifier(column)} AS VARCHAR) AS value FROM ${quoteIdentifier(table)} WHERE ${quoteIdentifier(column)} IS NOT NULL LIMIT ${MAX_SENSITIVE_GROUPS + 1}`,
  );
  if (rows.length > MAX_SENSITIVE_GROUPS)
    throw findingError(
      `sensitive column "${column}" has more than ${MAX_SENSITIVE_GROUPS} distinct values: fairness slices need groups`,
      "bucket the column (e.g. age bands) or leave it out of dataset.sensitive",
    );
  return sortLabels(rows.map((row) => String(row.value)));
}

/** Fetches truth and predictions joined in truth order as typed arrays (see joinedSql). */
export async function fetchJoined(db: Database, options: FetchOptions): Promise<JoinedColumns> {
  const sensitive = await Promise.all(
    options.sensitive.map(async (column) => ({
      column,
      values: await sensitiveValues(db, options.truthTable, column),
    })),
  );
  const columns = await db.columns(
    joinedSql({
      predictions: PREDICTIONS_TABLE,
      truth: options.truthTable,
      target: options.targetColumn,
      labels: options.labels,
      sensitive,
      probabilityColumns: options.probabilityLabels.map((label) => `${PROBABILITY_PREFIX}${label}`),
      withRowIds: options.withRowIds,
    }),
  );
  const numbers = (name: string) => columns[name] as number[];
  const Typed = options.labels ? Int32Array : Float64Array;
  return {
    rowIds: options.withRowIds ? (columns.row_id as string[]) : null,
    labels: options.labels,
    truth: Typed.from(numbers("target")),
    prediction: Typed.from(numbers("prediction")),
    probabilities: options.probabilityLabels.map((_, i) => Float64Array.from(numbers(`p${i}`))),
    probabilityLabels: [...options.probabilityLabels],
    sensitive: Object.fromEntries(
      sensitive.map(({ column, values }, i) => [
        column,
        numbers(`s${i}`).map((code) => (code < 0 ? null : (values[code] ?? null))),
      ]),
    ),
  };
}
