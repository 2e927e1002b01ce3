import type { Database, Row } from "../data/duckdb.ts";
import {
  latticeCountsSql,
  numericAggregateSql,
  numericValueCountsSql,
  type ProfileSqlColumn,
  profileCountsSql,
  sketchCountsSql,
  topValuesSql,
} from "../data/profile-sql.ts";
import type { ProfileColumn, ProfileHistogram } from "../schemas/profile.ts";
import { histogramOfCounts, momentsOfCounts, quantilesOfCounts, topOfCounts, type ValueCount } from "./from-values.ts";
import { latticeEdges, latticeWidth } from "./lattice.ts";
import { meanOf, stdOf } from "./moments.ts";
import { quantilesFromList } from "./quantiles.ts";
import { SKETCH_RELATIVE_ACCURACY, type SketchBucket, sketchGamma, sketchOfBuckets } from "./sketch.ts";

/** Top values kept per column: TFDV's `max_string_domain_size`, the size of a categorical domain. */
export const TOP_VALUES = 100;
/**
 * Numeric columns with at most this many distinct values (estimated) are profiled from their
 * value counts: one GROUP BY, then exact moments, quantiles and histogram from a few thousand rows.
 */
export const VALUE_COUNTS_MAX_DISTINCT = 100_000;

/** A column to profile: its name, type for the report, DuckDB type and how it is profiled. */
export interface ProfileColumnSpec extends ProfileSqlColumn {
  type: ProfileColumn["type"];
  duckdbType: string;
  /** Whole numbers (type integer): histogram bins at least 1 wide. */
  wholeNumbers: boolean;
}

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function baseColumn(spec: ProfileColumnSpec, row: Row, i: number): ProfileColumn {
  const count = num(row[`n${i}`]);
  const temporal = spec.mode === "temporal";
  return {
    name: spec.name,
    type: spec.type,
    duckdb_type: spec.duckdbType,
    count,
    nulls: num(row.rows) - count,
    distinct: Math.min(count, num(row[`d${i}`] ?? 0)),
    distinct_method: spec.mode === "numeric" ? "estimate" : "exact",
    min: temporal ? ((row[`lo${i}`] as string | null) ?? null) : null,
    max: temporal ? ((row[`hi${i}`] as string | null) ?? null) : null,
  };
}

function numericFromCounts(column: ProfileColumn, spec: ProfileColumnSpec, sorted: ValueCount[]): void {
  const moments = momentsOfCounts(sorted);
  Object.assign(column, {
    distinct: sorted.length,
    distinct_method: "exact",
    min: (sorted[0] as ValueCount).value,
    max: (sorted.at(-1) as ValueCount).value,
    mean: meanOf(moments),
    std: stdOf(moments),
    moments,
    quantiles: quantilesFromList(quantilesOfCounts(sorted)),
    quantiles_method: "exact",
    histogram: histogramOfCounts(sorted, spec.wholeNumbers),
  });
  if (sorted.length <= TOP_VALUES)
    column.top = topOfCounts(
      sorted.map(({ value, count }) => ({ value: String(value), count, order: value })),
      TOP_VALUES,
    );
}

async function profileFewValues(
  db: Database,
  table: string,
  specs: readonly ProfileColumnSpec[],
  columns: ProfileColumn[],
  indexes: number[],
) {
  if (indexes.length === 0) return;
  const counts = new Map<number, ValueCount[]>(indexes.map((i) => [i, []]));
  for (const row of await db.all(numericValueCountsSql(table, specs, indexes)))
    counts.get(num(row.col))?.push({ value: num(row.num), count: num(row.n) });
  for (const i of indexes) {
    const sorted = (counts.get(i) as ValueCount[]).sort((a, b) => a.value - b.value);
    if (sorted.length > 0) numericFromCounts(columns[i] as ProfileColumn, specs[i] as ProfileColumnSpec, sorted);
  }
}

