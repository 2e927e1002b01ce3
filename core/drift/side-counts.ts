import {
  distinctProbeSql,
  rangeSql,
  type SqlColumn,
  sideCountsSql,
  valueCountsSql,
  valueTotalsSql,
} from "../data/drift-sql.ts";
import type { Database, Row } from "../data/duckdb.ts";
import { compensatedSum } from "../metrics/sum.ts";
import { settledInOrder } from "../util/settled.ts";
import type { JointCounts } from "./joint-counts.ts";

/**
 * Numeric columns with at most this many distinct values on each side are read as value
 * counts (one GROUPING SETS scan per sample) and scanned in JavaScript; beyond, DuckDB scans
 * the rows for them. Categorical columns are always read as value counts.
 */
export const VALUE_COUNTS_MAX_DISTINCT = 100_000;

/** The two samples, as DuckDB table or view names. */
export interface SampleTables {
  reference: string;
  current: string;
}

/** A value's count and the key its bin sorts by. */
export type LabelCount = { n: number; sort: number | string };

/** One side's summary of one column. */
export interface SideColumnSummary {
  /** Usable values: not null, and finite for numbers. */
  count: number;
  /** Counts per value (labels as the bins show them), unless the column has too many values. */
  values?: Map<string, LabelCount>;
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

/** Both samples' summaries. */
export interface Summaries {
  reference: SideSummary;
  current: SideSummary;
}

const num = (value: unknown): number => (value === null || value === undefined ? Number.NaN : Number(value));

/**
 * Parses the rows of {@link sideCountsSql}: non-finite numbers and nulls are left out of the
 * values, and a column's count is the sum of its values' counts (NaN when the column was capped).
 */
export function parseSideCounts(rows: readonly Row[], columns: readonly SqlColumn[], cap: number): SideSummary {
  const summary: SideSummary = { rows: 0, columns: columns.map(() => ({ count: 0, values: new Map() })) };
  for (const row of rows) {
    const col = num(row.col);
    if (col === -1) {
      summary.rows = num(row.n);
      continue;
    }
    const target = summary.columns[col] as SideColumnSummary;
    if (num(row.groups) > cap) {
      delete target.values;
      target.count = Number.NaN;
      continue;
    }
    const numeric = (columns[col] as SqlColumn).numeric;
    const value = numeric ? num(row.num) : row.key;
    if (value === null || value === undefined || (numeric && !Number.isFinite(value))) continue;
    target.values?.set(String(value), { n: num(row.n), sort: value as number | string });
    target.count += num(row.n);
  }
  return summary;
}

/** Value counts of the listed columns of one sample, labelled as the bins label them. */
export async function readValueCounts(
  db: Database,
  table: string,
  columns: readonly SqlColumn[],
  indexes: number[],
): Promise<Map<number, Map<string, LabelCount>>> {
  const counts = new Map<number, Map<string, LabelCount>>(indexes.map((i) => [i, new Map()]));
  if (indexes.length === 0) return counts;
  for (const row of await db.all(valueCountsSql(table, columns, indexes))) {
    const numeric = row.num !== null && row.num !== undefined;
    const label = numeric ? String(num(row.num)) : String(row.key);
    counts.get(num(row.col))?.set(label, { n: num(row.n), sort: numeric ? num(row.num) : label });
  }
  return counts;
}

/**
 * One side's counts in one scan (numeric columns in `skip` are only counted, not grouped);
 * categorical columns with more than `cap` values are then counted in full by a second query
 * (every category is a bin).
 */
export async function readSideCounts(
  db: Database,
  table: string,
  columns: readonly SqlColumn[],
  cap: number,
  skip: ReadonlySet<number> = new Set(),
): Promise<SideSummary> {
  const grouped = columns.flatMap((_, i) => (skip.has(i) ? [] : [i]));
  const summary = parseSideCounts(await db.all(sideCountsSql(table, columns, cap, grouped)), columns, cap);
  for (const i of skip) delete (summary.columns[i] as SideColumnSummary).values;
  const uncounted = columns.flatMap((_, i) => (summary.columns[i]?.values ? [] : [i]));
  if (uncounted.length > 0) {
    const [totals] = await db.all(valueTotalsSql(table, columns, uncounted));
    for (const i of uncounted) (summary.columns[i] as SideColumnSummary).count = num(totals?.[`n${i}`]);
  }
  const many = columns.flatMap((column, i) => (!column.numeric && !summary.columns[i]?.values ? [i] : []));
  const full = await readValueCounts(db, table, columns, many);
  for (const i of many) (summary.columns[i] as SideColumnSummary).values = full.get(i);
  return summary;
}

/** Rows of each sample the distinct-value probe reads: half the cap. */
const PROBE_ROWS_PER_CAP = 0.5;
/** The probe calls a column many-valued when at least this share of the rows it read are distinct values. */
const PROBE_DISTINCT_SHARE = 0.9;

/**
 * Numeric columns that look many-valued on a side: nearly every value distinct (90 %) among its
 * first cap / 2 rows (exact count). Deterministic (the first rows), cheap whatever the sample's
 * size (~10 ms for 50,000 rows), and only a guess of where the time goes: a column it calls
 * many-valued is sorted (exact, and with more than 20 distinct values, so binned as Sturges'
 * intervals either way), one it misses is still capped by the counting scan. A sample shorter
 * than cap / 2 rows is never called many-valued.
 */
async function manyValued(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
  cap: number,
  current: Database,
): Promise<Set<number>> {
  const numeric = columns.flatMap((column, i) => (column.numeric ? [i] : []));
  const many = new Set<number>();
  if (numeric.length === 0) return many;
  const probeRows = Math.max(1, Math.ceil(PROBE_ROWS_PER_CAP * cap));
  const probe = async (connection: Database, table: string) => {
    const [row] = await connection.all(distinctProbeSql(table, columns, numeric, probeRows));
    return row;
  };
  // One query at a time on a connection: side by side only on two.
  const rows =
    current === db
      ? [await probe(db, tables.reference), await probe(db, tables.current)]
      : await settledInOrder([probe(db, tables.reference), probe(current, tables.current)]);
  for (const row of rows)
    for (const i of numeric) if (num(row?.[`d${i}`]) >= PROBE_DISTINCT_SHARE * probeRows) many.add(i);
  return many;
}

/**
 * Both samples' counts, one GROUPING SETS scan each. With `probe` (cheap sources: Parquet,
 * tables), a HyperLogLog look first keeps numeric columns with many distinct values out of the
 * grouping; without it (CSV, JSON: every read parses the file), the counting scan alone
 * decides, its cap still keeping such columns out of JavaScript. With `current`, a second
 * connection, the current sample is read on it beside the reference.
 */
export async function readSummaries(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
  options: { cap?: number; probe?: boolean; current?: Database } = {},
): Promise<Summaries> {
  const cap = options.cap ?? VALUE_COUNTS_MAX_DISTINCT;
  // With a second connection the two samples are read side by side.
  const current = options.current ?? db;
  const skip = options.probe ? await manyValued(db, tables, columns, cap, current) : new Set<number>();
  const [reference, currentSummary] = options.current
    ? await settledInOrder([
        readSideCounts(db, tables.reference, columns, cap, skip),
        readSideCounts(current, tables.current, columns, cap, skip),
      ])
    : [
        await readSideCounts(db, tables.reference, columns, cap, skip),
        await readSideCounts(db, tables.current, columns, cap, skip),
      ];
  return { reference, current: currentSummary };
}

/** Min, max and population std of one side's values from its joint counts (std compensated, two-pass). */
function rangeOfCounts(
  values: readonly number[],
  counts: readonly number[],
): Pick<SideColumnSummary, "min" | "max" | "std"> {
  const present = values.flatMap((value, i) =>
    (counts[i] as number) > 0 ? [{ value, count: counts[i] as number }] : [],
  );
  const n = present.reduce((total, entry) => total + entry.count, 0);
  const mean = compensatedSum(present.map(({ value, count }) => value * count)) / n;
  const m2 = compensatedSum(present.map(({ value, count }) => count * (value - mean) ** 2));
  return { min: present[0]?.value, max: present.at(-1)?.value, std: Math.sqrt(m2 / n) };
}

/**
 * Fills min, max and std of numeric columns: from joint counts or sorted values where read, else
 * by one {@link rangeSql} scan per side.
 */
export async function fillRanges(
  db: Database,
  tables: SampleTables,
  columns: readonly SqlColumn[],
  summaries: Summaries,
  joints: ReadonlyArray<JointCounts | undefined>,
  sorted: ReadonlyArray<
    Record<"reference" | "current", Pick<SideColumnSummary, "min" | "max" | "std">> | undefined
  > = [],
): Promise<void> {
  const scanned = columns.flatMap((column, i) => (column.numeric && !joints[i] && !sorted[i] ? [i] : []));
  for (const side of ["reference", "current"] as const) {
    const [row] = scanned.length > 0 ? await db.all(rangeSql(tables[side], columns, scanned)) : [];
    columns.forEach((column, i) => {
      const target = summaries[side].columns[i] as SideColumnSummary;
      const joint = joints[i];
      const range = sorted[i]?.[side];
      if (range) Object.assign(target, range);
      else if (joint) Object.assign(target, rangeOfCounts(joint.values, joint[side]));
      else if (column.numeric && row)
        Object.assign(target, { min: num(row[`lo${i}`]), max: num(row[`hi${i}`]), std: num(row[`sd${i}`]) });
    });
  }
}
