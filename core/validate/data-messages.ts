import type { RowCheck } from "../data/column-checks.ts";
import type { Column } from "../schemas/dataset-manifest.ts";
import { truncate } from "../util/diagnostic.ts";
import { plural } from "../util/plural.ts";

/** One offending row: its 1-based data row number and the cell as text (null for a missing cell). */
export interface RowExample {
  row: number;
  value: string | null;
}

/** What a diagnostic about a failed check says, and which manifest field it points at. */
export interface CheckFinding {
  /** The key under `columns[i]` the diagnostic points at (falls back to the column itself). */
  key: string;
  code: string;
  message: string;
  hint: string;
}

const TYPE_WORDS: Record<Column["type"], string> = {
  number: "a number",
  integer: "a whole number",
  datetime: "an ISO date or timestamp",
  boolean: "a boolean (true/false)",
  category: "categories",
  string: "text",
};

/** `1 row holds`, `3 rows hold`. */
const rowsThat = (count: number, singular: string, pluralVerb: string) =>
  `${plural(count, "row")} ${count === 1 ? singular : pluralVerb}`;

/**
 * `e.g. row 5 (line 6): "abc", row 9 (line 10): "n/a"`: data rows are 1-based; for CSV the
 * file line (header on line 1) is row + 1. Pure.
 */
export function formatExamples(examples: readonly RowExample[], csv: boolean): string {
  if (examples.length === 0) return "";
  const parts = examples.map(({ row, value }) => {
    const where = csv ? `row ${row} (line ${row + 1})` : `row ${row}`;
    return value === null ? where : `${where}: ${truncate(value, 40)}`;
  });
  return `, e.g. ${parts.join(", ")}`;
}

/** The finding for a row check that failed `count` times. Pure. */
export function describeRowCheck(
  check: RowCheck,
  column: Column,
  count: number,
  seen: { min: unknown; max: unknown } | undefined,
): CheckFinding {
  const name = `"${column.name}"`;
  switch (check.kind) {
    case "type":
      return {
        key: "type",
        code: "data.type",
        message: `${column.type} column ${name}: ${rowsThat(count, "holds a value", "hold values")} that ${count === 1 ? "is" : "are"} not ${TYPE_WORDS[column.type]}`,
        hint: "fix those cells, leave them empty (with nullable: true), or declare type: string",
      };
    case "nan":
      return {
        key: "type",
        code: "data.nan",
        message: `number column ${name}: ${rowsThat(count, "holds", "hold")} NaN or an infinite value`,
        hint: "replace NaN/Infinity with an empty cell (and set nullable: true) or a real value",
      };
    case "null":
      return {
        key: "nullable",
        code: "data.null",
        message: `column ${name} is not nullable, but ${rowsThat(count, "has", "have")} no value`,
        hint: "fill the cells, or set nullable: true (with max_null_fraction to bound them)",
      };
    case "min":
      return {
        key: "min",
        code: "data.below-min",
        message: `column ${name}: ${rowsThat(count, "is", "are")} below min ${column.min} (smallest seen: ${String(seen?.min)})`,
        hint: "fix the values, or lower min if they are genuine",
      };
    case "max":
      return {
        key: "max",
        code: "data.above-max",
        message: `column ${name}: ${rowsThat(count, "is", "are")} above max ${column.max} (largest seen: ${String(seen?.max)})`,
        hint: "fix the values, or raise max if they are genuine",
      };
    case "values":
      return {
        key: "values",
        code: "data.value-not-allowed",
        message: `column ${name}: ${rowsThat(count, "holds a value", "hold values")} outside the allowed list`,
        hint: `allowed: ${(column.values ?? []).join(", ")}; fix the values or add them to values`,
      };
  }
}

/** The finding for duplicates of a unique column. Pure. */
export function describeDuplicates(column: Column, count: number): CheckFinding {
  return {
    key: "unique",
    code: "data.duplicate",
    message: `unique column "${column.name}": ${rowsThat(count, "repeats", "repeat")} an earlier value`,
    hint: "make the values distinct, or set unique: false",
  };
}
