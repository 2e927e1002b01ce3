import type { Split } from "../schemas/dataset-manifest.ts";
import type { InferredColumn } from "./infer-columns.ts";

/** The share of rows `almanac new dataset` holds out for testing. */
export const DEFAULT_TEST_FRACTION = 0.2;

/** A split rule and why it was chosen (printed by the CLI). */
export interface SplitChoice {
  split: Split;
  reason: string;
  /** Whether the key is unique: `almanac train` needs a unique row key. */
  unique: boolean;
}

/**
 * A deterministic split for an inferred dataset: a hash of the id column when there is one
 * (each row lands in train or test by its own key, independent of file order); otherwise a
 * hash of a unique column (the same guarantee); otherwise a hash of the column with the
 * most distinct values, which keeps rows sharing a key together (a grouped split, so
 * near-duplicates cannot leak between train and test). Pure.
 */
export function chooseSplit(
  columns: readonly InferredColumn[],
  distinct: ReadonlyMap<string, number> = new Map(),
): SplitChoice {
  const hash = (key: string): Split => ({ method: "hash", key, seed: 0, test_fraction: DEFAULT_TEST_FRACTION });
  const id = columns.find((column) => column.role === "id");
  if (id) return { split: hash(id.name), reason: `hash of the id column ${id.name}`, unique: true };
  const unique = columns.find((column) => column.unique && column.role !== "target");
  if (unique)
    return { split: hash(unique.name), reason: `hash of ${unique.name}, whose values are all distinct`, unique: true };
  const candidates = columns.filter((column) => column.role !== "target");
  const count = (column: InferredColumn) => distinct.get(column.name) ?? 0;
  const key = candidates.reduce<InferredColumn | undefined>(
    (best, column) => (best === undefined || count(column) > count(best) ? column : best),
    undefined,
  );
  if (!key) throw new Error("a dataset needs a column besides its target");
  return {
    split: hash(key.name),
    reason: `hash of ${key.name}: no column is unique, so rows sharing a ${key.name} stay in the same split`,
    unique: false,
  };
}
