import { binCountsSql, ecdfScanSql, type SqlColumn, unionDistinctSql } from "../data/drift-sql.ts";
import type { Database } from "../data/duckdb.ts";
import { intervalLabels, sturgesEdges, VALUE_BINS_MAX_DISTINCT } from "./binning.ts";
import { binJointCounts, ecdfOfCounts, type JointCounts, jointCounts } from "./joint-counts.ts";
import {
  fillRanges,
  type LabelCount,
  type SampleTables,
  type SideColumnSummary,
  type Summaries,
} from "./side-counts.ts";
import { readSortedDigests, type SortedDigest } from "./sorted-digest.ts";
import type { BinnedCounts, EcdfSummary } from "./types.ts";

/**
 * Reads what the drift tests need from two samples already in DuckDB (tables or views named
 * `reference` and `current`), in a few aggregate queries: counts per value or bin and summaries;
 * a many-valued numeric column is read into JavaScript as two arrays of doubles, sorted and
 * digested (core/drift/sorted-digest.ts), or, past what fits in memory, scanned by DuckDB.
 */

const num = (value: unknown): number => (value === null || value === undefined ? Number.NaN : Number(value));

/** Binned counts of a column plus the exact distinct counts learnt on the way. */
export interface ColumnBins {
  bins: BinnedCounts;
  referenceDistinct?: number;
  unionDistinct?: number;
  /** Sorted joint value counts of a numeric column with few distinct values (scans then run in JS). */
  joint?: JointCounts;
  /** The digest of a many-valued numeric column sorted in JavaScript (its scans are done). */
  sorted?: SortedDigest;
}

