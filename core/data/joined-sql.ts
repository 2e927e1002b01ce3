import { type CheckOptions, castNumber, listSql, type NumberOf, rowChecks } from "./predictions-sql.ts";
import { quoteIdentifier } from "./sql.ts";

/** What the joined columns are made of (see {@link joinedSql}). */
export interface JoinedSelect {
  /** The predictions: a table ({@link joinedSql}) or any relation, e.g. a `read_csv` call ({@link inOrderSql}). */
  predictions: string;
  truth: string;
  target: string;
  labels: readonly string[] | null;
  sensitive: ReadonlyArray<{ column: string; values: readonly string[] }>;
  probabilityColumns: readonly string[];
  withRowIds: boolean;
}

/** `expression`'s position in `values` as a 0-based INTEGER code, −1 when absent (or NULL). */
function codeSql(expression: string, values: readonly string[]): string {
  return `coalesce(list_position(${listSql(values)}, ${expression}), 0)::INTEGER - 1`;
}

/** A DOUBLE expression with NaN for NULL, so a fetched numeric column is never NULL. */
function numberSql(expression: string): string {
  return `coalesce(${expression}, 'NaN'::DOUBLE)`;
}

/**
 * The truth's side of the joined columns, over truth `t`, as numbers only so a million rows
 * fetch fast: class labels and sensitive values become 0-based codes into the given lists (−1
 * for a value not in the list, a missing sensitive value included), a regression target DOUBLE
 * (NaN for a value that is not a number), sensitive codes `s0`, `s1`…; `row_id` text only when
 * asked for.
 */
function truthColumnsSql(options: JoinedSelect): string[] {
  const target = `t.${quoteIdentifier(options.target)}`;
  return [
    ...(options.withRowIds ? ["t.row_id"] : []),
    options.labels
      ? `${codeSql(`CAST(${target} AS VARCHAR)`, options.labels)} AS target`
      : `${numberSql(`TRY_CAST(${target} AS DOUBLE)`)} AS target`,
    ...options.sensitive.map(
      ({ column, values }, i) => `${codeSql(`CAST(t.${quoteIdentifier(column)} AS VARCHAR)`, values)} AS s${i}`,
    ),
  ];
}

/**
 * The predictions' side, over predictions `p`: the predicted class's code (or a regression
 * prediction, DOUBLE) and the probabilities DOUBLE (`p0`, `p1`…), NaN for a cell that is not a
 * number; `predicted` reads a numeric column.
 */
function predictionColumnsSql(
  options: JoinedSelect,
  predicted: NumberOf = (column) => `TRY_CAST(p.${quoteIdentifier(column)} AS DOUBLE)`,
): string[] {
  return [
    options.labels
      ? `${codeSql("p.prediction", options.labels)} AS prediction`
      : `${numberSql(predicted("prediction"))} AS prediction`,
    ...options.probabilityColumns.map((column, i) => `${numberSql(predicted(column))} AS p${i}`),
  ];
}

/**
 * Truth joined with checked predictions by key, in truth order (a hash join and a sort): the
 * columns of {@link truthColumnsSql} and {@link predictionColumnsSql}.
 */
export function joinedSql(options: JoinedSelect): string {
  return [
    `SELECT ${[...truthColumnsSql(options), ...predictionColumnsSql(options)].join(", ")}`,
    `FROM ${quoteIdentifier(options.truth)} t JOIN ${quoteIdentifier(options.predictions)} p ON t.row_id = p.row_id`,
    "ORDER BY t.almanac_ord",
  ].join(" ");
}

/**
 * The number of truth rows that do not follow the previous one in `almanac_ord` (0 when the
 * table lists its rows in their source order, as the split and ad hoc truth tables are built):
 * one streaming scan, so the table's order is the truth's order for {@link truthInOrderSql}
 * and {@link inOrderSql}.
 */
export function truthOutOfOrderSql(truth: string): string {
  return `SELECT count(*) AS n FROM (SELECT almanac_ord <= lag(almanac_ord) OVER () AS back FROM ${quoteIdentifier(truth)}) WHERE back`;
}

/** The truth's columns ({@link truthColumnsSql}) in the table's order: one scan, no join, no sort. */
export function truthInOrderSql(options: JoinedSelect): string {
  return `SELECT ${truthColumnsSql(options).join(", ")} FROM ${quoteIdentifier(options.truth)} t`;
}

/**
 * The predictions' columns ({@link predictionColumnsSql}) for predictions written in the truth's
 * row order, as training code echoes ALMANAC_TEST, read as a stream beside the truth's keys
 * (POSITIONAL JOIN: no hash table, no sort, no copy of the file; DuckDB holds the joined side,
 * the truth's `row_id` alone, in memory), plus `ok` per row: 1 when the keys match and no
 * {@link rowChecks} check fails, else 0. Row counts that differ leave the missing side NULL, so
 * `ok` 0. Any 0 sends the caller to the checked path ({@link violationCountsSql},
 * {@link joinedSql}), which finds and reports the problem.
 */
export function inOrderSql(options: JoinedSelect & { checks: CheckOptions }): string {
  // Each numeric cell is cast once, below the checks that read it several times.
  const numeric = [...(options.labels ? [] : ["prediction"]), ...options.probabilityColumns];
  const cast: NumberOf = (column) => quoteIdentifier(`almanac_number_${numeric.indexOf(column)}`);
  const casts = numeric.map((column) => `${castNumber(column)} AS ${cast(column)}`);
  const failing = rowChecks(options.checks, cast).map((check) => `(${check.condition})`);
  const ok = "p.almanac_row_ok AND t.row_id = p.row_id";
  const predictions = `(SELECT *${casts.map((item) => `, ${item}`).join("")} FROM ${options.predictions})`;
  return [
    `SELECT ${predictionColumnsSql(options, (column) => `p.${cast(column)}`).join(", ")}, coalesce(${ok}, false)::UTINYINT AS ok`,
    `FROM (SELECT *, NOT coalesce(${failing.join(" OR ")}, true) AS almanac_row_ok FROM ${predictions}) p`,
    `POSITIONAL JOIN (SELECT row_id FROM ${quoteIdentifier(options.truth)}) t`,
  ].join(" ");
}
