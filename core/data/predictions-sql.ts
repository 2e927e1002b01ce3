import { quoteIdentifier, quoteLiteral } from "./sql.ts";

/** Largest distance of a row's probabilities from a sum of 1 before it is refused. */
export const PROBABILITY_SUM_TOLERANCE = 1e-6;

/** Examples listed per problem. */
export const EXAMPLE_ROWS = 5;

/** A finding query: `(line, value, total)` rows, up to {@link EXAMPLE_ROWS}, `total` the count of all offenders. */
export interface Violation {
  /** What is wrong, e.g. "duplicate row_id". */
  problem: string;
  sql: string;
  /** Column of {@link violationCountsSql}'s single row that is non-zero when this problem occurs. */
  count: string;
}

/**
 * Rows of the predictions table matching `condition`, with their line in the file (header is
 * line 1, so the first data row is line 2) and the offending value.
 */
export function violationSql(table: string, condition: string, value: string): string {
  return [
    `SELECT rowid + 2 AS line, CAST(${value} AS VARCHAR) AS value, count(*) OVER () AS total`,
    `FROM ${quoteIdentifier(table)} WHERE ${condition} ORDER BY rowid LIMIT ${EXAMPLE_ROWS}`,
  ].join(" ");
}

/** How a check reads a text column as a number: `TRY_CAST` by default, or a column already cast. */
export type NumberOf = (column: string) => string;

/** A text cell as DOUBLE: NULL when it is not a number. */
export const castNumber: NumberOf = (column) => `TRY_CAST(${quoteIdentifier(column)} AS DOUBLE)`;

/** A text cell that is not a finite number (empty, text, NaN, ±inf). */
export function notFiniteSql(column: string, number: NumberOf = castNumber): string {
  const cast = number(column);
  return `(${cast} IS NULL OR isnan(${cast}) OR isinf(${cast}))`;
}

/** A probability cell that is not a number in [0, 1]. */
export function notProbabilitySql(column: string, number: NumberOf = castNumber): string {
  const cast = number(column);
  return `(${notFiniteSql(column, number)} OR ${cast} < 0 OR ${cast} > 1)`;
}

/**
 * Rows whose probability columns do not sum to 1 within {@link PROBABILITY_SUM_TOLERANCE}; rows
 * with a cell that is not a number are left to the per-column check.
 */
export function badSumSql(columns: readonly string[], number: NumberOf = castNumber): string {
  const sum = columns.map(number).join(" + ");
  const finite = columns.map((column) => `NOT ${notFiniteSql(column, number)}`).join(" AND ");
  return `${finite} AND abs((${sum}) - 1) > ${PROBABILITY_SUM_TOLERANCE}`;
}

/** What the checks need to know. */
export interface CheckOptions {
  predictions: string;
  truth: string;
  labels: readonly string[] | null;
  probabilityColumns: readonly string[];
  checkSum: boolean;
}

/**
 * Row-local problems of the predictions table: what is wrong, the SQL condition, the value shown.
 * `number` reads a numeric column (see {@link NumberOf}).
 */
export function rowChecks(
  options: CheckOptions,
  number: NumberOf = castNumber,
): Array<{ problem: string; condition: string; value: string }> {
  const key = quoteIdentifier("row_id");
  const prediction = quoteIdentifier("prediction");
  const checks = [{ problem: "empty row_id", condition: `${key} IS NULL OR trim(${key}) = ''`, value: "''" }];
  if (options.labels === null)
    checks.push({
      problem: "prediction is not a finite number",
      condition: notFiniteSql("prediction", number),
      value: prediction,
    });
  else
    checks.push({
      problem: `prediction is not a known class (${options.labels.join(", ")})`,
      condition: `${prediction} IS NULL OR ${prediction} NOT IN (${options.labels.map(quoteLiteral).join(", ")})`,
      value: `coalesce(${prediction}, '')`,
    });
  for (const column of options.probabilityColumns)
    checks.push({
      problem: `${column} is not a probability in [0, 1]`,
      condition: notProbabilitySql(column, number),
      value: `coalesce(${quoteIdentifier(column)}, '')`,
    });
  if (options.checkSum && options.probabilityColumns.length > 1)
    checks.push({
      problem: `probabilities do not sum to 1 (±${PROBABILITY_SUM_TOLERANCE})`,
      condition: badSumSql(options.probabilityColumns, number),
      value: options.probabilityColumns.map((column) => `TRY_CAST(${quoteIdentifier(column)} AS DOUBLE)`).join(" + "),
    });
  return checks;
}

