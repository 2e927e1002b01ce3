import { PROFILE_QUANTILES } from "../schemas/profile.ts";
import { doubleLiteral } from "./duckdb-types.ts";
import { quoteIdentifier, quoteLiteral } from "./sql.ts";

/**
 * Pure SQL builders for `almanac profile`: one counting scan over every column, then per numeric
 * column either its value counts (few distinct values: everything else follows exactly in a
 * few thousand rows) or SQL aggregates and lattice counts (many distinct values), and the top
 * values of categorical columns. Tests read the SQL.
 */

/** How a column is profiled: numbers (moments, quantiles, histogram), categories (top values), dates (range). */
export type ProfileMode = "numeric" | "categorical" | "temporal" | "other";

/** A column to profile. */
export interface ProfileSqlColumn {
  name: string;
  mode: ProfileMode;
  /** Stored as an integer type: read natively (no cast, always finite), summed exactly. */
  integer: boolean;
}

const id = (column: ProfileSqlColumn) => quoteIdentifier(column.name);

/** The numeric value: integers as stored, other numbers as DOUBLE (as numpy sees them). */
export function numberSql(column: ProfileSqlColumn): string {
  return column.integer ? id(column) : `CAST(${id(column)} AS DOUBLE)`;
}

/** Values that count: not null, and finite for non-integers (NaN and ±inf count as missing). */
export function presentSql(column: ProfileSqlColumn): string {
  if (column.mode !== "numeric" || column.integer) return `${id(column)} IS NOT NULL`;
  return `isfinite(${numberSql(column)})`;
}

/**
 * One scan of every column: `rows`, per column i the values `n{i}`, the distinct values `d{i}`
 * (exact for categories and dates; a HyperLogLog estimate for numbers, whose exact count comes
 * from their value counts when they have few), and for dates the range `lo{i}` / `hi{i}` as ISO text.
 */
export function profileCountsSql(table: string, columns: readonly ProfileSqlColumn[]): string {
  const select = ["count(*) AS rows"];
  columns.forEach((column, i) => {
    const filter = `FILTER (WHERE ${presentSql(column)})`;
    const value = column.mode === "numeric" ? numberSql(column) : id(column);
    select.push(`count(*) ${filter} AS n${i}`);
    if (column.mode === "numeric") select.push(`approx_count_distinct(${value}) ${filter} AS d${i}`);
    else if (column.mode !== "other") select.push(`count(DISTINCT ${value}) AS d${i}`);
    if (column.mode === "temporal")
      select.push(`CAST(min(${id(column)}) AS VARCHAR) AS lo${i}`, `CAST(max(${id(column)}) AS VARCHAR) AS hi${i}`);
  });
  return `SELECT ${select.join(", ")} FROM ${quoteIdentifier(table)}`;
}

/** Counts per distinct value of numeric columns: rows `col`, `num` (DOUBLE), `n`. */
export function numericValueCountsSql(
  table: string,
  columns: readonly ProfileSqlColumn[],
  indexes: readonly number[],
): string {
  return indexes
    .map((index) => {
      const column = columns[index] as ProfileSqlColumn;
      return `SELECT ${index} AS col, CAST(${id(column)} AS DOUBLE) AS num, count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${presentSql(column)} GROUP BY ALL`;
    })
    .join("\nUNION ALL\n");
}

/**
 * Aggregates of numeric columns with many distinct values, in one scan: per column i min, max,
 * sum (exact for integers, compensated for decimals), population variance (Welford) and the
 * quantiles (exact, type 7 as numpy's default).
 */
export function numericAggregateSql(
  table: string,
  columns: readonly ProfileSqlColumn[],
  indexes: readonly number[],
): string {
  const quantiles = `[${PROFILE_QUANTILES.map((q) => doubleLiteral(q)).join(", ")}]`;
  const select = indexes.flatMap((i) => {
    const column = columns[i] as ProfileSqlColumn;
    const value = `CAST(${id(column)} AS DOUBLE)`;
    const filter = `FILTER (WHERE ${presentSql(column)})`;
    const sum = column.integer ? `sum(${id(column)})` : `fsum(${value})`;
    return [
      `min(${value}) ${filter} AS lo${i}`,
      `max(${value}) ${filter} AS hi${i}`,
      `${sum} ${filter} AS s${i}`,
      `var_pop(${value}) ${filter} AS v${i}`,
      `quantile_cont(${value}, ${quantiles}) ${filter} AS q${i}`,
    ];
  });
  return `SELECT ${select.join(", ")} FROM ${quoteIdentifier(table)}`;
}

/**
 * Counts per power-of-two lattice bin, `floor(v / w)` (exact for w = 2^k), for several numeric
 * columns: rows `col`, `bin` (lattice index), `n`.
 */
export function latticeCountsSql(
  table: string,
  columns: readonly ProfileSqlColumn[],
  widths: ReadonlyArray<{ index: number; width: number }>,
): string {
  return widths
    .map(({ index, width }) => {
      const column = columns[index] as ProfileSqlColumn;
      const bin = `floor(CAST(${id(column)} AS DOUBLE) / ${doubleLiteral(width)})::BIGINT`;
      return `SELECT ${index} AS col, ${bin} AS bin, count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${presentSql(column)} GROUP BY ALL`;
    })
    .join("\nUNION ALL\n");
}

/** The `limit` most frequent values of categorical columns (ties by value): rows `col`, `key`, `n`. */
export function topValuesSql(
  table: string,
  columns: readonly ProfileSqlColumn[],
  indexes: readonly number[],
  limit: number,
): string {
  return indexes
    .map((index) => {
      const column = columns[index] as ProfileSqlColumn;
      return `(SELECT ${index} AS col, CAST(${id(column)} AS VARCHAR) AS key, count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${id(column)} IS NOT NULL GROUP BY ALL ORDER BY n DESC, key LIMIT ${limit})`;
    })
    .join("\nUNION ALL\n");
}

/**
 * Counts per quantile-sketch bucket (core/profile/sketch.ts) of numeric columns: rows `col`,
 * `sign` (−1, 0, 1), `bucket` = ⌈ln|v| / ln γ⌉ (0 for zeros) and `n`. γ is passed as its
 * logarithm so every shard computes the same bucket of the same value.
 */
export function sketchCountsSql(
  table: string,
  columns: readonly ProfileSqlColumn[],
  indexes: readonly number[],
  lnGamma: number,
): string {
  return indexes
    .map((index) => {
      const column = columns[index] as ProfileSqlColumn;
      const value = `CAST(${id(column)} AS DOUBLE)`;
      const bucket = `CASE WHEN ${value} = 0 THEN 0 ELSE ceil(ln(abs(${value})) / ${doubleLiteral(lnGamma)})::INTEGER END`;
      return `SELECT ${index} AS col, sign(${value})::INTEGER AS sign, ${bucket} AS bucket, count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${presentSql(column)} GROUP BY ALL`;
    })
    .join("\nUNION ALL\n");
}

/**
 * Shard `index` (1-based) of `count` of Parquet files split by rows: the rows whose row number
 * within their file is ≡ index − 1 (mod count), without the row-number column.
 */
export function parquetShardSql(files: readonly string[], index: number, count: number): string {
  const list = `[${files.map(quoteLiteral).join(", ")}]`;
  return `SELECT * EXCLUDE (file_row_number) FROM read_parquet(${list}, file_row_number = true) WHERE file_row_number % ${count} = ${index - 1}`;
}
