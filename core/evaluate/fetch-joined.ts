import type { ColumnTarget, Database } from "../data/duckdb.ts";
import { inOrderSql, type JoinedSelect, joinedSql, truthInOrderSql, truthOutOfOrderSql } from "../data/joined-sql.ts";
import type { CheckOptions } from "../data/predictions-sql.ts";
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

type SensitiveValues = Array<{ column: string; values: string[] }>;

/** The distinct values of a sensitive column, sorted; null when there are too many to be groups. */
async function sensitiveValues(db: Database, table: string, column: string): Promise<string[] | null> {
  const rows = await db.all(
    `SELECT DISTINCT CAST(${quoteIdentifier(column)} AS VARCHAR) AS value FROM ${quoteIdentifier(table)} WHERE ${quoteIdentifier(column)} IS NOT NULL LIMIT ${MAX_SENSITIVE_GROUPS + 1}`,
  );
  return rows.length > MAX_SENSITIVE_GROUPS ? null : sortLabels(rows.map((row) => String(row.value)));
}

/** Every sensitive column's values; null (or, with `refuse`, an error) for a column with too many. */
async function allSensitiveValues(
  db: Database,
  options: FetchOptions,
  refuse: boolean,
): Promise<SensitiveValues | null> {
  const out: SensitiveValues = [];
  for (const column of options.sensitive) {
    const values = await sensitiveValues(db, options.truthTable, column);
    if (values) out.push({ column, values });
    else if (!refuse) return null;
    else
      throw findingError(
        `sensitive column "${column}" has more than ${MAX_SENSITIVE_GROUPS} distinct values: fairness slices need groups`,
        "bucket the column (e.g. age bands) or leave it out of dataset.sensitive",
      );
  }
  return out;
}

async function truthRows(db: Database, table: string): Promise<number> {
  return Number((await db.all(`SELECT count(*)::INTEGER AS n FROM ${quoteIdentifier(table)}`))[0]?.n);
}

/** Preallocated arrays for `n` joined rows, named as the joined columns, and how to read them back. */
function joinedArrays(n: number, options: FetchOptions, sensitive: SensitiveValues) {
  const Codes = options.labels ? Int32Array : Float64Array;
  const truth = new Codes(n);
  const prediction = new Codes(n);
  const probabilities = options.probabilityLabels.map(() => new Float64Array(n));
  const codes = sensitive.map(() => new Int32Array(n));
  const rowIds: Array<string | null> | null = options.withRowIds ? new Array(n) : null;
  const targets: Record<string, ColumnTarget> = { target: truth, prediction };
  probabilities.forEach((column, i) => {
    targets[`p${i}`] = column;
  });
  codes.forEach((column, i) => {
    targets[`s${i}`] = column;
  });
  if (rowIds) targets.row_id = rowIds;
  const joined = (): JoinedColumns => ({
    rowIds: rowIds as string[] | null,
    labels: options.labels,
    truth,
    prediction,
    probabilities,
    probabilityLabels: [...options.probabilityLabels],
    sensitive: Object.fromEntries(
      sensitive.map(({ column, values }, i) => [column, { codes: codes[i] as Int32Array, values }]),
    ),
  });
  return { targets, joined };
}

function select(options: FetchOptions, predictions: string, sensitive: SensitiveValues): JoinedSelect {
  return {
    predictions,
    truth: options.truthTable,
    target: options.targetColumn,
    labels: options.labels,
    sensitive,
    probabilityColumns: options.probabilityLabels.map((label) => `${PROBABILITY_PREFIX}${label}`),
    withRowIds: options.withRowIds,
  };
}

/** Fetches truth and checked predictions joined by key in truth order as typed arrays (see joinedSql). */
export async function fetchJoined(db: Database, options: FetchOptions): Promise<JoinedColumns> {
  const sensitive = (await allSensitiveValues(db, options, true)) as SensitiveValues;
  const n = await truthRows(db, options.truthTable);
  const { targets, joined } = joinedArrays(n, options, sensitive);
  const rows = await db.fill(joinedSql(select(options, PREDICTIONS_TABLE, sensitive)), targets);
  if (rows !== n) throw new Error(`the join of checked predictions gave ${rows} rows for ${n} truth rows`);
  return joined();
}

/**
 * Fetches predictions written in the truth's row order, unchecked, straight from `predictions`
 * (a relation, e.g. the file's `read_csv`) beside the truth (see inOrderSql), stopping at the
 * first chunk with a row whose key differs or that fails a check. Returns null then, when the
 * truth table does not list its rows in `almanac_ord` order, or when a sensitive column has too
 * many values: the caller takes the checked path, which reports what is wrong.
 */
export async function fetchInOrder(
  db: Database,
  predictions: string,
  options: FetchOptions,
  checks: CheckOptions,
): Promise<JoinedColumns | null> {
  const [disorder] = await db.all(truthOutOfOrderSql(options.truthTable));
  if (Number(disorder?.n) !== 0) return null;
  const sensitive = await allSensitiveValues(db, options, false);
  if (!sensitive) return null;
  const n = await truthRows(db, options.truthTable);
  const { targets, joined } = joinedArrays(n, options, sensitive);
  const plan = select(options, predictions, sensitive);
  // Two streams in the truth table's order: the truth's columns alone, then the predictions'
  // beside the truth's keys (the one column DuckDB holds for the POSITIONAL JOIN).
  if ((await db.fill(truthInOrderSql(plan), targets)) !== n) return null;
  const ok = new Uint8Array(n);
  const allOk = (from: number, to: number) => ok.subarray(from, to).every((flag) => flag === 1);
  const rows = await db.fill(inOrderSql({ ...plan, checks }), { ...targets, ok }, allOk);
  return rows === n && allOk(0, n) ? joined() : null;
}
