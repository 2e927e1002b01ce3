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

/** Values that take part: not null and, for non-integer numbers, finite (NaN and ±inf count as missing, as Evidently). */
export function validSql(column: SqlColumn): string {
  return column.numeric && !column.integer
    ? `isfinite(${valueSql(column)})`
    : `${quoteIdentifier(column.name)} IS NOT NULL`;
}

/**
 * One scan of a sample counting the values of every column in `grouped` at once (GROUPING
 * SETS): rows `col` (the column's index, -1 for the totals), `key` (text values) or `num`
 * (numbers; NULL for the null group), `n`, `groups` (the column's number of distinct values),
 * and on the totals row `counts`, every column's usable values. A column with more than `cap`
 * groups returns a single row, so a high-cardinality column never floods JavaScript.
 */
export function sideCountsSql(
  table: string,
  columns: readonly SqlColumn[],
  cap: number,
  grouped: readonly number[] = columns.map((_, i) => i),
): string {
  const values = columns.map((column, i) => `${valueSql(column)} AS v${i}`);
  const sets = [...grouped.map((i) => `(v${i})`), "()"];
  const which = grouped.map((i) => `WHEN grouping(v${i}) = 0 THEN ${i}`).join(" ");
  const valid = columns.map((column, i) =>
    column.numeric && !column.integer ? `isfinite(v${i})` : `v${i} IS NOT NULL`,
  );
  const counts = columns.map((_, i) => `count(*) FILTER (WHERE ${valid[i]}) AS c${i}`);
  const numbers = grouped.flatMap((i) => (columns[i]?.numeric ? [`WHEN ${i} THEN CAST(v${i} AS DOUBLE)`] : []));
  const texts = grouped.flatMap((i) => (columns[i]?.numeric ? [] : [`WHEN ${i} THEN v${i}`]));
  const num = numbers.length > 0 ? `CASE col ${numbers.join(" ")} END` : "NULL::DOUBLE";
  const key = texts.length > 0 ? `CASE col ${texts.join(" ")} END` : "NULL::VARCHAR";
  const totals = `CASE WHEN col = -1 THEN [${columns.map((_, i) => `c${i}`).join(", ")}] END`;
  const col = which === "" ? "-1" : `CASE ${which} ELSE -1 END`;
  return [
    `WITH g AS (SELECT ${col} AS col, ${grouped.map((i) => `v${i}`).join(", ") || "NULL AS none"}, count(*) AS n, ${counts.join(", ")}`,
    `  FROM (SELECT ${values.join(", ")} FROM ${quoteIdentifier(table)})`,
    `  GROUP BY GROUPING SETS (${sets.join(", ")})),`,
    "s AS (SELECT *, count(*) OVER (PARTITION BY col) AS groups, row_number() OVER (PARTITION BY col) AS rn FROM g)",
    `SELECT col, ${key} AS key, ${num} AS num, n, groups, ${totals} AS counts FROM s WHERE groups <= ${cap} OR rn = 1`,
  ].join("\n");
}

/** Approximate distinct values `d{i}` (HyperLogLog) of the listed numeric columns: a cheap look before counting. */
export function distinctProbeSql(table: string, columns: readonly SqlColumn[], indexes: readonly number[]): string {
  const select = indexes.map((i) => `approx_count_distinct(${valueSql(columns[i] as SqlColumn)}) AS d${i}`);
  return `SELECT ${select.join(", ")} FROM ${quoteIdentifier(table)}`;
}

/** Min `lo{i}`, max `hi{i}` and population standard deviation `sd{i}` of the listed numeric columns. */
export function rangeSql(table: string, columns: readonly SqlColumn[], indexes: readonly number[]): string {
  const select = indexes.flatMap((i) => {
    const column = columns[i] as SqlColumn;
    const value = `CAST(${valueSql(column)} AS DOUBLE)`;
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
 * The bin index of a value on sorted edges as numpy.histogram assigns it: the number of inner
 * edges ≤ v, so bin i is [eᵢ, eᵢ₊₁) and the last bin is closed. Exact: no arithmetic on v.
 * Example: `binIndexSql("v", [0, 1, 2])` → "(v >= 1e0)::INTEGER".
 */
export function binIndexSql(value: string, edges: readonly number[]): string {
  const inner = edges.slice(1, -1);
  if (inner.length === 0) return "0";
  return inner.map((edge) => `(${value} >= ${doubleLiteral(edge)})::INTEGER`).join(" + ");
}

/** Counts per histogram bin for several numeric columns: rows `col`, `bin`, `n`. */
export function binCountsSql(
  table: string,
  columns: readonly SqlColumn[],
  binnings: ReadonlyArray<{ index: number; edges: readonly number[] }>,
): string {
  const parts = binnings.map(({ index, edges }) => {
    const column = columns[index] as SqlColumn;
    const bin = binIndexSql(`CAST(${valueSql(column)} AS DOUBLE)`, edges);
    return `SELECT ${index} AS col, ${bin} AS bin, count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${validSql(column)} GROUP BY ALL`;
  });
  return parts.join("\nUNION ALL\n");
}

/**
 * The joint sorted scan of one numeric column over both samples: per distinct value the
 * cumulative counts of each side give F_ref − F_cur (computed as k₁/n₁ − k₂/n₂, as scipy), and
 * the query returns its max and min (for KS) and Σ |F_ref − F_cur| · (next − v) (Wasserstein,
 * compensated sum). Only three numbers leave DuckDB, whatever the number of distinct values.
 */
export function ecdfScanSql(
  reference: string,
  current: string,
  column: SqlColumn,
  nReference: number,
  nCurrent: number,
): string {
  const value = valueSql(column);
  const valid = validSql(column);
  const side = (table: string) =>
    `SELECT CAST(v AS DOUBLE) AS v, c FROM (SELECT ${value} AS v, count(*) AS c FROM ${quoteIdentifier(table)} WHERE ${valid} GROUP BY 1)`;
  return [
    `WITH r AS (${side(reference)}),`,
    `c AS (${side(current)}),`,
    "j AS (SELECT coalesce(r.v, c.v) AS v, coalesce(r.c, 0) AS c1, coalesce(c.c, 0) AS c2 FROM r FULL OUTER JOIN c ON r.v = c.v),",
    "s AS (SELECT v, sum(c1) OVER w AS k1, sum(c2) OVER w AS k2, lead(v) OVER (ORDER BY v) AS next FROM j",
    "  WINDOW w AS (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),",
    `d AS (SELECT v, next, k1 / ${nReference} - k2 / ${nCurrent} AS diff FROM s)`,
    "SELECT max(diff) AS max_difference, min(diff) AS min_difference,",
    "  coalesce(fsum(abs(diff) * (next - v)) FILTER (WHERE next IS NOT NULL), 0) AS wasserstein FROM d",
  ].join("\n");
}

/** Exact number of distinct values of a numeric column over both samples (for Hellinger's bins). */
export function unionDistinctSql(reference: string, current: string, column: SqlColumn): string {
  const value = `CAST(${valueSql(column)} AS DOUBLE)`;
  const valid = validSql(column);
  return `SELECT count(DISTINCT v) AS n FROM (SELECT ${value} AS v FROM ${quoteIdentifier(reference)} WHERE ${valid} UNION ALL SELECT ${value} AS v FROM ${quoteIdentifier(current)} WHERE ${valid})`;
}