/** One bin per distinct category of either side, sorted by code unit. */
function categoryBins(reference: Map<string, LabelCount>, current: Map<string, LabelCount>): ColumnBins {
  const labels = [...new Set([...reference.keys(), ...current.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    bins: {
      method: "values",
      labels,
      reference: labels.map((label) => reference.get(label)?.n ?? 0),
      current: labels.map((label) => current.get(label)?.n ?? 0),
    },
    referenceDistinct: reference.size,
    unionDistinct: labels.length,
  };
}

function numericMap(counts: Map<string, LabelCount> | undefined): Map<number, number> {
  return new Map([...(counts ?? new Map()).values()].map(({ n, sort }) => [sort as number, n]));
}

/** Numeric bins from joint counts: one per value up to 20 distinct reference values, else Sturges' (binned in JS). */
function numericBins(joint: JointCounts, reference: SideColumnSummary, current: SideColumnSummary): ColumnBins {
  const referenceDistinct = joint.reference.filter((count) => count > 0).length;
  const exact = { referenceDistinct, unionDistinct: joint.values.length, joint };
  if (referenceDistinct <= VALUE_BINS_MAX_DISTINCT)
    return {
      bins: { method: "values", labels: joint.values.map(String), reference: joint.reference, current: joint.current },
      ...exact,
    };
  const edges = combinedSturgesEdges(reference, current);
  return {
    bins: { method: "sturges", labels: intervalLabels(edges), edges, ...binJointCounts(joint, edges) },
    ...exact,
  };
}

async function readIntervalCounts(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
  binnings: Array<{ index: number; edges: number[] }>,
): Promise<Map<number, { reference: number[]; current: number[] }>> {
  const out = new Map(
    binnings.map(({ index, edges }) => [
      index,
      { reference: new Array<number>(edges.length - 1).fill(0), current: new Array<number>(edges.length - 1).fill(0) },
    ]),
  );
  if (binnings.length === 0) return out;
  for (const side of ["reference", "current"] as const) {
    for (const row of await db.all(binCountsSql(tables[side], columns, binnings))) {
      const target = out.get(num(row.col))?.[side];
      if (target) target[num(row.bin)] = num(row.n);
    }
  }
  return out;
}

/** Sturges edges over reference ∪ current from both summaries. */
export function combinedSturgesEdges(
  reference: SideColumnSummary,
  current: SideColumnSummary,
  count?: number,
): number[] {
  return sturgesEdges(
    count ?? reference.count + current.count,
    Math.min(reference.min as number, current.min as number),
    Math.max(reference.max as number, current.max as number),
  );
}

/**
 * Evidently's bins for every column: value counts for categories; for numbers with at most
 * `valueCountsMax` distinct values on each side, joint value counts (one bin per value up to 20
 * distinct reference values, Sturges intervals binned in JS beyond); for numbers with more,
 * Sturges intervals from their sorted values (up to `sortedMax` values, see sorted-digest.ts), or
 * counted by DuckDB. With `current`, a second connection, the current sample's values are read
 * on it beside the reference's.
 */
export async function readBins(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
  summaries: Summaries,
  options: { sortedMax?: number; current?: Database } = {},
): Promise<ColumnBins[]> {
  const joints = columns.map((column, i) => {
    const reference = summaries.reference.columns[i]?.values;
    const current = summaries.current.columns[i]?.values;
    return column.numeric && reference && current ? jointCounts(numericMap(reference), numericMap(current)) : undefined;
  });
  const sorted = await readSortedDigests(db, tables, columns, summaries, joints, options);
  await fillRanges(db, tables, columns, summaries, joints, sorted);
  const result: Array<ColumnBins | undefined> = columns.map((column, i) => {
    if (!column.numeric)
      return categoryBins(
        summaries.reference.columns[i]?.values ?? new Map(),
        summaries.current.columns[i]?.values ?? new Map(),
      );
    const digest = sorted[i];
    if (digest) return { bins: digest.bins, sorted: digest };
    const joint = joints[i];
    if (!joint) return undefined;
    return numericBins(
      joint,
      summaries.reference.columns[i] as SideColumnSummary,
      summaries.current.columns[i] as SideColumnSummary,
    );
  });
  const binnings = columns.flatMap((_, index) =>
    result[index] === undefined
      ? [
          {
            index,
            edges: combinedSturgesEdges(
              summaries.reference.columns[index] as SideColumnSummary,
              summaries.current.columns[index] as SideColumnSummary,
            ),
          },
        ]
      : [],
  );
  const intervals = await readIntervalCounts(db, tables, columns, binnings);
  for (const { index, edges } of binnings) {
    const counts = intervals.get(index) as { reference: number[]; current: number[] };
    result[index] = { bins: { method: "sturges", labels: intervalLabels(edges), edges, ...counts } };
  }
  return result as ColumnBins[];
}

/** The joint sorted scan of a numeric column (KS extremes and the Wasserstein distance). */
export async function readEcdf(
  db: Database,
  tables: SampleTables,
  column: SqlColumn,
  nReference: number,
  nCurrent: number,
  bins: Pick<ColumnBins, "joint" | "sorted"> = {},
): Promise<EcdfSummary> {
  if (bins.sorted) return bins.sorted.ecdf;
  if (bins.joint) return ecdfOfCounts(bins.joint, nReference, nCurrent);
  const [row] = await db.all(ecdfScanSql(tables.reference, tables.current, column, nReference, nCurrent));
  return {
    maxDifference: num(row?.max_difference),
    minDifference: num(row?.min_difference),
    wasserstein: num(row?.wasserstein),
  };
}

/**
 * Evidently's Hellinger bins for a numeric column: Sturges edges computed from the distinct
 * values of both samples (their count, min and max), with counts of each sample per bin.
 */
export async function readHellingerBins(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
  index: number,
  summaries: Summaries,
  unionDistinct: number | undefined,
  bins: Pick<ColumnBins, "joint" | "sorted"> = {},
): Promise<BinnedCounts> {
  if (bins.sorted) return bins.sorted.hellinger;
  const joint = bins.joint;
  const column = columns[index] as SqlColumn;
  let distinct = joint ? joint.values.length : unionDistinct;
  if (distinct === undefined) {
    const [row] = await db.all(unionDistinctSql(tables.reference, tables.current, column));
    distinct = num(row?.n);
  }
  const edges = combinedSturgesEdges(
    summaries.reference.columns[index] as SideColumnSummary,
    summaries.current.columns[index] as SideColumnSummary,
    distinct,
  );
  const counts = joint
    ? binJointCounts(joint, edges)
    : (await readIntervalCounts(db, tables, columns, [{ index, edges }])).get(index);
  return {
    method: "sturges",
    labels: intervalLabels(edges),
    edges,
    reference: counts?.reference ?? [],
    current: counts?.current ?? [],
  };
}
