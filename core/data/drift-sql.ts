import { doubleLiteral } from "./duckdb-types.ts";
import { quoteIdentifier } from "./sql.ts";

/**
 * Pure SQL builders for drift: per-column summaries, value counts, the joint sorted scan (KS
 * and Wasserstein) and histogram counts, each over a table or view already holding one sample.
 * Tests read these as strings; only core/drift/collect.ts runs them.
 */

/** A column to summarise: its name, whether it is compared as numbers, and whether both samples store integers. */
export interface SqlColumn {
  name: string;
  numeric: boolean;
  /** Stored as an integer type on both sides: read natively (no cast, always finite; exact below 2^53). */
  integer?: boolean;
}

/** The value expression: integers as stored, other numbers as DOUBLE (as numpy sees them), categories as text. */
export function valueSql(column: SqlColumn): string {
  const id = quoteIdentifier(column.name);
  if (!column.numeric) return `CAST(${id} AS VARCHAR)`;
  return column.integer ? id : `CAST(${id} AS DOUBLE)`;
}

/** A numeric column's values as DOUBLE, for arithmetic and comparisons with DOUBLE literals. */
export function doubleSql(column: SqlColumn): string {
  return `CAST(${quoteIdentifier(column.name)} AS DOUBLE)`;
}

/** Values that take part: not null and, for non-integer numbers, finite (NaN and ±inf count as missing, as Evidently). */
export function validSql(column: SqlColumn): string {
  return column.numeric && !column.integer
    ? `isfinite(${valueSql(column)})`
    : `${quoteIdentifier(column.name)} IS NOT NULL`;
}

/**
 * One scan of a sample counting the values of every column in `grouped` at once (GROUPING
 * SETS): rows `col` (the column's index, -1 for the row total), `key` (text values) or `num`
 * (numbers; NULL for the null group), `n`, and `groups`, the column's number of distinct
 * values. A column with more than `cap` groups returns a single row, so a high-cardinality
 * column never floods JavaScript (its count of values then comes from {@link valueTotalsSql}).
 */
export function sideCountsSql(
  table: string,
  columns: readonly SqlColumn[],
  cap: number,
  grouped: readonly number[] = columns.map((_, i) => i),
): string {
  const values = grouped.map((i) => `${valueSql(columns[i] as SqlColumn)} AS v${i}`);
  const sets = [...grouped.map((i) => `(v${i})`), "()"];
  const which = grouped.map((i) => `WHEN grouping(v${i}) = 0 THEN ${i}`).join(" ");
  const numbers = grouped.flatMap((i) => (columns[i]?.numeric ? [`WHEN ${i} THEN CAST(v${i} AS DOUBLE)`] : []));
  const texts = grouped.flatMap((i) => (columns[i]?.numeric ? [] : [`WHEN ${i} THEN v${i}`]));
  const num = numbers.length > 0 ? `CASE col ${numbers.join(" ")} END` : "NULL::DOUBLE";
  const key = texts.length > 0 ? `CASE col ${texts.join(" ")} END` : "NULL::VARCHAR";
  const col = which === "" ? "-1" : `CASE ${which} ELSE -1 END`;
  return [
    `WITH g AS (SELECT ${col} AS col, ${grouped.map((i) => `v${i}`).join(", ") || "NULL AS none"}, count(*) AS n`,
    `  FROM (SELECT ${values.join(", ") || "NULL AS none"} FROM ${quoteIdentifier(table)})`,
    `  GROUP BY GROUPING SETS (${sets.join(", ")})),`,
    "s AS (SELECT *, count(*) OVER (PARTITION BY col) AS groups, row_number() OVER (PARTITION BY col) AS rn FROM g)",
    `SELECT col, ${key} AS key, ${num} AS num, n, groups FROM s WHERE groups <= ${cap} OR rn = 1`,
  ].join("\n");
}

/** Usable values `n{i}` (not null; finite for non-integer numbers) of the listed columns. */
export function valueTotalsSql(table: string, columns: readonly SqlColumn[], indexes: readonly number[]): string {
  const select = indexes.map((i) => `count(*) FILTER (WHERE ${validSql(columns[i] as SqlColumn)}) AS n${i}`);
  return `SELECT ${select.join(", ")} FROM ${quoteIdentifier(table)}`;
}

/**
 * Distinct values `d{i}` of the listed numeric columns among the first `rows` rows (all rows
 * without it), counted exactly: a cheap look before counting.
 */
export function distinctProbeSql(
  table: string,
  columns: readonly SqlColumn[],
  indexes: readonly number[],
  rows?: number,
): string {
  const select = indexes.map((i) => `count(DISTINCT ${valueSql(columns[i] as SqlColumn)}) AS d${i}`);
  const from = rows === undefined ? quoteIdentifier(table) : `(SELECT * FROM ${quoteIdentifier(table)} LIMIT ${rows})`;
  return `SELECT ${select.join(", ")} FROM ${from}`;
}

/** Min `lo{i}`, max `hi{i}` and population standard deviation `sd{i}` of the listed numeric columns. */
export function rangeSql(table: string, columns: readonly SqlColumn[], indexes: readonly number[]): string {
  const select = indexes.flatMap((i) => {
    const column = columns[i] as SqlColumn;
    const value = doubleSql(column);
    const filter = `FILTER (WHERE ${validSql(column)})`;
    return [
      `min(${value}) ${filter} AS lo${i}`,
      `max(${value}) ${filter} AS hi${i}`,
      `stddev_pop(${value}) ${filter} AS sd${i}`,
    ];
  });
  return `SELECT ${select.join(", ")} FROM ${quoteIdentifier(table)}`;
}

