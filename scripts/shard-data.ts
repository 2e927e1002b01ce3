/**
 * Data for the sharded-profile benchmark (scripts/bench-shards.ts) and its test
 * (test/profile/shards.test.ts): rows generated deterministically in DuckDB from hashes of the
 * row number, written as Parquet files, and the checks that the merge of the shard profiles
 * equals the whole, each against DuckDB computing the exact figure over all files.
 */
import type { Database } from "../core/data/duckdb.ts";
import { latticeCountsSql, sketchCountsSql } from "../core/data/profile-sql.ts";
import { quoteLiteral } from "../core/data/sql.ts";
import { QUANTILE_KEYS } from "../core/profile/quantiles.ts";
import { sketchGamma, sketchOfBuckets } from "../core/profile/sketch.ts";
import { PROFILE_QUANTILES, type Profile, type ProfileColumn } from "../core/schemas/profile.ts";

/** Uniform in (0, 1) from the 53 high bits of DuckDB's hash of 8 · row + salt. */
const uniform = (salt: number) => `(((hash(i * 8 + ${salt}) >> 11)::DOUBLE + 0.5) / 9007199254740992.0)`;

/**
 * Rows [start, end): `x` standard normal (+ shift; Box–Muller, ~every value distinct, 0.1 % null),
 * `amount` log-normal rounded to cents (heavy right tail, ties), `k` an integer 0 … 999 (few
 * values), `cat` one of 20 categories with skewed shares.
 */
export function shardRowsSql(start: number, end: number, shift = 0): string {
  const radius = `sqrt(-2 * ln(${uniform(1)}))`;
  return `SELECT
  CASE WHEN hash(i * 8 + 5) % 1000 = 0 THEN NULL ELSE ${radius} * cos(2 * pi() * ${uniform(2)}) + ${shift} END AS x,
  round(exp(1 + 0.75 * ${radius} * sin(2 * pi() * ${uniform(2)})), 2) AS amount,
  (hash(i * 8 + 3) % 1000)::INTEGER AS k,
  'c' || lpad(CAST(floor(20 * ${uniform(4)} * ${uniform(6)})::INTEGER AS VARCHAR), 2, '0') AS cat
FROM range(${start}, ${end}) t(i)`;
}

/** Writes `files` Parquet files holding `rows` rows in all; returns their paths. */
export async function writeShardFiles(
  db: Database,
  dir: string,
  rows: number,
  files: number,
  options: { shift?: number; prefix?: string } = {},
): Promise<string[]> {
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const start = Math.floor((f * rows) / files);
    const end = Math.floor(((f + 1) * rows) / files);
    const path = `${dir}/${options.prefix ?? "part"}-${String(f).padStart(3, "0")}.parquet`;
    await db.run(`COPY (${shardRowsSql(start, end, options.shift)}) TO ${quoteLiteral(path)} (FORMAT parquet)`);
    paths.push(path);
  }
  return paths;
}

/** How the merged profile of a column compares with DuckDB's exact figures over all files. */
export interface ColumnCheck {
  column: string;
  /** count, nulls, min, max (and top values for categories) all equal. */
  countsExact: boolean;
  /** Largest relative difference of mean and standard deviation (numbers). */
  momentsError?: number;
  histogramExact?: boolean;
  sketchExact?: boolean;
  /** Largest |estimate − exact| / (α · max(|x₍ₖ₎|, |x₍ₖ₊₁₎|)) over the quantiles: ≤ 1 is within the stated error. */
  quantileErrorRatio?: number;
  /** Largest relative quantile error, |estimate − exact| / |exact|. */
  quantileRelativeError?: number;
  /** The exact quantiles (numpy's linear, type 7) over all rows. */
  exactQuantiles?: number[];
}

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/**
 * The exact order statistics x₍ₖ₎, x₍ₖ₊₁₎ (0-based ranks) of a column over all rows without
 * sorting them all: the values below a window around the estimate are counted and the window's
 * values sorted; the window widens until it holds both.
 */
async function orderStatistics(
  db: Database,
  view: string,
  column: string,
  rank: number,
  estimate: number,
  alpha: number,
): Promise<[number, number]> {
  const x = `"${column}"`;
  // Widened until the window holds both order statistics (an estimate outside its error needs more).
  for (let slack = 2 * alpha * Math.abs(estimate) + 1e-12; slack < 1e300; slack *= 4) {
    const lo = estimate - slack;
    const hi = estimate + slack;
    const [below] = await db.all(`SELECT count(*) AS n FROM ${view} WHERE ${x} < ${lo}`);
    const offset = rank - Number(below?.n);
    if (offset < 0) continue;
    const values = await db.all(
      `SELECT CAST(${x} AS DOUBLE) AS v FROM ${view} WHERE ${x} >= ${lo} AND ${x} <= ${hi} ORDER BY v LIMIT 2 OFFSET ${offset}`,
    );
    if (values.length === 2) return [Number(values[0]?.v), Number(values[1]?.v)];
  }
  return [Number.NaN, Number.NaN];
}

