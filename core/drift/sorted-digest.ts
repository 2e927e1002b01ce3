import { finiteValuesSql, type SqlColumn } from "../data/drift-sql.ts";
import type { Database } from "../data/duckdb.ts";
import { sortFloat64 } from "../stats/sort-float64.ts";
import { PARALLEL_SORT_MIN_VALUES, SortWorker, sharedFloat64 } from "../stats/sort-pair.ts";
import { settledInOrder } from "../util/settled.ts";
import { intervalLabels, sturgesEdges } from "./binning.ts";
import type { SampleTables, Summaries } from "./side-counts.ts";
import {
  combineEcdfParts,
  ecdfPartOfSorted,
  ecdfSplit,
  histogramOfSorted,
  rangeOfSorted,
  type SortedRange,
} from "./sorted-samples.ts";
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
 * With a `worker` the current sample, read into shared memory, sorts on it while the reference
 * is read and sorted here; with `parallel.current`, a second connection, the two samples are read
 * side by side.
 */
export async function readSortedDigest(
  db: Database,
  tables: SampleTables,
  column: SqlColumn,
  counts: { reference: number; current: number },
  parallel: { worker?: SortWorker; current?: Database } = {},
): Promise<SortedDigest> {
  const worker = counts.reference + counts.current >= PARALLEL_SORT_MIN_VALUES ? parallel.worker : undefined;
  const readSorted = async (connection: Database, table: string, count: number, sort: "here" | "aside") => {
    const values = worker ? sharedFloat64(count) : new Float64Array(count);
    await readValues(connection, table, column, values);
    if (worker && sort === "aside") await worker.sort(values);
    else sortFloat64(values);
    return values;
  };
  const readCurrent = () => readSorted(parallel.current ?? db, tables.current, counts.current, "aside");
  const readReference = () => readSorted(db, tables.reference, counts.reference, "here");
  const [current, reference] = parallel.current
    ? await settledInOrder<[Float64Array, Float64Array]>([readCurrent(), readReference()])
    : [await readCurrent(), await readReference()];
  return digest(reference, current, worker);
}

/**
 * The digest of two sorted samples. With a worker (both in shared memory) the merge is cut in
 * two at the reference's median: the upper part is scanned there while this thread scans the
 * lower one and the reference's range.
 */
async function digest(reference: Float64Array, current: Float64Array, worker?: SortWorker): Promise<SortedDigest> {
  const n = [reference.length, current.length] as [number, number];
  const cut = worker ? ecdfSplit(reference, current) : n;
  const upper = worker?.ecdfPart(reference, current, cut, n);
  const lower = ecdfPartOfSorted(reference, current, [0, 0], cut);
  // Only the reference's standard deviation is read (wasserstein_norm divides by it): the
  // current side's range is its two ends.
  const ranges = {
    reference: rangeOfSorted(reference),
    current: { min: current[0] as number, max: current[current.length - 1] as number },
  };
  const { unionDistinct, ...ecdf } = combineEcdfParts(upper ? [lower, await upper] : [lower]);
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
 * memory (more than `sortedMax` values on both sides together), one column after another; one
 * sort worker serves every column large enough to sort side by side, and `current`, a second
 * connection, reads the current sample's values beside the reference's.
 */
export async function readSortedDigests(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
  summaries: Summaries,
  joints: ReadonlyArray<unknown>,
  options: { sortedMax?: number; current?: Database } = {},
): Promise<Array<SortedDigest | undefined>> {
  const max = options.sortedMax ?? SORTED_IN_MEMORY_MAX_VALUES;
  const counts = columns.map((column, i) => {
    const side = {
      reference: summaries.reference.columns[i]?.count ?? 0,
      current: summaries.current.columns[i]?.count ?? 0,
    };
    const sorted = column.numeric && joints[i] === undefined && side.reference + side.current <= max;
    return sorted ? side : undefined;
  });
  const large = counts.some((side) => side && side.reference + side.current >= PARALLEL_SORT_MIN_VALUES);
  const worker = large ? new SortWorker() : undefined;
  try {
    const digests: Array<SortedDigest | undefined> = [];
    for (const [i, column] of columns.entries()) {
      const side = counts[i];
      digests.push(
        side
          ? await readSortedDigest(db, tables, column, side, {
              ...(worker ? { worker } : {}),
              ...(options.current ? { current: options.current } : {}),
            })
          : undefined,
      );
    }
    return digests;
  } finally {
    await worker?.close();
  }
}