/**
 * Counts per distinct value for the listed columns (by their index in `columns`), one row per
 * (column, value): `col`, `key` (text values) or `num` (numbers), `n`.
 */
export function valueCountsSql(table: string, columns: readonly SqlColumn[], indexes: readonly number[]): string {
  const parts = indexes.map((i) => {
    const column = columns[i] as SqlColumn;
    const counted = `SELECT ${valueSql(column)} AS v, count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${validSql(column)} GROUP BY 1`;
    const keys = column.numeric ? "NULL::VARCHAR AS key, CAST(v AS DOUBLE) AS num" : "v AS key, NULL::DOUBLE AS num";
    return `SELECT ${i} AS col, ${keys}, n FROM (${counted})`;
  });
  return parts.join("\nUNION ALL\n");
}

/**
 * The bin index of `v` on sorted edges exactly as numpy.histogram assigns it with an array of
 * edges (searchsorted: bin i is [eᵢ, eᵢ₊₁), the last bin closed): an arithmetic guess
 * ⌊(v − e₀) / step⌋ clamped to [0, k − 1], then corrected by one bin either way against the
 * edges themselves, so floating-point rounding of the guess cannot misplace a value.
 * `v` and `i` (the guess, from {@link binGuessSql}) are column names. Example with edges
 * [0, 1, 2]: `i - (v < [0e0, 1e0, 2e0][i + 1])::INTEGER + (i < 1 AND v >= [0e0, 1e0, 2e0][i + 2])::INTEGER`.
 */
export function binIndexSql(edges: readonly number[]): string {
  const k = edges.length - 1;
  if (k <= 1) return "0";
  const list = `[${edges.map(doubleLiteral).join(", ")}]`;
  return `i - (v < ${list}[i + 1])::INTEGER + (i < ${k - 1} AND v >= ${list}[i + 2])::INTEGER`;
}

/** The arithmetic bin guess of `v` for equal-width edges, clamped to [0, k − 1]. */
export function binGuessSql(edges: readonly number[]): string {
  const k = edges.length - 1;
  const first = edges[0] as number;
  const step = ((edges[k] as number) - first) / k;
  if (k <= 1 || !(step > 0)) return "0";
  return `least(greatest(floor((v - ${doubleLiteral(first)}) / ${doubleLiteral(step)})::BIGINT, 0), ${k - 1})`;
}

/** Counts per histogram bin for several numeric columns: rows `col`, `bin`, `n`. */
export function binCountsSql(
  table: string,
  columns: readonly SqlColumn[],
  binnings: ReadonlyArray<{ index: number; edges: readonly number[] }>,
): string {
  const parts = binnings.map(({ index, edges }) => {
    const column = columns[index] as SqlColumn;
    const values = `SELECT ${doubleSql(column)} AS v FROM ${quoteIdentifier(table)} WHERE ${validSql(column)}`;
    const guessed = `SELECT v, ${binGuessSql(edges)} AS i FROM (${values})`;
    return `SELECT ${index} AS col, ${binIndexSql(edges)} AS bin, count(*) AS n FROM (${guessed}) GROUP BY ALL`;
  });
  return parts.join("\nUNION ALL\n");
}

/**
 * The joint sorted scan of one numeric column over both samples, in one sort of their union:
 * with a RANGE frame every row sees the cumulative counts through its ties, so F_ref − F_cur at
 * each distinct value is computed as k₁/n₁ − k₂/n₂ (scipy's arithmetic); the query returns its
 * max and min (for KS) and Σ |F_ref − F_cur| · (next − v) (Wasserstein, compensated sum: the
 * gap to the next value is 0 between ties). Only three numbers leave DuckDB, whatever the
 * number of rows; DuckDB's sort spills to disk past its memory limit.
 */
export function ecdfScanSql(
  reference: string,
  current: string,
  column: SqlColumn,
  nReference: number,
  nCurrent: number,
): string {
  const value = doubleSql(column);
  const valid = validSql(column);
  const side = (table: string, flag: number) =>
    `SELECT ${value} AS v, ${flag} AS a FROM ${quoteIdentifier(table)} WHERE ${valid}`;
  return [
    `WITH u AS (${side(reference, 1)} UNION ALL ${side(current, 0)}),`,
    `s AS (SELECT v, sum(a) OVER w / ${nReference} - sum(1 - a) OVER w / ${nCurrent} AS diff, lead(v) OVER (ORDER BY v) AS next FROM u`,
    "  WINDOW w AS (ORDER BY v RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))",
    "SELECT max(diff) AS max_difference, min(diff) AS min_difference,",
    "  coalesce(fsum(abs(diff) * (next - v)) FILTER (WHERE next IS NOT NULL), 0) AS wasserstein FROM s",
  ].join("\n");
}

/** A numeric column's usable values as DOUBLE `v` (one side, unsorted: JavaScript sorts them). */
export function finiteValuesSql(table: string, column: SqlColumn): string {
  return `SELECT ${doubleSql(column)} AS v FROM ${quoteIdentifier(table)} WHERE ${validSql(column)}`;
}

/** Exact number of distinct values of a numeric column over both samples (for Hellinger's bins). */
export function unionDistinctSql(reference: string, current: string, column: SqlColumn): string {
  const value = doubleSql(column);
  const valid = validSql(column);
  return `SELECT count(DISTINCT v) AS n FROM (SELECT ${value} AS v FROM ${quoteIdentifier(reference)} WHERE ${valid} UNION ALL SELECT ${value} AS v FROM ${quoteIdentifier(current)} WHERE ${valid})`;
}
