import { quoteIdentifier, quoteLiteral } from "./sql.ts";

/** A column to profile: its name and how the file stores it (`VARCHAR` for CSV, read as text). */
export interface ProfiledColumnSource {
  name: string;
  sourceType: string;
}

/** Result aliases of one column's profile, `p<index>_<measure>`. */
export function profileAlias(index: number, measure: string): string {
  return `p${index}_${measure}`;
}

/** Text that is a number without a leading zero (so zip codes and ids like 007 stay text). */
function numericText(identifier: string): string {
  return `${identifier} IS NOT NULL AND isfinite(TRY_CAST(${identifier} AS DOUBLE)) AND NOT regexp_matches(${identifier}, '^\\s*[-+]?0[0-9]')`;
}

/** Texts that often stand for a missing value; `new dataset` suggests those it finds in a numeric column as null tokens. */
export const NULL_TOKEN_CANDIDATES = [
  "n/a",
  "N/A",
  "NA",
  "na",
  "-",
  "?",
  ".",
  "null",
  "NULL",
  "None",
  "none",
  "NaN",
  "nan",
  "#N/A",
];

function textMeasures(identifier: string, alias: (measure: string) => string): string[] {
  const double = `TRY_CAST(${identifier} AS DOUBLE)`;
  const time = `TRY_CAST(${identifier} AS TIMESTAMP)`;
  const numeric = numericText(identifier);
  const token = `trim(${identifier}) IN (${NULL_TOKEN_CANDIDATES.map(quoteLiteral).join(", ")})`;
  return [
    `count(*) FILTER (WHERE ${token}) AS ${alias("tokens")}`,
    `list(DISTINCT trim(${identifier})) FILTER (WHERE ${token}) AS ${alias("token_values")}`,
    `count(*) FILTER (WHERE ${numeric}) AS ${alias("numeric")}`,
    `count(*) FILTER (WHERE ${numeric} AND ${double} = trunc(${double})) AS ${alias("whole")}`,
    `count(*) FILTER (WHERE ${time} IS NOT NULL) AS ${alias("temporal")}`,
    `count(*) FILTER (WHERE lower(trim(${identifier})) IN ('true', 'false')) AS ${alias("boolean")}`,
    `min(${double}) FILTER (WHERE ${numeric}) AS ${alias("min_number")}`,
    `max(${double}) FILTER (WHERE ${numeric}) AS ${alias("max_number")}`,
    `min(${time}) AS ${alias("min_time")}`,
    `max(${time}) AS ${alias("max_time")}`,
  ];
}

const ORDERED_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|DOUBLE|REAL|DECIMAL.*|DATE|TIMESTAMP.*)$/;

/**
 * One scan that profiles every column for inference: non-null and distinct counts, and for
 * text how many cells read as numbers, whole numbers, timestamps and booleans, with the
 * ranges; for typed columns the range. Pure.
 */
export function profileSql(source: string, columns: readonly ProfiledColumnSource[]): string {
  const select = ["count(*) AS rows"];
  columns.forEach((column, index) => {
    const identifier = quoteIdentifier(column.name);
    const alias = (measure: string) => quoteIdentifier(profileAlias(index, measure));
    select.push(
      `count(${identifier}) AS ${alias("non_null")}`,
      `count(DISTINCT ${identifier}) AS ${alias("distinct")}`,
    );
    if (column.sourceType === "VARCHAR") select.push(...textMeasures(identifier, alias));
    else if (ORDERED_TYPES.test(column.sourceType))
      select.push(`min(${identifier}) AS ${alias("min")}`, `max(${identifier}) AS ${alias("max")}`);
  });
  return `SELECT ${select.join(", ")} FROM ${source}`;
}

/** The distinct non-null values of the given columns (category candidates), as lists. Pure. */
export function distinctValuesSql(source: string, columns: readonly { index: number; name: string }[]): string {
  const select = columns.map(
    ({ index, name }) =>
      `list(DISTINCT ${quoteIdentifier(name)}) FILTER (WHERE ${quoteIdentifier(name)} IS NOT NULL) AS ${quoteIdentifier(profileAlias(index, "values"))}`,
  );
  return `SELECT ${select.join(", ")} FROM ${source}`;
}
