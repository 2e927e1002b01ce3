import { quoteIdentifier, quoteLiteral } from "./sql.ts";

/**
 * Pure SQL builders that put one sample (a file read, a split, a filtered window) into DuckDB
 * under a name, so later queries read `"reference"` and `"current"` alike.
 */

/** A time window on a timestamp column: [start, end). */
export interface TimeWindow {
  start?: string;
  end?: string;
}

/**
 * The window as a SQL predicate on a timestamp column, start inclusive and end exclusive,
 * or undefined without bounds. Example: `windowSql("date", { start: "2015-01-01" })` →
 * `CAST("date" AS TIMESTAMP) >= CAST('2015-01-01' AS TIMESTAMP)`.
 */
export function windowSql(column: string, window: TimeWindow): string | undefined {
  const value = `CAST(${quoteIdentifier(column)} AS TIMESTAMP)`;
  const parts: string[] = [];
  if (window.start !== undefined) parts.push(`${value} >= CAST(${quoteLiteral(window.start)} AS TIMESTAMP)`);
  if (window.end !== undefined) parts.push(`${value} < CAST(${quoteLiteral(window.end)} AS TIMESTAMP)`);
  return parts.length === 0 ? undefined : parts.join(" AND ");
}

/** `SELECT <columns or *> FROM <from> [WHERE <conditions>]`. */
export function selectSql(
  from: string,
  options: { columns?: readonly string[]; where?: readonly string[] } = {},
): string {
  const columns = options.columns ? options.columns.map(quoteIdentifier).join(", ") : "*";
  const where = (options.where ?? []).filter((condition) => condition !== "");
  return `SELECT ${columns} FROM ${from}${where.length > 0 ? ` WHERE ${where.map((c) => `(${c})`).join(" AND ")}` : ""}`;
}

/**
 * Names a sample: a VIEW (each query reads the source: Parquet only its columns, CSV and JSON
 * parsed again), or a TABLE (read once, then scanned from memory, spilling past the memory
 * limit). Both in the in-memory database's main schema, not TEMP, so that a second connection
 * can load the other sample at the same time (core/data/duckdb.ts `connect`).
 */
export function createSampleSql(name: string, query: string, materialize: boolean): string {
  return `CREATE OR REPLACE ${materialize ? "TABLE" : "VIEW"} ${quoteIdentifier(name)} AS ${query}`;
}

/**
 * Turns a sample view into a view over a table holding its rows (`<name>__rows`), for when
 * several more queries will read it: a CSV is then parsed once more, not once per query.
 */
export function materializeSampleSql(name: string): string[] {
  const rows = quoteIdentifier(`${name}__rows`);
  return [
    `CREATE OR REPLACE TABLE ${rows} AS SELECT * FROM ${quoteIdentifier(name)}`,
    `CREATE OR REPLACE VIEW ${quoteIdentifier(name)} AS SELECT * FROM ${rows}`,
  ];
}

/** Column names and types of a query, as DuckDB infers them. */
export function describeSql(query: string): string {
  return `DESCRIBE ${query}`;
}

/** Rows `rows` and non-null values `n` of one column of a table. */
export function nonNullCountSql(table: string, column: string): string {
  return `SELECT count(*) AS rows, count(${quoteIdentifier(column)}) AS n FROM ${quoteIdentifier(table)}`;
}

/** Rows, and per column its non-null (`n<i>`) and distinct (`d<i>`) counts: are the columns unique keys? Pure. */
export function idCountsSql(table: string, columns: readonly string[]): string {
  const select = columns.flatMap((name, i) => [
    `count(${quoteIdentifier(name)}) AS n${i}`,
    `count(DISTINCT ${quoteIdentifier(name)}) AS d${i}`,
  ]);
  return `SELECT count(*) AS rows, ${select.join(", ")} FROM ${quoteIdentifier(table)}`;
}
