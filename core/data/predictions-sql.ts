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
