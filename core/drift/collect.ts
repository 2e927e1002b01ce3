import {
  binCountsSql,
  ecdfScanSql,
  type SqlColumn,
  summarySql,
  unionDistinctSql,
  valueCountsSql,
} from "../data/drift-sql.ts";
import type { Database, Row } from "../data/duckdb.ts";
import { intervalLabels, sturgesEdges, VALUE_BINS_MAX_DISTINCT } from "./binning.ts";
import type { BinnedCounts, EcdfSummary } from "./types.ts";

/**
 * Reads what the drift tests need from two samples already in DuckDB (tables or views named
 * `reference` and `current`), in a few aggregate queries: no column is ever loaded into
 * JavaScript, only summaries, counts per category or bin, and three numbers per KS scan.
 */

/** Numeric columns with at most this many (approximate) distinct reference values get exact value counts. */
export const VALUE_COUNTS_MAX_DISTINCT = 1000;

/** The two samples, as DuckDB table or view names. */
export interface SampleTables {
  reference: string;
  current: string;
}

/** One side's summary of one column. */
export interface SideColumnSummary {
  /** Usable values: not null, and finite for numbers. */
  count: number;
  approxDistinct: number;
  min?: number;
  max?: number;
  /** Population standard deviation. */
  std?: number;
}

/** One side's summary: its rows and each column's. */
export interface SideSummary {
  rows: number;
  columns: SideColumnSummary[];
}

const num = (value: unknown): number => (value === null || value === undefined ? Number.NaN : Number(value));

/** Parses a {@link summarySql} row. */
export function parseSummary(row: Row, columns: readonly SqlColumn[]): SideSummary {
  return {
    rows: num(row.rows),
    columns: columns.map((column, i) => ({
      count: num(row[`n${i}`]),
      approxDistinct: num(row[`d${i}`]),
      ...(column.numeric ? { min: num(row[`lo${i}`]), max: num(row[`hi${i}`]), std: num(row[`sd${i}`]) } : {}),
    })),
  };
}

/** Summaries of both samples (one scan each). */
export async function readSummaries(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
): Promise<{ reference: SideSummary; current: SideSummary }> {
  const [reference] = await db.all(summarySql(tables.reference, columns));
  const [current] = await db.all(summarySql(tables.current, columns));
  return { reference: parseSummary(reference as Row, columns), current: parseSummary(current as Row, columns) };
}

/** Binned counts of a column plus the exact distinct counts learnt on the way. */
export interface ColumnBins {
  bins: BinnedCounts;
  referenceDistinct?: number;
  unionDistinct?: number;
}

/** Counts per value label (with its sort key), per column index. */
export type Counts = Map<number, Map<string, { n: number; sort: number | string }>>;

/** Value counts of the listed columns of one sample, labelled as the bins label them. */
export async function readValueCounts(db: Database, table: string, columns: readonly SqlColumn[], indexes: number[]) {
  const counts: Counts = new Map(indexes.map((i) => [i, new Map()]));
  if (indexes.length === 0) return counts;
  for (const row of await db.all(valueCountsSql(table, columns, indexes))) {
    const numeric = row.num !== null && row.num !== undefined;
    const label = numeric ? String(num(row.num)) : String(row.key);
    counts.get(num(row.col))?.set(label, { n: num(row.n), sort: numeric ? num(row.num) : label });
  }
  return counts;
}

/** One bin per distinct value of either side, sorted (numbers numerically, text by code unit). */
function valueBins(
  reference: Map<string, { n: number; sort: number | string }>,
  current: typeof reference,
): ColumnBins {
  const keys = new Map<string, number | string>();
  for (const [label, { sort }] of [...reference, ...current]) keys.set(label, sort);
  const labels = [...keys.keys()].sort((a, b) => {
    const x = keys.get(a) as number | string;
    const y = keys.get(b) as number | string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
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
 * Evidently's bins for every column: value counts for categories and for numbers with few
 * distinct reference values, Sturges intervals over both samples for numbers with more than
 * {@link VALUE_BINS_MAX_DISTINCT}.
 */
export async function readBins(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
  summaries: { reference: SideSummary; current: SideSummary },
): Promise<ColumnBins[]> {
  const counted = columns
    .map((column, i) => ({ column, i }))
    .filter(
      ({ column, i }) =>
        !column.numeric ||
        (summaries.reference.columns[i] as SideColumnSummary).approxDistinct <= VALUE_COUNTS_MAX_DISTINCT,
    )
    .map(({ i }) => i);
  const reference = await readValueCounts(db, tables.reference, columns, counted);
  const current = await readValueCounts(db, tables.current, columns, counted);
  const result: Array<ColumnBins | undefined> = columns.map((column, i) => {
    const ref = reference.get(i);
    if (!ref) return undefined;
    const bins = valueBins(ref, current.get(i) ?? new Map());
    return !column.numeric || ref.size <= VALUE_BINS_MAX_DISTINCT ? bins : undefined;
  });
  const binnings = columns
    .map((_, index) => ({ index }))
    .filter(({ index }) => result[index] === undefined)
    .map(({ index }) => ({
      index,
      edges: combinedSturgesEdges(
        summaries.reference.columns[index] as SideColumnSummary,
        summaries.current.columns[index] as SideColumnSummary,
      ),
    }));
  const intervals = await readIntervalCounts(db, tables, columns, binnings);
  for (const { index, edges } of binnings) {
    const counts = intervals.get(index) as { reference: number[]; current: number[] };
    const exact = reference.get(index)
      ? valueBins(reference.get(index) as never, current.get(index) as never)
      : undefined;
    result[index] = {
      bins: { method: "sturges", labels: intervalLabels(edges), edges, ...counts },
      referenceDistinct: exact?.referenceDistinct,
      unionDistinct: exact?.unionDistinct,
    };
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
): Promise<EcdfSummary> {
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
  summaries: { reference: SideSummary; current: SideSummary },
  unionDistinct: number | undefined,
): Promise<BinnedCounts> {
  const column = columns[index] as SqlColumn;
  let distinct = unionDistinct;
  if (distinct === undefined) {
    const [row] = await db.all(unionDistinctSql(tables.reference, tables.current, column));
    distinct = num(row?.n);
  }
  const edges = combinedSturgesEdges(
    summaries.reference.columns[index] as SideColumnSummary,
    summaries.current.columns[index] as SideColumnSummary,
    distinct,
  );
  const counts = (await readIntervalCounts(db, tables, columns, [{ index, edges }])).get(index);
  return {
    method: "sturges",
    labels: intervalLabels(edges),
    edges,
    reference: counts?.reference ?? [],
    current: counts?.current ?? [],
  };
}