/**
 * Every check of a predictions table against the truth table (both keyed by `row_id`): empty,
 * duplicate, unknown and missing keys; bad predictions; bad probabilities. Each names the column
 * of {@link violationCountsSql} that says whether to run its (costlier) example query.
 */
export function predictionViolations(options: CheckOptions): Violation[] {
  const p = options.predictions;
  const key = quoteIdentifier("row_id");
  const truth = quoteIdentifier(options.truth);
  const keyChecks: Violation[] = [
    {
      problem: "duplicate row_id",
      sql: violationSql(
        p,
        `${key} IN (SELECT ${key} FROM ${quoteIdentifier(p)} GROUP BY ${key} HAVING count(*) > 1)`,
        key,
      ),
      count: "duplicate_keys",
    },
    {
      problem: "row_id not in the evaluated split (unknown key)",
      sql: violationSql(p, `${key} IS NOT NULL AND ${key} NOT IN (SELECT ${key} FROM ${truth})`, key),
      count: "unknown_keys",
    },
    {
      problem: "row_id of the evaluated split without a prediction (missing key)",
      sql: [
        `SELECT NULL AS line, ${key} AS value, count(*) OVER () AS total FROM ${truth}`,
        `WHERE ${key} NOT IN (SELECT ${key} FROM ${quoteIdentifier(p)} WHERE ${key} IS NOT NULL)`,
        `ORDER BY almanac_ord LIMIT ${EXAMPLE_ROWS}`,
      ].join(" "),
      count: "missing_keys",
    },
  ];
  const rows = rowChecks(options).map((check, i) => ({
    problem: check.problem,
    sql: violationSql(p, check.condition, check.value),
    count: `row_check_${i}`,
  }));
  return [rows[0] as Violation, ...keyChecks, ...rows.slice(1)];
}

/**
 * One statement counting every problem at once: one scan of the predictions for the row-local
 * checks and one full join for the keys, so valid predictions cost two passes, not one per check.
 * Truth keys are unique, so a prediction key matched more often than there are matched truth rows
 * is duplicated; duplicated unknown keys show up as unknown.
 */
export function violationCountsSql(options: CheckOptions): string {
  const p = quoteIdentifier(options.predictions);
  const t = quoteIdentifier(options.truth);
  const filters = rowChecks(options).map((check, i) => `count(*) FILTER (WHERE ${check.condition}) AS row_check_${i}`);
  return [
    `WITH rows AS (SELECT ${filters.join(", ")} FROM ${p}),`,
    "keys AS (SELECT count(*) FILTER (WHERE t.row_id IS NULL) AS unknown_keys, count(*) FILTER (WHERE p.row_id IS NULL) AS missing_keys,",
    "count(*) FILTER (WHERE p.row_id IS NOT NULL AND t.row_id IS NOT NULL) AS matched,",
    `count(DISTINCT t.row_id) AS truth_rows FROM ${p} p FULL JOIN ${t} t ON p.row_id = t.row_id)`,
    "SELECT rows.*, unknown_keys, missing_keys, matched - (truth_rows - missing_keys) AS duplicate_keys FROM rows, keys",
  ].join(" ");
}

/** A SQL list literal of strings: `['a', 'b']`. */
export function listSql(values: readonly string[]): string {
  return `[${values.map(quoteLiteral).join(", ")}]`;
}

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
