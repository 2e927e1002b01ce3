import type { Column } from "../schemas/dataset-manifest.ts";
import { quoteIdentifier, quoteLiteral } from "./sql.ts";

/** What a per-row check tests. */
export type RowCheckKind = "type" | "nan" | "null" | "min" | "max" | "values";

/** A per-row condition counted with `count(*) FILTER (WHERE condition)` in the single scan. */
export interface RowCheck {
  /** Result column of the aggregate query, e.g. `c3_type`. */
  alias: string;
  kind: RowCheckKind;
  /** SQL boolean expression, true for an offending row. */
  condition: string;
  /** SQL expression of the offending cell, shown as an example value. */
  value: string;
}

/** Everything the scan computes for one declared column that the file has. */
export interface ColumnPlan {
  /** Index in the manifest's `columns`. */
  index: number;
  column: Column;
  /** Quoted identifier of the column in the file. */
  identifier: string;
  /** SQL expression of the value in its declared type (TRY_CAST from text). */
  typed: string;
  rowChecks: RowCheck[];
  /** Alias of the null count (always computed: nullability and null fractions use it). */
  nullsAlias: string;
  /** Alias of the duplicate count (`count(x) - count(DISTINCT x)`), when the column is unique. */
  duplicatesAlias: string | undefined;
  /** Aliases of the smallest and largest finite values seen (fetched when a bound check fails). */
  seenAliases: { min: string; max: string } | undefined;
}

/** A declared column whose type in the file cannot hold the declared type (e.g. number in a DATE column). */
export interface ColumnTypeMismatch {
  index: number;
  column: Column;
  sourceType: string;
}

const INTEGER_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const FLOAT_TYPES = /^(FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/;
const TIME_TYPES = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ)$/;

/** How the file stores a column, as far as checks care. */
type SourceKind = "text" | "integer" | "float" | "time" | "boolean" | "other";

function sourceKind(sourceType: string): SourceKind {
  if (sourceType === "VARCHAR") return "text";
  if (INTEGER_TYPES.test(sourceType)) return "integer";
  if (FLOAT_TYPES.test(sourceType)) return "float";
  if (TIME_TYPES.test(sourceType)) return "time";
  if (sourceType === "BOOLEAN") return "boolean";
  return "other";
}

/** Whether a declared type can be checked on a stored type; text fits every type (cast per row). */
function fits(declared: Column["type"], kind: SourceKind): boolean {
  switch (declared) {
    case "number":
    case "integer":
      return kind === "text" || kind === "integer" || kind === "float";
    case "datetime":
      return kind === "text" || kind === "time";
    case "boolean":
      return kind === "text" || kind === "boolean";
    case "category":
      return kind !== "other";
    case "string":
      return true;
  }
}

