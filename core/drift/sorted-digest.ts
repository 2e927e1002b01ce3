import { finiteValuesSql, type SqlColumn } from "../data/drift-sql.ts";
import type { Database } from "../data/duckdb.ts";
import { sharedFloat64, sortFloat64Pair } from "../stats/sort-pair.ts";
import { intervalLabels, sturgesEdges } from "./binning.ts";
import type { SampleTables, Summaries } from "./side-counts.ts";
import { ecdfOfSorted, histogramOfSorted, rangeOfSorted, type SortedRange } from "./sorted-samples.ts";
import type { BinnedCounts, EcdfSummary } from "./types.ts";

/**
 * Numeric columns whose two samples hold at most this many values together are sorted in
 * JavaScript (8 bytes a value, plus one side's sort buffer: 256 MB at most); beyond, DuckDB's
 * window scan sorts their union, spilling to disk past its memory limit.
 */
export const SORTED_IN_MEMORY_MAX_VALUES = 24_000_000;

/** Everything the drift tests read about a many-valued numeric column, from its sorted samples. */
export interface SortedDigest {
  reference: SortedRange;
  /** Min and max (no standard deviation: no test reads the current side's). */
  current: Omit<SortedRange, "std">;
  ecdf: EcdfSummary;
  /** Sturges bins over reference ∪ current (n₁ + n₂ values). */
  bins: BinnedCounts;
  /** Evidently's Hellinger bins: Sturges edges from the number of distinct values of both. */
  hellinger: BinnedCounts;
}

/** Interval bins of both sorted samples on `edges`, counted as numpy.histogram does. */
function sturgesBins(reference: Float64Array, current: Float64Array, edges: number[]): BinnedCounts {
  return {
    method: "sturges",
    labels: intervalLabels(edges),
    edges,
    reference: histogramOfSorted(reference, edges),
    current: histogramOfSorted(current, edges),
  };
}

/** Reads one side's `count` usable values of a column from DuckDB straight into `values`. */
async function readValues(db: Database, table: string, column: SqlColumn, values: Float64Array): Promise<Float64Array> {
  const read = await db.fill(finiteValuesSql(table, column), { v: values });
  if (read !== values.length)
    throw new Error(`column ${column.name}: ${table} has ${read} usable values, ${values.length} counted`);
  return values;
}

/**
 * Reads both samples of a numeric column, sorts them and digests them in one merge (ranges,
 * the ECDF scan, both binnings); the values are then dropped, so one column is held at a time.
 */
export async function readSortedDigest(
  db: Database,
  tables: SampleTables,
  column: SqlColumn,
  counts: { reference: number; current: number },
): Promise<SortedDigest> {
  const reference = await readValues(db, tables.reference, column, new Float64Array(counts.reference));
  // In memory a worker thread shares: the two sides sort side by side.
  const current = await readValues(db, tables.current, column, sharedFloat64(counts.current));
  await sortFloat64Pair(reference, current);
  // Only the reference's standard deviation is read (wasserstein_norm divides by it): the
  // current side's range is its two ends.
  const ranges = {
    reference: rangeOfSorted(reference),
    current: { min: current[0] as number, max: current[current.length - 1] as number },
  };
  const { unionDistinct, ...ecdf } = ecdfOfSorted(reference, current);
  const min = Math.min(ranges.reference.min, ranges.current.min);
  const max = Math.max(ranges.reference.max, ranges.current.max);
  return {
    ...ranges,
    ecdf,
    bins: sturgesBins(reference, current, sturgesEdges(reference.length + current.length, min, max)),
    hellinger: sturgesBins(reference, current, sturgesEdges(unionDistinct, min, max)),
  };
}

/**
 * Digests of the numeric columns read neither as value counts (`joints`) nor too large for
 * memory (more than `max` values on both sides together), one column after another.
 */
export async function readSortedDigests(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
  summaries: Summaries,
  joints: ReadonlyArray<unknown>,
  max = SORTED_IN_MEMORY_MAX_VALUES,
): Promise<Array<SortedDigest | undefined>> {
  const digests: Array<SortedDigest | undefined> = [];
  for (const [i, column] of columns.entries()) {
    const counts = {
      reference: summaries.reference.columns[i]?.count ?? 0,
      current: summaries.current.columns[i]?.count ?? 0,
    };
    const sorted = column.numeric && joints[i] === undefined && counts.reference + counts.current <= max;
    digests.push(sorted ? await readSortedDigest(db, tables, column, counts) : undefined);
  }
  return digests;
}
