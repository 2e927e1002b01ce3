import type { DataFormat } from "../schemas/common.ts";
import type { ColumnPlan, RowCheck } from "./column-checks.ts";
import type { CsvDialect } from "./csv-header.ts";
import { quoteIdentifier, quoteLiteral, readSourceSql } from "./sql.ts";

/** How many example rows a failing check shows. */
export const EXAMPLE_ROWS = 5;
/** Alias of the row count in the aggregate query. */
export const ROWS_ALIAS = "rows";
/** CSV read buffer: DuckDB's default (32 MiB per thread) would dominate memory on large files. */
const CSV_BUFFER_BYTES = 8 * 1024 * 1024;
/** Alias of the 1-based data row number in example queries. */
const ROW_NUMBER = "__almanac_row";

/**
 * The table function that reads one data file for checking. CSV is read strictly, without
 * sniffing: the header names (read beforehand) are declared as VARCHAR columns, so every
 * cell arrives as text for TRY_CAST, and a ragged row or an unclosed quote is an error
 * naming the line rather than a silently different dialect; the manifest's null tokens read as
 * null. Other formats keep their types.
 */
export function checkSourceSql(
  path: string,
  format: DataFormat,
  csv?: { header: readonly string[]; dialect: CsvDialect; nullTokens?: readonly string[] | undefined },
): string {
  if (format !== "csv" || !csv) return readSourceSql(path, format);
  const columns = csv.header.map((name) => `${quoteLiteral(name)}: 'VARCHAR'`).join(", ");
  return [
    `read_csv(${quoteLiteral(path)}`,
    "header = true",
    "auto_detect = false",
    `columns = {${columns}}`,
    `delim = ${quoteLiteral(csv.dialect.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    "strict_mode = true",
    "null_padding = false",
    ...(csv.nullTokens?.length ? [`nullstr = [${["", ...csv.nullTokens].map(quoteLiteral).join(", ")}]`] : []),
    `buffer_size = ${CSV_BUFFER_BYTES})`,
  ].join(", ");
}

/** `DESCRIBE` of a source, for the stored column types of Parquet and JSON files. */
export function describeSql(source: string): string {
  return `DESCRIBE SELECT * FROM ${source}`;
}

/**
 * The single scan of a file: the row count, and per column the null count, one
 * `count(*) FILTER (WHERE …)` per row check and the duplicates of unique columns. Counts
 * only: everything a message needs beyond the count is fetched when a check fails.
 */
export function aggregateSql(source: string, plans: readonly ColumnPlan[]): string {
  const select = [`count(*) AS ${quoteIdentifier(ROWS_ALIAS)}`];
  for (const plan of plans) {
    select.push(`count(*) FILTER (WHERE ${plan.identifier} IS NULL) AS ${quoteIdentifier(plan.nullsAlias)}`);
    for (const check of plan.rowChecks) {
      if (check.kind === "null") continue;
      select.push(`count(*) FILTER (WHERE ${check.condition}) AS ${quoteIdentifier(check.alias)}`);
    }
    if (plan.duplicatesAlias)
      select.push(`count(${plan.typed}) - count(DISTINCT ${plan.typed}) AS ${quoteIdentifier(plan.duplicatesAlias)}`);
  }
  return `SELECT ${select.join(", ")} FROM ${source}`;
}

/** The source with a 1-based row number in file order (a streaming window: one ordered pass). */
function numbered(source: string): string {
  return `(SELECT row_number() OVER () AS ${ROW_NUMBER}, * FROM ${source})`;
}

/**
 * Example rows of the checks that failed, in one targeted pass: for each, up to five
 * `{row, value}` structs with the smallest row numbers; and the smallest and largest finite
 * values of the columns in `ranges` (those whose min or max check failed).
 */
export function examplesSql(source: string, checks: readonly RowCheck[], ranges: readonly ColumnPlan[] = []): string {
  const select = checks.map(
    (check) =>
      `min_by({'row': ${ROW_NUMBER}, 'value': ${check.value}}, ${ROW_NUMBER}, ${EXAMPLE_ROWS}) FILTER (WHERE ${check.condition}) AS ${quoteIdentifier(check.alias)}`,
  );
  for (const plan of ranges) {
    if (!plan.seenAliases) continue;
    const finite = plan.column.type === "datetime" ? "" : ` FILTER (WHERE isfinite(${plan.typed}))`;
    select.push(`min(${plan.typed})${finite} AS ${quoteIdentifier(plan.seenAliases.min)}`);
    select.push(`max(${plan.typed})${finite} AS ${quoteIdentifier(plan.seenAliases.max)}`);
  }
  return `SELECT ${select.join(", ")} FROM ${numbered(source)}`;
}

/** The first five rows that repeat an earlier value of a unique column, with the value. */
export function duplicateExamplesSql(source: string, plan: ColumnPlan): string {
  const inner = `SELECT ${ROW_NUMBER}, CAST(${plan.identifier} AS VARCHAR) AS value, row_number() OVER (PARTITION BY ${plan.typed} ORDER BY ${ROW_NUMBER}) AS nth FROM ${numbered(source)} WHERE ${plan.typed} IS NOT NULL`;
  return `SELECT ${ROW_NUMBER} AS "row", value FROM (${inner}) WHERE nth > 1 ORDER BY ${ROW_NUMBER} LIMIT ${EXAMPLE_ROWS}`;
}

/** Duplicates of a unique column across several files: `count(x) - count(DISTINCT x)` over their union. */
export function crossFileDuplicatesSql(parts: readonly { source: string; typed: string }[]): string {
  const union = parts.map((part) => `SELECT ${part.typed} AS k FROM ${part.source}`).join(" UNION ALL ");
  return `SELECT count(k) - count(DISTINCT k) AS duplicates FROM (${union})`;
}
