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
 * - without one, the sniffer over the whole file, then booleans and the columns the caller
 *   names (labels, keys) as text, and text that is numbers apart from ±inf / NaN as DOUBLE.
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

/** Text that reads as a number: finite, ±inf or NaN, without a leading zero (codes like 007 stay text). */
export function numberTextSql(identifier: string): string {
  return `TRY_CAST(${identifier} AS DOUBLE) IS NOT NULL AND NOT regexp_matches(${identifier}, '^\\s*[-+]?0[0-9]')`;
}

/** Per text column: its non-null cells (`n<i>`) and those that read as numbers (`m<i>`). Pure. */
export function numberTextCountsSql(source: string, columns: readonly string[]): string {
  const select = columns.flatMap((name, i) => {
    const identifier = quoteIdentifier(name);
    return [`count(${identifier}) AS n${i}`, `count(*) FILTER (WHERE ${numberTextSql(identifier)}) AS m${i}`];
  });
  return `SELECT ${select.join(", ")} FROM ${source}`;
}

/**
 * The types to read a CSV with, from the sniffer's (whole-file) types: the `text` columns and
 * booleans as VARCHAR, the `numbers` (text columns found to hold only numbers) as DOUBLE, the
 * rest as sniffed. Pure.
 */
export function inferredTypes(
  sniffed: ReadonlyArray<{ name: string; type: string }>,
  text: ReadonlySet<string>,
  numbers: ReadonlySet<string>,
): Record<string, string> {
  const types: Record<string, string> = {};
  for (const { name, type } of sniffed) {
    if (text.has(name) || type === "BOOLEAN") types[name] = "VARCHAR";
    else if (type === "VARCHAR" && numbers.has(name)) types[name] = "DOUBLE";
    else types[name] = type;
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

/**
 * How to read a CSV no manifest describes: the sniffer over the whole file, then the `text`
 * columns (labels, keys, categories the caller knows of) and booleans as text, and text columns
 * holding only numbers, ±inf and NaN as DOUBLE. Every column's type is fixed, so the read
 * cannot guess differently from a smaller sample. Other formats carry their own types.
 */
export async function sniffedReadOptions(
  db: Database,
  files: readonly string[],
  format: DataFormat,
  options: { text?: readonly string[]; nullTokens?: readonly string[] } = {},
): Promise<ReadOptions> {
  if (format !== "csv" || files.length === 0) return {};
  const tokens = options.nullTokens?.length ? { nullTokens: options.nullTokens } : {};
  const rows = await db.all(`DESCRIBE SELECT * FROM ${readSourceSql(files, "csv", { sampleSize: -1, ...tokens })}`);
  const sniffed = rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  const text = new Set(options.text ?? []);
  const candidates = sniffed.filter(({ name, type }) => type === "VARCHAR" && !text.has(name)).map(({ name }) => name);
  const numbers = new Set<string>();
  if (candidates.length > 0) {
    const source = readSourceSql(files, "csv", { allVarchar: true, ...tokens });
    const [counts = {}] = await db.all(numberTextCountsSql(source, candidates));
    candidates.forEach((name, i) => {
      const n = Number(counts[`n${i}`] ?? 0);
      if (n > 0 && Number(counts[`m${i}`]) === n) numbers.add(name);
    });
  }
  return { types: inferredTypes(sniffed, text, numbers), ...tokens };
}
