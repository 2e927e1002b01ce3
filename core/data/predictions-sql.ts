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

/** A text cell that is not a finite number (empty, text, NaN, ±inf). */
export function notFiniteSql(column: string): string {
  const cast = `TRY_CAST(${quoteIdentifier(column)} AS DOUBLE)`;
  return `(${cast} IS NULL OR isnan(${cast}) OR isinf(${cast}))`;
}

/** A probability cell that is not a number in [0, 1]. */
export function notProbabilitySql(column: string): string {
  const cast = `TRY_CAST(${quoteIdentifier(column)} AS DOUBLE)`;
  return `(${notFiniteSql(column)} OR ${cast} < 0 OR ${cast} > 1)`;
}

/**
 * Rows whose probability columns do not sum to 1 within {@link PROBABILITY_SUM_TOLERANCE}; rows
 * with a cell that is not a number are left to the per-column check.
 */
export function badSumSql(columns: readonly string[]): string {
  const sum = columns.map((column) => `TRY_CAST(${quoteIdentifier(column)} AS DOUBLE)`).join(" + ");
  const finite = columns.map((column) => `NOT ${notFiniteSql(column)}`).join(" AND ");
  return `${finite} AND abs((${sum}) - 1) > ${PROBABILITY_SUM_TOLERANCE}`;
}

/**
 * Every check of a predictions table against the truth table (both keyed by `row_id`): missing,
 * duplicate, unknown and absent keys; bad predictions; bad probabilities. `labels` null for
 * regression (predictions must be finite numbers).
 */
export function predictionViolations(options: {
  predictions: string;
  truth: string;
  labels: readonly string[] | null;
  probabilityColumns: readonly string[];
  checkSum: boolean;
}): Violation[] {
  const p = options.predictions;
  const key = quoteIdentifier("row_id");
  const truth = quoteIdentifier(options.truth);
  const prediction = quoteIdentifier("prediction");
  const checks: Violation[] = [
    { problem: "empty row_id", sql: violationSql(p, `${key} IS NULL OR trim(${key}) = ''`, "''") },
    {
      problem: "duplicate row_id",
      sql: violationSql(
        p,
        `${key} IN (SELECT ${key} FROM ${quoteIdentifier(p)} GROUP BY ${key} HAVING count(*) > 1)`,
        key,
      ),
    },
    {
      problem: "row_id not in the evaluated split (unknown key)",
      sql: violationSql(p, `${key} IS NOT NULL AND ${key} NOT IN (SELECT ${key} FROM ${truth})`, key),
    },
    {
      problem: "row_id of the evaluated split without a prediction (missing key)",
      sql: [
        `SELECT NULL AS line, ${key} AS value, count(*) OVER () AS total FROM ${truth}`,
        `WHERE ${key} NOT IN (SELECT ${key} FROM ${quoteIdentifier(p)} WHERE ${key} IS NOT NULL)`,
        `ORDER BY almanac_ord LIMIT ${EXAMPLE_ROWS}`,
      ].join(" "),
    },
  ];
  if (options.labels === null)
    checks.push({
      problem: "prediction is not a finite number",
      sql: violationSql(p, notFiniteSql("prediction"), prediction),
    });
  else
    checks.push({
      problem: `prediction is not a known class (${options.labels.join(", ")})`,
      sql: violationSql(
        p,
        `${prediction} IS NULL OR ${prediction} NOT IN (${options.labels.map(quoteLiteral).join(", ")})`,
        `coalesce(${prediction}, '')`,
      ),
    });
  for (const column of options.probabilityColumns)
    checks.push({
      problem: `${column} is not a probability in [0, 1]`,
      sql: violationSql(p, notProbabilitySql(column), `coalesce(${quoteIdentifier(column)}, '')`),
    });
  if (options.checkSum && options.probabilityColumns.length > 1)
    checks.push({
      problem: `probabilities do not sum to 1 (±${PROBABILITY_SUM_TOLERANCE})`,
      sql: violationSql(
        p,
        badSumSql(options.probabilityColumns),
        options.probabilityColumns.map((column) => `TRY_CAST(${quoteIdentifier(column)} AS DOUBLE)`).join(" + "),
      ),
    });
  return checks;
}

/**
 * Truth joined with predictions in truth order: `row_id`, `target`, sensitive columns as text,
 * `prediction` (text, or DOUBLE for regression) and probabilities as DOUBLE.
 */
export function joinedSql(options: {
  predictions: string;
  truth: string;
  targetSql: string;
  sensitive: readonly string[];
  regression: boolean;
  probabilityColumns: readonly string[];
}): string {
  const sensitive = options.sensitive.map(
    (column, i) => `CAST(t.${quoteIdentifier(column)} AS VARCHAR) AS ${quoteIdentifier(`s${i}`)}`,
  );
  const probabilities = options.probabilityColumns.map(
    (column, i) => `CAST(p.${quoteIdentifier(column)} AS DOUBLE) AS ${quoteIdentifier(`p${i}`)}`,
  );
  const prediction = options.regression ? "CAST(p.prediction AS DOUBLE)" : "p.prediction";
  const columns = [
    "t.row_id",
    `${options.targetSql} AS target`,
    ...sensitive,
    `${prediction} AS prediction`,
    ...probabilities,
  ];
  return [
    `SELECT ${columns.join(", ")}`,
    `FROM ${quoteIdentifier(options.truth)} t JOIN ${quoteIdentifier(options.predictions)} p ON t.row_id = p.row_id`,
    "ORDER BY t.almanac_ord",
  ].join(" ");
}
