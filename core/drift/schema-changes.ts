import { sameKindOfValues, type TypeClass } from "../data/duckdb-types.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import { usageError } from "../util/errors.ts";
import type { SampleColumn, SampleSchema } from "./samples.ts";
import type { ColumnKind } from "./types.ts";

/** How a column of a given type class is compared; undefined when it is not tested. */
export function kindOfClass(type: TypeClass): ColumnKind | undefined {
  if (type === "integer" || type === "number") return "numeric";
  if (type === "boolean" || type === "text") return "categorical";
  return undefined;
}

/** The report's type name for a type class (the manifest's vocabulary). */
export function typeLabel(type: TypeClass): string {
  return {
    integer: "integer",
    number: "number",
    boolean: "boolean",
    text: "category",
    temporal: "datetime",
    other: "other",
  }[type];
}

/**
 * Columns missing from the current sample, new in it, or stored with another type (integer
 * versus decimal counts as a type change but stays comparable).
 */
export function schemaChanges(
  reference: readonly SampleColumn[],
  current: readonly SampleColumn[],
): DriftReport["schema_changes"] {
  const changes: DriftReport["schema_changes"] = [];
  const currentByName = new Map(current.map((column) => [column.name, column]));
  const referenceNames = new Set(reference.map((column) => column.name));
  for (const column of reference) {
    const other = currentByName.get(column.name);
    if (!other) changes.push({ column: column.name, change: "missing", reference_type: typeLabel(column.typeClass) });
    else if (other.typeClass !== column.typeClass)
      changes.push({
        column: column.name,
        change: "type",
        reference_type: typeLabel(column.typeClass),
        current_type: typeLabel(other.typeClass),
      });
  }
  for (const column of current)
    if (!referenceNames.has(column.name))
      changes.push({ column: column.name, change: "new", current_type: typeLabel(column.typeClass) });
  return changes;
}

/** Finds a column on one side, or throws a finding listing the columns that side has. */
export function requireColumn(sample: SampleSchema, name: string, side: "reference" | "current"): SampleColumn {
  const column = sample.columns.find((entry) => entry.name === name);
  if (column) return column;
  const names = sample.columns.map((entry) => entry.name);
  throw usageError(
    `column "${name}" is missing from the ${side} sample (${sample.label})`,
    `its columns are: ${names.join(", ") || "(none)"}`,
  );
}

/** Throws when a column holds different kinds of values on the two sides (e.g. numbers versus text). */
export function requireSameKind(
  name: string,
  reference: SampleColumn,
  current: SampleColumn,
  labels: { reference: string; current: string },
) {
  if (sameKindOfValues(reference.typeClass, current.typeClass)) return;
  throw usageError(
    `column "${name}" is ${typeLabel(reference.typeClass)} (${reference.duckdbType}) in the reference (${labels.reference}) but ${typeLabel(current.typeClass)} (${current.duckdbType}) in the current sample (${labels.current})`,
    "the values cannot be compared: fix the data (e.g. a stray text value in a numeric column) or leave the column out",
  );
}
