/** Rows of one group of a sensitive column. */
export interface Group {
  /** The group's value; missing values form the group "null". */
  value: string;
  /** Row indices in the group, ascending. */
  rows: Int32Array;
}

/** The name of the group of rows whose sensitive value is missing. */
export const NULL_GROUP = "null";

/**
 * Partitions rows by the value of a sensitive column; groups sorted by value (code point order),
 * missing values as the group "null". O(n).
 * Example: ["a", null, "a"] → [{value: "a", rows: [0, 2]}, {value: "null", rows: [1]}].
 */
export function groupRows(values: ReadonlyArray<string | null>): Group[] {
  const byValue = new Map<string, number[]>();
  for (let i = 0; i < values.length; i++) {
    const key = values[i] ?? NULL_GROUP;
    let list = byValue.get(key);
    if (!list) {
      list = [];
      byValue.set(key, list);
    }
    list.push(i);
  }
  return [...byValue.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((value) => ({ value, rows: Int32Array.from(byValue.get(value) ?? []) }));
}
