import type { ProfileMode } from "../data/profile-sql.ts";
import type { SampleColumn } from "../drift/samples.ts";
import { typeLabel } from "../drift/schema-changes.ts";
import type { Column } from "../schemas/dataset-manifest.ts";
import type { ProfileColumn } from "../schemas/profile.ts";
import type { ProfileColumnSpec } from "./profile-table.ts";

const MODE_OF_TYPE: Record<ProfileColumn["type"], ProfileMode> = {
  number: "numeric",
  integer: "numeric",
  category: "categorical",
  boolean: "categorical",
  string: "categorical",
  datetime: "temporal",
  other: "other",
};

/**
 * How to profile each column read from a file: by the manifest's declared type when there is
 * one (a `category` stored as integer codes gets top values, not a histogram), by DuckDB's type
 * otherwise.
 */
export function profileSpecs(columns: readonly SampleColumn[], declared?: readonly Column[]): ProfileColumnSpec[] {
  return columns.map((column) => {
    const manifest = declared?.find((entry) => entry.name === column.name);
    const type = (manifest?.type ?? typeLabel(column.typeClass)) as ProfileColumn["type"];
    const mode = column.typeClass === "text" && MODE_OF_TYPE[type] === "numeric" ? "categorical" : MODE_OF_TYPE[type];
    return {
      name: column.name,
      type,
      duckdbType: column.duckdbType,
      mode,
      integer: column.typeClass === "integer",
      wholeNumbers: type === "integer" || column.typeClass === "integer",
    };
  });
}
