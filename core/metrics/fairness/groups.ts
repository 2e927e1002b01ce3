/** Rows of one group of a sensitive column. */
export interface Group {
  /** The group's value; missing values form the group "null". */
  value: string;
  /** Row indices in the group, ascending. */
  rows: Int32Array;
}

/**
 * A categorical column as codes into its distinct values, as DuckDB hands it over: one Int32
 * per row instead of a string, code −1 for a missing value.
 */
export interface CodedColumn {
  codes: Int32Array;
  values: readonly string[];
}

/** The name of the group of rows whose sensitive value is missing. */
export const NULL_GROUP = "null";

/** Encodes a column of values as {@link CodedColumn} (values in first-seen order). O(n). */
export function encodeColumn(values: ReadonlyArray<string | null>): CodedColumn {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(value);
    if (code === undefined) {
      code = index.size;
      index.set(value, code);
    }
    codes[i] = code;
  }
  return { codes, values: [...index.keys()] };
}

/**
 * Partitions rows by the value of a coded sensitive column; groups sorted by value (code point
 * order), missing values as the group "null" (with the rows of a value spelled "null", if any).
 * Two passes over the codes (count, then fill one Int32Array per group): O(n), nothing per row.
 * Example: codes [0, −1, 0] of ["a"] → [{value: "a", rows: [0, 2]}, {value: "null", rows: [1]}].
 */
export function groupCodes(column: CodedColumn): Group[] {
  const names = [...new Set([...column.values, NULL_GROUP])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const slot = new Map(names.map((name, i) => [name, i]));
  // Code c sits at c + 1 so that −1 (missing) is slot 0.
  const groupOf = Int32Array.from([NULL_GROUP, ...column.values], (name) => slot.get(name) as number);
  const at = (code: number) => groupOf[code + 1] ?? (slot.get(NULL_GROUP) as number);
  const sizes = new Int32Array(names.length);
  for (const code of column.codes) sizes[at(code)] = (sizes[at(code)] as number) + 1;
  const rows = Array.from(sizes, (size) => new Int32Array(size));
  const filled = new Int32Array(names.length);
  for (let i = 0; i < column.codes.length; i++) {
    const group = at(column.codes[i] as number);
    (rows[group] as Int32Array)[filled[group] as number] = i;
    filled[group] = (filled[group] as number) + 1;
  }
  return names.map((value, i) => ({ value, rows: rows[i] as Int32Array })).filter((group) => group.rows.length > 0);
}

/**
 * Partitions rows by the value of a sensitive column; groups sorted by value (code point order),
 * missing values as the group "null". O(n).
 * Example: ["a", null, "a"] → [{value: "a", rows: [0, 2]}, {value: "null", rows: [1]}].
 */
export function groupRows(values: ReadonlyArray<string | null>): Group[] {
  return groupCodes(encodeColumn(values));
}
