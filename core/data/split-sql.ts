import type { Split } from "../schemas/dataset-manifest.ts";
import { quoteIdentifier, quoteLiteral } from "./sql.ts";

/** 2³²: the first 8 hex digits of the md5 are an unsigned 32-bit integer, divided by this. */
export const HASH_BUCKETS = 4294967296;

/**
 * The hash split rule as a SQL boolean, true for test rows:
 * `int(md5(seed || ':' || key)[0:8], 16) / 2³² < test_fraction`, where key is DuckDB's text form of
 * the key column (`CAST(key AS VARCHAR)`: integers without decimals). md5 is a documented,
 * version-stable function (unlike DuckDB's `hash()`), so every machine and DuckDB version puts
 * the same rows in test; the same formula in any language reproduces it. A null key is never
 * in test. Example: `hashTestSql("row_id", 7, 0.3)` →
 * `(('0x' || substr(md5('7:' || CAST("row_id" AS VARCHAR)), 1, 8))::UBIGINT / 4294967296 < 0.3)`.
 */
export function hashTestSql(key: string, seed: number, testFraction: number): string {
  const hashed = `md5(${quoteLiteral(`${seed}:`)} || CAST(${quoteIdentifier(key)} AS VARCHAR))`;
  return `(('0x' || substr(${hashed}, 1, 8))::UBIGINT / ${HASH_BUCKETS} < ${testFraction})`;
}

/** A manifest value as a typed SQL literal: strings quoted, numbers and booleans bare. */
export function literalSql(value: string | number | boolean): string {
  if (typeof value === "string") return quoteLiteral(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/**
 * The column split rule as a SQL boolean, true for test rows: the column's value is one of
 * `test_values` (compared with DuckDB's typed equality; a null value is never in test).
 * Example: `columnTestSql("year", [2014])` → `("year" IN (2014))`.
 */
export function columnTestSql(column: string, values: ReadonlyArray<string | number | boolean>): string {
  return `(${quoteIdentifier(column)} IN (${values.map(literalSql).join(", ")}))`;
}

/** The test predicate of a hash or column split; null for the files method (files carry their split). */
export function splitTestSql(split: Split): string | null {
  if (split.method === "hash") return hashTestSql(split.key, split.seed, split.test_fraction);
  if (split.method === "column") return columnTestSql(split.column, split.test_values);
  return null;
}

/** Loads a table function's rows into a temp table; insertion order is kept, so `rowid` is the row's position. */
export function createSourceSql(table: string, readSql: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(table)} AS SELECT * FROM ${readSql}`;
}

/** What one side of a split selects. */
export interface SplitSelect {
  /** Table to create. */
  table: string;
  /** Source table (from {@link createSourceSql}). */
  source: string;
  /** Key column, or null to key rows by their 1-based position. */
  key: string | null;
  /** Target column: rows with a null target are left out of both splits. */
  target: string;
  /** Columns kept besides `row_id` (features, target, sensitive), without duplicates. */
  columns: readonly string[];
  /** Test predicate, or null to take every row of the source. */
  testPredicate: string | null;
  /** Which side: "test" keeps rows where the predicate is true, "train" the others (null included). */
  side: "train" | "test";
  /** A view over the source instead of a copy: no memory, the source scanned by each query. */
  view?: boolean;
}

/**
 * Creates one side of the split as a temp table (or view) `(almanac_ord, row_id, columns…)`: `almanac_ord` is
 * the row's position in the source (readers order by it), `row_id` the key as text. Pure: tests
 * read the SQL.
 */
export function splitTableSql(select: SplitSelect): string {
  const key = select.key === null ? "CAST(rowid + 1 AS VARCHAR)" : `CAST(${quoteIdentifier(select.key)} AS VARCHAR)`;
  const columns = select.columns.map(quoteIdentifier).join(", ");
  const conditions = [`${quoteIdentifier(select.target)} IS NOT NULL`];
  if (select.testPredicate !== null)
    conditions.push(`${select.testPredicate} IS ${select.side === "test" ? "TRUE" : "NOT TRUE"}`);
  return [
    `CREATE OR REPLACE TEMP ${select.view ? "VIEW" : "TABLE"} ${quoteIdentifier(select.table)} AS`,
    `SELECT rowid AS almanac_ord, ${key} AS row_id, ${columns}`,
    `FROM ${quoteIdentifier(select.source)}`,
    `WHERE ${conditions.join(" AND ")}`,
  ].join("\n");
}

/** Writes a query's rows as CSV with a header (DuckDB's writer: quotes only where needed, null as empty). */
export function copyCsvSql(query: string, path: string): string {
  return `COPY (${query}) TO ${quoteLiteral(path)} (FORMAT csv, HEADER true, DELIMITER ',')`;
}

/** Selects columns of a split table in source order. */
export function selectSplitSql(table: string, columns: readonly string[]): string {
  return `SELECT ${columns.map(quoteIdentifier).join(", ")} FROM ${quoteIdentifier(table)} ORDER BY almanac_ord`;
}

/** Keys that are null or appear more than once across the given split tables (up to 5, with the count of such keys). */
export function badKeysSql(tables: readonly string[]): string {
  const union = tables.map((table) => `SELECT row_id FROM ${quoteIdentifier(table)}`).join(" UNION ALL ");
  return [
    `SELECT row_id, count(*) AS copies, count(*) OVER () AS bad_keys FROM (${union})`,
    "GROUP BY row_id HAVING row_id IS NULL OR count(*) > 1 ORDER BY row_id NULLS FIRST LIMIT 5",
  ].join(" ");
}

/** Distinct non-null values of a column as text, over the given tables. */
export function distinctTextSql(tables: readonly string[], column: string): string {
  const union = tables
    .map((table) => `SELECT CAST(${quoteIdentifier(column)} AS VARCHAR) AS value FROM ${quoteIdentifier(table)}`)
    .join(" UNION ");
  return `SELECT DISTINCT value FROM (${union}) WHERE value IS NOT NULL`;
}
