import type { DataFormat } from "../schemas/common.ts";
import type { ColumnType } from "../schemas/dataset-manifest.ts";
import { dialectFromPath, readCsvHeader } from "./csv-header.ts";
import type { Database } from "./duckdb.ts";
import { quoteIdentifier, type ReadOptions, readSourceSql } from "./sql.ts";

/**
 * How CSV columns get their types. DuckDB's sniffer guesses from a sample, and its guesses do
 * not keep what users wrote: `yes`/`no`, `t`/`f` and `T`/`F` become booleans (`true`/`false`),
 * `0`/`1` becomes a number while `00`/`01` stays text, and a column whose values include `inf`
 * or `NaN` becomes text. So Almanac decides:
 * - with a manifest, its declared types (category, string and boolean as text, so labels keep
 *   their spelling; number DOUBLE; integer BIGINT; datetime left to the sniffer);
 * - without one, the sniffer's types checked against every cell of the file, booleans and the
 *   columns the caller names (labels, keys) as text, and text that is numbers apart from
 *   ±inf / NaN as DOUBLE.
 */

/** The DuckDB type a declared column is read as; undefined leaves it to the sniffer (datetime: DATE or TIMESTAMP). */
export const READ_TYPE: Readonly<Record<ColumnType, string | undefined>> = {
  number: "DOUBLE",
  integer: "BIGINT",
  category: "VARCHAR",
  string: "VARCHAR",
  boolean: "VARCHAR",
  datetime: undefined,
};

/** The `types` of the declared columns the file has. Pure. */
export function declaredTypes(
  columns: ReadonlyArray<{ name: string; type: ColumnType }>,
  present: ReadonlySet<string>,
): Record<string, string> {
  const types: Record<string, string> = {};
  for (const column of columns) {
    const type = READ_TYPE[column.type];
    if (type && present.has(column.name)) types[column.name] = type;
  }
  return types;
}

/**
 * Text that starts like a code, not a number: a zero followed by a digit after optional
 * whitespace and one sign (`007`, ` -01`), i.e. `regexp_matches(x, '^\s*[-+]?0[0-9]')`, by byte
 * comparisons first: text from `1` up starts with neither whitespace, a sign nor a zero; text
 * from `!` up is a code only between `00` and `0:` (a zero, then a byte from `0` to `9`), or the
 * same after a sign; only text starting with whitespace (or a control byte, or empty) meets the
 * pattern itself. A third of the pattern's cost on a column of numbers.
 */
export function leadingZeroSql(identifier: string): string {
  const between = (low: string, high: string) => `(${identifier} >= '${low}' AND ${identifier} < '${high}')`;
  const codes = [between("00", "0:"), between("-00", "-0:"), between("+00", "+0:")].join(" OR ");
  return `CASE WHEN ${identifier} >= '1' THEN false WHEN ${identifier} >= '!' THEN ${codes} ELSE regexp_matches(${identifier}, '^\\s*[-+]?0[0-9]') END`;
}

/** Text that reads as a number: finite, ±inf or NaN, without a leading zero (codes like 007 stay text). */
export function numberTextSql(identifier: string): string {
  // CASE, not AND: the pattern runs only on cells that cast, the cheap test first.
  return `CASE WHEN TRY_CAST(${identifier} AS DOUBLE) IS NULL THEN false ELSE NOT ${leadingZeroSql(identifier)} END`;
}

/** Rows DuckDB's sniffer reads by default (its `sample_size`). */
export const SNIFF_SAMPLE_ROWS = 20_480;

/** Sniffed types whose every cell is checked over the whole file: numbers may turn out to be decimals or text further down. */
export const CHECKED_TYPES = new Set(["BIGINT", "DOUBLE", "VARCHAR"]);

/**
 * One scan over the text of every cell, per checked column: non-null cells (`n<i>`), cells that
 * read as numbers (`m<i>`, see {@link numberTextSql}) and, for columns sniffed as BIGINT, cells
 * that are whole numbers (`w<i>`). Pure.
 */
export function typeCheckSql(source: string, columns: ReadonlyArray<{ name: string; type: string }>): string {
  const select = columns.flatMap(({ name, type }, i) => {
    const identifier = quoteIdentifier(name);
    return [
      `count(${identifier}) AS n${i}`,
      `count(*) FILTER (WHERE ${numberTextSql(identifier)}) AS m${i}`,
      // TRY_CAST rounds 1.5 to 2 as BIGINT: a whole number is one whose DOUBLE equals it.
      ...(type === "BIGINT"
        ? [`count(*) FILTER (WHERE TRY_CAST(${identifier} AS DOUBLE) = TRY_CAST(${identifier} AS BIGINT)) AS w${i}`]
        : []),
    ];
  });
  return `SELECT ${select.join(", ")} FROM ${source}`;
}

/**
 * The type a checked column is read as, from its sniffed type and the whole file's counts:
 * BIGINT while every cell is a whole number without a leading zero (so 00/01 codes stay text),
 * DOUBLE while every cell is a number (±inf and NaN included), else text. A column with no value keeps the sniffer's type. Pure.
 */
export function checkedType(sniffed: string, counts: { n: number; m: number; w?: number }): string {
  if (counts.n === 0) return sniffed;
  if (sniffed === "BIGINT" && counts.w === counts.n && counts.m === counts.n) return "BIGINT";
  return counts.m === counts.n ? "DOUBLE" : "VARCHAR";
}

/**
 * The types to read a CSV with: the `text` columns and booleans as VARCHAR, checked columns as
 * {@link checkedType} found them, the rest (dates, timestamps) as sniffed. Pure.
 */
export function inferredTypes(
  sniffed: ReadonlyArray<{ name: string; type: string }>,
  text: ReadonlySet<string>,
  checked: ReadonlyMap<string, string>,
): Record<string, string> {
  const types: Record<string, string> = {};
  for (const { name, type } of sniffed) {
    if (text.has(name) || type === "BOOLEAN") types[name] = "VARCHAR";
    else types[name] = checked.get(name) ?? type;
  }
  return types;
}

/** The column names of a CSV source: the header of the first local file, or DuckDB's look at a remote one. */
export async function csvColumnNames(db: Database, files: readonly string[]): Promise<string[]> {
  const first = files[0] as string;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(first)) {
    const header = await readCsvHeader(first, dialectFromPath(first));
    if (header) return header;
  }
  const rows = await db.all(`DESCRIBE SELECT * FROM ${readSourceSql(files, "csv", { allVarchar: true })}`);
  return rows.map((row) => String(row.column_name));
}

/** How to read a dataset's files: the manifest's column types and null tokens (CSV only). */
export async function manifestReadOptions(
  db: Database,
  files: readonly string[],
  format: DataFormat,
  manifest: { columns: ReadonlyArray<{ name: string; type: ColumnType }>; null_tokens?: readonly string[] | undefined },
): Promise<ReadOptions> {
  if (format !== "csv" || files.length === 0) return {};
  const present = new Set(await csvColumnNames(db, files));
  return {
    types: declaredTypes(manifest.columns, present),
    ...(manifest.null_tokens?.length ? { nullTokens: manifest.null_tokens } : {}),
  };
}