/** The value as its declared type: a TRY_CAST from text, a CAST from a compatible stored type. */
function typedExpression(declared: Column["type"], kind: SourceKind, identifier: string): string {
  if (declared === "number" || declared === "integer")
    return kind === "text" ? `TRY_CAST(${identifier} AS DOUBLE)` : `CAST(${identifier} AS DOUBLE)`;
  if (declared === "datetime")
    return kind === "text" ? `TRY_CAST(${identifier} AS TIMESTAMP)` : `CAST(${identifier} AS TIMESTAMP)`;
  if (declared === "boolean") return kind === "text" ? `TRY_CAST(${identifier} AS BOOLEAN)` : identifier;
  return identifier;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/**
 * Why a declared `min`/`max` cannot be checked, or undefined when it can: bounds apply to
 * number and integer columns (as numbers) and datetime columns (as ISO dates). Pure.
 */
export function boundProblem(column: Column, bound: number | string): string | undefined {
  if (column.type === "number" || column.type === "integer")
    return typeof bound === "number" ? undefined : `expected a number for a ${column.type} column`;
  if (column.type === "datetime")
    return typeof bound === "string" && ISO_DATETIME.test(bound) && !Number.isNaN(Date.parse(bound))
      ? undefined
      : "expected an ISO date such as 2024-01-31 (or 2024-01-31T12:00:00Z)";
  return `min and max apply to number, integer and datetime columns, not ${column.type}`;
}

/** True when both bounds are declared and checkable but min is larger than max (nothing can pass). Pure. */
export function boundsInverted(column: Column): boolean {
  const { min, max } = column;
  if (min === undefined || max === undefined || boundProblem(column, min) || boundProblem(column, max)) return false;
  const order = (bound: number | string) => (typeof bound === "number" ? bound : Date.parse(bound));
  return order(min) > order(max);
}

/** A SQL literal for a bound: a number, or an ISO date/timestamp for datetime columns. */
export function boundLiteral(column: Column, bound: number | string): string {
  return column.type === "datetime" ? `TIMESTAMP ${quoteLiteral(String(bound))}` : String(bound);
}

/** The condition that a value is outside the allowed list. Numeric lists compare as numbers. */
function valuesCondition(column: Column, identifier: string, typed: string): string {
  const values = column.values ?? [];
  const numeric = (column.type === "number" || column.type === "integer") && values.every((v) => typeof v === "number");
  if (numeric) return `${typed} IS NOT NULL AND ${typed} NOT IN (${values.join(", ")})`;
  const list = values.map((value) => quoteLiteral(String(value))).join(", ");
  return `${identifier} IS NOT NULL AND CAST(${identifier} AS VARCHAR) NOT IN (${list})`;
}

function typeCondition(column: Column, kind: SourceKind, identifier: string, typed: string): string | undefined {
  const notWhole = `NOT isfinite(${typed}) OR ${typed} <> trunc(${typed})`;
  if (column.type === "integer" && kind === "text")
    return `${identifier} IS NOT NULL AND (${typed} IS NULL OR ${notWhole})`;
  if (column.type === "integer" && kind === "float") return `${identifier} IS NOT NULL AND (${notWhole})`;
  if (kind === "text" && column.type !== "category" && column.type !== "string")
    return `${identifier} IS NOT NULL AND ${typed} IS NULL`;
  return undefined;
}

function rowChecksFor(column: Column, index: number, kind: SourceKind, identifier: string, typed: string): RowCheck[] {
  const checks: RowCheck[] = [];
  const raw = `CAST(${identifier} AS VARCHAR)`;
  const add = (check: RowCheckKind, condition: string | undefined, value = raw) => {
    if (condition) checks.push({ alias: `c${index}_${check}`, kind: check, condition, value });
  };
  add("type", typeCondition(column, kind, identifier, typed));
  if (column.type === "number" && (kind === "text" || kind === "float")) add("nan", `NOT isfinite(${typed})`);
  if (!column.nullable) add("null", `${identifier} IS NULL`, "NULL");
  const numeric = column.type === "number" || column.type === "integer";
  const inRange = numeric ? `isfinite(${typed}) AND ` : "";
  const inverted = boundsInverted(column);
  if (column.min !== undefined && !inverted && !boundProblem(column, column.min))
    add("min", `${inRange}${typed} < ${boundLiteral(column, column.min)}`);
  if (column.max !== undefined && !inverted && !boundProblem(column, column.max))
    add("max", `${inRange}${typed} > ${boundLiteral(column, column.max)}`);
  if (column.values !== undefined && column.values.length > 0)
    add("values", valuesCondition(column, identifier, typed));
  return checks;
}

/**
 * Plans the checks of each declared column the file has, given the file's column types
 * (`VARCHAR` for every CSV column, read as text). Columns the file lacks are left out;
 * columns whose stored type cannot hold the declared type come back as mismatches. Pure.
 */
export function planColumnChecks(
  columns: readonly Column[],
  sourceTypes: ReadonlyMap<string, string>,
): { plans: ColumnPlan[]; mismatches: ColumnTypeMismatch[] } {
  const plans: ColumnPlan[] = [];
  const mismatches: ColumnTypeMismatch[] = [];
  columns.forEach((column, index) => {
    const sourceType = sourceTypes.get(column.name);
    if (sourceType === undefined) return;
    const kind = sourceKind(sourceType);
    if (!fits(column.type, kind)) {
      mismatches.push({ index, column, sourceType });
      return;
    }
    const identifier = quoteIdentifier(column.name);
    const typed = typedExpression(column.type, kind, identifier);
    const bounded = column.min !== undefined || column.max !== undefined;
    plans.push({
      index,
      column,
      identifier,
      typed,
      rowChecks: rowChecksFor(column, index, kind, identifier, typed),
      nullsAlias: `c${index}_nulls`,
      duplicatesAlias: column.unique ? `c${index}_duplicates` : undefined,
      seenAliases: bounded ? { min: `c${index}_seen_min`, max: `c${index}_seen_max` } : undefined,
    });
  });
  return { plans, mismatches };
}
