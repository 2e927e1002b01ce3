import { doubleLiteral } from "./duckdb-types.ts";
import { quoteIdentifier } from "./sql.ts";

/**
 * Pure SQL builders for drift: per-column summaries, value counts, the joint sorted scan (KS
 * and Wasserstein) and histogram counts, each over a table or view already holding one sample.
 * Tests read these as strings; only core/drift/collect.ts runs them.
 */

/** A column to summarise: its name and whether it is compared as numbers. */
export interface SqlColumn {
  name: string;
  numeric: boolean;
}

/** The value expression: numbers as DOUBLE (as numpy sees them), categories as text. */
export function valueSql(column: SqlColumn): string {
  const id = quoteIdentifier(column.name);
  return column.numeric ? `CAST(${id} AS DOUBLE)` : `CAST(${id} AS VARCHAR)`;
}

/** Values that take part: not null and, for numbers, finite (NaN and ±inf count as missing, as Evidently). */
export function validSql(column: SqlColumn): string {
  return column.numeric ? `isfinite(${valueSql(column)})` : `${quoteIdentifier(column.name)} IS NOT NULL`;
}

/**
 * One scan of a sample: its row count and, per column i, the usable values `n{i}`, and for
 * numbers min `lo{i}`, max `hi{i}`, population std `sd{i}`; an approximate distinct count `d{i}`.
 */
export function summarySql(table: string, columns: readonly SqlColumn[]): string {
  const select = ["count(*) AS rows"];
  columns.forEach((column, i) => {
    const filter = `FILTER (WHERE ${validSql(column)})`;
    const value = valueSql(column);
    select.push(`count(*) ${filter} AS n${i}`, `approx_count_distinct(${value}) ${filter} AS d${i}`);
    if (column.numeric)
      select.push(
        `min(${value}) ${filter} AS lo${i}`,
        `max(${value}) ${filter} AS hi${i}`,
        `stddev_pop(${value}) ${filter} AS sd${i}`,
      );
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
    const value = valueSql(column);
    const keys = column.numeric ? `NULL::VARCHAR AS key, ${value} AS num` : `${value} AS key, NULL::DOUBLE AS num`;
    return `SELECT ${i} AS col, ${keys}, count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${validSql(column)} GROUP BY ALL`;
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
    const bin = binIndexSql(valueSql(column), edges);
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
    `SELECT ${value} AS v, count(*) AS c FROM ${quoteIdentifier(table)} WHERE ${valid} GROUP BY 1`;
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
  const value = valueSql(column);
  const valid = validSql(column);
  return `SELECT count(DISTINCT v) AS n FROM (SELECT ${value} AS v FROM ${quoteIdentifier(reference)} WHERE ${valid} UNION ALL SELECT ${value} AS v FROM ${quoteIdentifier(current)} WHERE ${valid})`;
}