async function profileManyValues(
  db: Database,
  table: string,
  specs: readonly ProfileColumnSpec[],
  columns: ProfileColumn[],
  indexes: number[],
) {
  if (indexes.length === 0) return;
  const [row] = (await db.all(numericAggregateSql(table, specs, indexes))) as Row[];
  const widths: Array<{ index: number; width: number }> = [];
  for (const i of indexes) {
    const column = columns[i] as ProfileColumn;
    const moments = {
      count: column.count,
      sum: num(row?.[`s${i}`]),
      m2: (numOrNull(row?.[`v${i}`]) ?? 0) * column.count,
    };
    Object.assign(column, {
      min: numOrNull(row?.[`lo${i}`]),
      max: numOrNull(row?.[`hi${i}`]),
      mean: meanOf(moments),
      std: stdOf(moments),
      moments,
      quantiles: quantilesFromList((row?.[`q${i}`] as number[] | null) ?? []),
      quantiles_method: "exact",
    });
    widths.push({
      index: i,
      width: latticeWidth(column.min as number, column.max as number, (specs[i] as ProfileColumnSpec).wholeNumbers),
    });
  }
  const bins = new Map<number, Map<number, number>>(widths.map(({ index }) => [index, new Map()]));
  for (const entry of await db.all(latticeCountsSql(table, specs, widths)))
    bins.get(num(entry.col))?.set(num(entry.bin), num(entry.n));
  for (const { index, width } of widths) {
    const column = columns[index] as ProfileColumn;
    const first = Math.floor((column.min as number) / width);
    const last = Math.floor((column.max as number) / width);
    const byBin = bins.get(index) as Map<number, number>;
    const histogram: ProfileHistogram = {
      width,
      edges: latticeEdges(first, last, width),
      counts: Array.from({ length: last - first + 1 }, (_, k) => byBin.get(first + k) ?? 0),
    };
    column.histogram = histogram;
  }
}

/** The quantile sketch of every numeric column with values (one bucket count per column, in SQL). */
async function profileSketches(
  db: Database,
  table: string,
  specs: readonly ProfileColumnSpec[],
  columns: ProfileColumn[],
  indexes: number[],
) {
  if (indexes.length === 0) return;
  const buckets = new Map<number, SketchBucket[]>(indexes.map((i) => [i, []]));
  const lnGamma = Math.log(sketchGamma(SKETCH_RELATIVE_ACCURACY));
  for (const row of await db.all(sketchCountsSql(table, specs, indexes, lnGamma)))
    buckets.get(num(row.col))?.push({ sign: num(row.sign), index: num(row.bucket), count: num(row.n) });
  for (const i of indexes) (columns[i] as ProfileColumn).sketch = sketchOfBuckets(buckets.get(i) as SketchBucket[]);
}

async function profileCategories(
  db: Database,
  table: string,
  specs: readonly ProfileColumnSpec[],
  columns: ProfileColumn[],
  indexes: number[],
) {
  if (indexes.length === 0) return;
  const listed = new Map<number, Array<{ value: string; count: number }>>(indexes.map((i) => [i, []]));
  for (const row of await db.all(topValuesSql(table, specs, indexes, TOP_VALUES)))
    listed.get(num(row.col))?.push({ value: String(row.key), count: num(row.n) });
  for (const i of indexes) {
    const column = columns[i] as ProfileColumn;
    const values = listed.get(i) ?? [];
    const rest = column.count - values.reduce((total, entry) => total + entry.count, 0);
    column.top = { values, rest, complete: rest === 0 };
    if (rest === 0) Object.assign(column, { distinct: values.length, distinct_method: "exact" });
  }
}

/**
 * Profiles the columns of a DuckDB table or view. One counting scan; numeric columns with few
 * distinct values from their value counts (exact everything), the others from SQL aggregates
 * (exact quantiles by sort) and lattice counts, every numeric column's quantile sketch from its
 * bucket counts; categorical columns from their top
 * {@link TOP_VALUES} values. Only aggregates leave DuckDB.
 */
export async function profileTable(
  db: Database,
  table: string,
  specs: readonly ProfileColumnSpec[],
): Promise<{ rows: number; columns: ProfileColumn[] }> {
  const [row] = (await db.all(profileCountsSql(table, specs))) as Row[];
  const counts = row as Row;
  const columns = specs.map((spec, i) => baseColumn(spec, counts, i));
  const numeric = specs.flatMap((spec, i) =>
    spec.mode === "numeric" && (columns[i] as ProfileColumn).count > 0 ? [i] : [],
  );
  await profileFewValues(
    db,
    table,
    specs,
    columns,
    numeric.filter((i) => (columns[i] as ProfileColumn).distinct <= VALUE_COUNTS_MAX_DISTINCT),
  );
  await profileManyValues(
    db,
    table,
    specs,
    columns,
    numeric.filter((i) => (columns[i] as ProfileColumn).distinct > VALUE_COUNTS_MAX_DISTINCT),
  );
  await profileSketches(db, table, specs, columns, numeric);
  await profileCategories(
    db,
    table,
    specs,
    columns,
    specs.flatMap((spec, i) => (spec.mode === "categorical" && (columns[i] as ProfileColumn).count > 0 ? [i] : [])),
  );
  for (const [i, spec] of specs.entries())
    if (spec.mode === "numeric" && (columns[i] as ProfileColumn).count === 0)
      Object.assign(columns[i] as ProfileColumn, { mean: null, std: null, moments: { count: 0, sum: 0, m2: 0 } });
  return { rows: num(counts.rows), columns };
}