async function checkQuantiles(db: Database, view: string, column: ProfileColumn) {
  const alpha = column.sketch?.relative_accuracy as number;
  let ratio = 0;
  let relative = 0;
  const exactQuantiles: number[] = [];
  for (const [i, q] of PROFILE_QUANTILES.entries()) {
    const estimate = column.quantiles?.[QUANTILE_KEYS[i] as keyof typeof column.quantiles] as number;
    const position = (column.count - 1) * q;
    const k = Math.floor(position);
    const [low, high] = await orderStatistics(db, view, column.name, k, estimate, alpha);
    const t = position - k;
    const exact = low + (high - low) * t;
    exactQuantiles.push(exact);
    const bound = alpha * Math.max(Math.abs(low), Math.abs(high));
    const error = Math.abs(estimate - exact);
    ratio = Math.max(ratio, bound === 0 ? (error === 0 ? 0 : Number.POSITIVE_INFINITY) : error / bound);
    relative = Math.max(relative, exact === 0 ? error : error / Math.abs(exact));
    if (Number.isNaN(exact)) ratio = Number.POSITIVE_INFINITY;
  }
  return { quantileErrorRatio: ratio, quantileRelativeError: relative, exactQuantiles };
}

async function checkNumeric(db: Database, view: string, column: ProfileColumn): Promise<ColumnCheck> {
  const x = `CAST("${column.name}" AS DOUBLE)`;
  const [row] = await db.all(
    `SELECT count(${x}) AS n, count(*) - count(${x}) AS nulls, min(${x}) AS lo, max(${x}) AS hi, fsum(${x}) / count(${x}) AS mean, stddev_pop(${x}) AS std FROM ${view}`,
  );
  const spec = [{ name: column.name, mode: "numeric" as const, integer: false }];
  const histogram = column.histogram as NonNullable<ProfileColumn["histogram"]>;
  const bins = new Map<number, number>();
  for (const entry of await db.all(latticeCountsSql(view, spec, [{ index: 0, width: histogram.width }])))
    bins.set(Number(entry.bin), Number(entry.n));
  const first = Math.round((histogram.edges[0] as number) / histogram.width);
  const sketch = column.sketch as NonNullable<ProfileColumn["sketch"]>;
  const buckets = (await db.all(sketchCountsSql(view, spec, [0], Math.log(sketchGamma(sketch.relative_accuracy))))).map(
    (entry) => ({ sign: Number(entry.sign), index: Number(entry.bucket), count: Number(entry.n) }),
  );
  return {
    column: column.name,
    countsExact:
      Number(row?.n) === column.count &&
      Number(row?.nulls) === column.nulls &&
      Number(row?.lo) === column.min &&
      Number(row?.hi) === column.max,
    momentsError: Math.max(rel(Number(row?.mean), column.mean as number), rel(Number(row?.std), column.std as number)),
    histogramExact:
      histogram.counts.every((count, i) => (bins.get(first + i) ?? 0) === count) &&
      [...bins.values()].reduce((a, b) => a + b, 0) === column.count,
    sketchExact: JSON.stringify(sketchOfBuckets(buckets, sketch.relative_accuracy)) === JSON.stringify(sketch),
    ...(await checkQuantiles(db, view, column)),
  };
}

async function checkCategory(db: Database, view: string, column: ProfileColumn): Promise<ColumnCheck> {
  const x = `"${column.name}"`;
  const counts = await db.all(
    `SELECT CAST(${x} AS VARCHAR) AS value, count(*) AS count FROM ${view} WHERE ${x} IS NOT NULL GROUP BY ALL ORDER BY count DESC, value`,
  );
  const [row] = await db.all(`SELECT count(${x}) AS n, count(*) - count(${x}) AS nulls FROM ${view}`);
  const listed = column.top?.values ?? [];
  return {
    column: column.name,
    countsExact:
      Number(row?.n) === column.count &&
      Number(row?.nulls) === column.nulls &&
      JSON.stringify(counts.map((entry) => ({ value: entry.value, count: Number(entry.count) }))) ===
        JSON.stringify(listed),
  };
}

/** Checks a merged profile against DuckDB's exact figures over `files` (Parquet). */
export async function checkMergedProfile(
  db: Database,
  files: readonly string[],
  merged: Profile,
): Promise<{ rows: number; rowsExact: boolean; columns: ColumnCheck[] }> {
  await db.run(
    `CREATE OR REPLACE TEMP VIEW whole AS SELECT * FROM read_parquet([${files.map(quoteLiteral).join(", ")}])`,
  );
  const [row] = await db.all("SELECT count(*) AS n FROM whole");
  const columns: ColumnCheck[] = [];
  for (const column of merged.columns)
    columns.push(column.moments ? await checkNumeric(db, "whole", column) : await checkCategory(db, "whole", column));
  return { rows: Number(row?.n), rowsExact: Number(row?.n) === merged.rows, columns };
}
