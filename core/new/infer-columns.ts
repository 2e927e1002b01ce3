import type { Row } from "../data/duckdb.ts";
import { profileAlias } from "../data/infer-sql.ts";
import type { ColumnRole, ColumnType } from "../schemas/dataset-manifest.ts";

/** A string column with at most this many distinct values is a category (TFDV's domain inference idea). */
export const MAX_CATEGORY_VALUES = 100;
/** …and only when its distinct values are at most this share of its non-null cells (else it is free text). */
export const MAX_CATEGORY_SHARE = 0.5;

/** A column as `almanac new dataset` writes it: only the keys that differ from the defaults. */
export interface InferredColumn {
  name: string;
  type: ColumnType;
  role: ColumnRole;
  nullable?: true;
  unique?: true;
  min?: number | string;
  max?: number | string;
  values?: (string | number | boolean)[];
}

/** What the profile says about one column. */
export interface ColumnProfile {
  name: string;
  sourceType: string;
  rows: number;
  nonNull: number;
  distinct: number;
  measures: Row;
}

/** Reads one column's profile out of the profile query's row. Pure. */
export function columnProfile(row: Row, index: number, name: string, sourceType: string): ColumnProfile {
  const measures: Row = {};
  for (const [key, value] of Object.entries(row)) {
    const prefix = `${profileAlias(index, "")}`;
    if (key.startsWith(prefix)) measures[key.slice(prefix.length)] = value;
  }
  return {
    name,
    sourceType,
    rows: Number(row.rows ?? 0),
    nonNull: Number(measures.non_null ?? 0),
    distinct: Number(measures.distinct ?? 0),
    measures,
  };
}

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT)$/;
const FLOAT = /^(FLOAT|DOUBLE|REAL|DECIMAL.*)$/;
const TIME = /^(DATE|TIMESTAMP.*)$/;

/** The declared type a column gets: all cells must read as it (numbers before dates before booleans). */
export function inferType(profile: ColumnProfile): ColumnType {
  const { sourceType, nonNull, distinct, measures } = profile;
  if (sourceType !== "VARCHAR") {
    if (INTEGER.test(sourceType)) return "integer";
    if (FLOAT.test(sourceType)) return "number";
    if (TIME.test(sourceType)) return "datetime";
    if (sourceType === "BOOLEAN") return "boolean";
  } else if (nonNull > 0) {
    const all = (measure: string) => Number(measures[measure] ?? 0) === nonNull;
    if (all("whole")) return "integer";
    if (all("numeric")) return "number";
    if (all("temporal")) return "datetime";
    if (all("boolean")) return "boolean";
  }
  const isCategory =
    sourceType === "VARCHAR" &&
    distinct > 0 &&
    distinct <= MAX_CATEGORY_VALUES &&
    distinct <= nonNull * MAX_CATEGORY_SHARE;
  return isCategory ? "category" : "string";
}

/** `2012-01-01 00:00:00` → `2012-01-01`; other timestamps keep their time. */
function isoText(value: unknown): string {
  return String(value).replace(/[ T]00:00:00(\.0+)?$/, "");
}

function rangeOf(profile: ColumnProfile, type: ColumnType): Pick<InferredColumn, "min" | "max"> {
  const { measures, sourceType } = profile;
  const [min, max] =
    sourceType === "VARCHAR"
      ? type === "datetime"
        ? [measures.min_time, measures.max_time]
        : [measures.min_number, measures.max_number]
      : [measures.min, measures.max];
  if (min === null || min === undefined || max === null || max === undefined) return {};
  if (type === "datetime") return { min: isoText(min), max: isoText(max) };
  if (type === "number" || type === "integer") return { min: Number(min), max: Number(max) };
  return {};
}

/** Whether the column is an id: unique integers or strings named `id` or ending in `_id`. */
export function isIdColumn(column: InferredColumn): boolean {
  return (
    (column.type === "integer" || column.type === "string") && column.unique === true && /(^|_)id$/i.test(column.name)
  );
}

/**
 * The null-token candidates a text column holds when every other cell is a number (e.g. `n/a`,
 * `?`, `NaN`), or undefined: such a column is numeric once those texts read as missing. Pure.
 */
export function numericButTokens(profile: ColumnProfile): string[] | undefined {
  const { sourceType, nonNull, measures } = profile;
  if (sourceType !== "VARCHAR") return undefined;
  const numeric = Number(measures.numeric ?? 0);
  const tokens = Number(measures.tokens ?? 0);
  if (numeric === 0 || tokens === 0 || numeric + tokens !== nonNull) return undefined;
  return ((measures.token_values as unknown[] | null) ?? []).map(String).sort();
}

/**
 * Infers a column from its profile (and its distinct values when it is a category): type,
 * nullability, range, uniqueness (integer, string and datetime columns without nulls whose
 * values are all distinct) and role (id, without a range, for a unique integer or string
 * `id`/`*_id`; else feature). Pure.
 */
export function inferColumn(profile: ColumnProfile, values: readonly unknown[] | undefined): InferredColumn {
  const type = inferType(profile);
  const column: InferredColumn = { name: profile.name, type, role: "feature" };
  if (profile.nonNull < profile.rows) column.nullable = true;
  const uniqueType = type === "integer" || type === "string" || type === "datetime";
  if (uniqueType && profile.rows > 1 && profile.nonNull === profile.rows && profile.distinct === profile.rows)
    column.unique = true;
  Object.assign(column, rangeOf(profile, type));
  if (type === "category" && values)
    column.values = values.map((value) => String(value)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (isIdColumn(column)) {
    // An id's range says nothing about the data and would fail on the next batch of rows.
    column.role = "id";
    delete column.min;
    delete column.max;
  }
  return column;
}
