import type { SqlColumn } from "../data/drift-sql.ts";
import type { Database } from "../data/duckdb.ts";
import type { DriftColumnResult, DriftReport } from "../schemas/drift-report.ts";
import { AlmanacError, usageError } from "../util/errors.ts";
import { type ColumnBins, readBins, readEcdf, readHellingerBins } from "./collect.ts";
import { newCategoriesOf, nullRatesOf } from "./findings.ts";
import { evidentlyKind } from "./integer-codes.ts";
import { type ColumnRequest, planTests } from "./plan.ts";
import { type PlannedTest, runPlannedTest } from "./result.ts";
import { firstLine } from "./samples.ts";
import { readSummaries, type SampleTables, type Summaries, VALUE_COUNTS_MAX_DISTINCT } from "./side-counts.ts";
import type { ColumnInput } from "./types.ts";
import { checkColumnValues, checkNotConstant, checkSamplesNotEmpty, type SampleLabels } from "./validate-samples.ts";

/** How {@link compareSamples} reads the samples. */
export interface CompareOptions {
  /** Numeric columns with more distinct values are scanned row by row in DuckDB (default {@link VALUE_COUNTS_MAX_DISTINCT}). */
  valueCountsMax?: number;
  /** Numeric columns scanned row by row are sorted in JavaScript up to this many values on both sides (default SORTED_IN_MEMORY_MAX_VALUES in sorted-digest.ts), by DuckDB beyond. */
  sortedValuesMax?: number;
  /**
   * For samples that are costly to read again (CSV, JSON views): called once before the first
   * row-by-row scan, e.g. to parse them into tables. Without it, samples are taken to be cheap
   * to scan (Parquet, tables), and a HyperLogLog look precedes the counting.
   */
  materialize?: () => Promise<void>;
  /**
   * A second connection to the same database (core/data/duckdb.ts `connect`): the current
   * sample's reads then run beside the reference's (counts, probes, sorted values).
   */
  current?: Database;
}

/** Per-column results and the findings beyond the tests. */
export interface Comparison {
  referenceRows: number;
  currentRows: number;
  columns: DriftColumnResult[];
  nullRates: DriftReport["null_rates"];
  newCategories: DriftReport["new_categories"];
}

function toSql(columns: readonly ColumnRequest[]): SqlColumn[] {
  return columns.map((column) => ({
    name: column.name,
    numeric: column.kind === "numeric",
    integer: column.kind === "numeric" && column.integerStorage === true,
  }));
}

async function buildInput(
  db: Database,
  tables: SampleTables,
  sql: SqlColumn[],
  index: number,
  context: { summaries: Summaries; bins: ColumnBins; plans: PlannedTest[] },
  request: ColumnRequest,
): Promise<ColumnInput> {
  const { summaries, bins, plans } = context;
  const reference = summaries.reference.columns[index];
  const current = summaries.current.columns[index];
  const input: ColumnInput = {
    column: request.name,
    kind: request.kind,
    referenceCount: reference?.count ?? 0,
    currentCount: current?.count ?? 0,
    ...(reference?.std !== undefined ? { referenceStd: reference.std } : {}),
    ...(bins.referenceDistinct !== undefined ? { referenceDistinct: bins.referenceDistinct } : {}),
    ...(bins.unionDistinct !== undefined ? { unionDistinct: bins.unionDistinct } : {}),
    bins: bins.bins,
  };
  const needs = new Set(plans.flatMap((plan) => plan.test.requires));
  if (needs.has("ecdf"))
    input.ecdf = await readEcdf(db, tables, sql[index] as SqlColumn, input.referenceCount, input.currentCount, bins);
  if (needs.has("hellinger") && request.kind === "numeric")
    input.hellingerBins = await readHellingerBins(db, tables, sql, index, summaries, bins.unionDistinct, bins);
  return input;
}

/**
 * Compares two samples already in DuckDB, column by column: checks the samples can be compared
 * (throwing a finding otherwise), reads summaries and bins, picks each column's tests (explicit
 * or Evidently's default), reads the sorted scans the chosen tests need, and runs them.
 */
export async function compareSamples(
  db: Database,
  tables: SampleTables,
  labels: SampleLabels,
  requests: readonly ColumnRequest[],
  options: CompareOptions = {},
): Promise<Comparison> {
  // Sources that parse a file on every read (CSV, JSON) with a non-integer numeric column (the
  // kind that holds millions of distinct values) are read into tables first: one parse, then a
  // cheap distinct-count probe keeps such columns out of the grouping, and the sorted scans read
  // the table. Otherwise (categories, integer codes) one counting scan of the view usually
  // serves every test, and the source is read into a table only if a sorted scan follows.
  const early =
    options.materialize !== undefined &&
    requests.some((request) => request.kind === "numeric" && request.integerStorage !== true);
  const summaries = await (async () => {
    if (early) await options.materialize?.();
    return readSummaries(db, tables, toSql(requests), {
      cap: options.valueCountsMax ?? VALUE_COUNTS_MAX_DISTINCT,
      probe: options.materialize === undefined || early,
      ...(options.current ? { current: options.current } : {}),
    });
  })().catch((error: unknown) => {
    // Sources are views: a malformed cell (e.g. the date 2015-02-29) only fails on this first scan.
    if (error instanceof AlmanacError) throw error;
    throw usageError(
      `cannot read the samples (reference ${labels.reference}; current ${labels.current}): ${firstLine(error)}`,
      "fix the malformed value in the data file, or leave the column out with --columns",
    );
  });
  checkSamplesNotEmpty(summaries, labels);
  // Integer columns holding few codes are categories, as Evidently types them.
  const columns = requests.map((request, i) =>
    evidentlyKind(request, summaries.reference.columns[i], summaries.current.columns[i], summaries.current.rows),
  );
  const sql = toSql(columns);
  columns.forEach((column, i) => {
    checkColumnValues(column.name, summaries, i, labels);
  });
  const scansRows = sql.some(
    (column, i) => column.numeric && !(summaries.reference.columns[i]?.values && summaries.current.columns[i]?.values),
  );
  if (scansRows && options.materialize) await options.materialize();
  const allBins = await readBins(db, tables, sql, summaries, {
    ...(options.sortedValuesMax !== undefined ? { sortedMax: options.sortedValuesMax } : {}),
    ...(options.current ? { current: options.current } : {}),
  });
  columns.forEach((column, i) => {
    checkNotConstant(column.name, (allBins[i] as ColumnBins).bins, labels);
  });
  const results: DriftColumnResult[] = [];
  const inputs: ColumnInput[] = [];
  for (const [i, request] of columns.entries()) {
    const bins = allBins[i] as ColumnBins;
    const plans = planTests(request, {
      kind: request.kind,
      referenceCount: summaries.reference.columns[i]?.count ?? 0,
      unionDistinct: bins.unionDistinct,
      bins: bins.bins,
    });
    const input = await buildInput(db, tables, sql, i, { summaries, bins, plans }, request);
    inputs.push(input);
    for (const plan of plans) results.push(runPlannedTest(input, request.type, plan));
  }
  return {
    referenceRows: summaries.reference.rows,
    currentRows: summaries.current.rows,
    columns: results,
    nullRates: nullRatesOf(columns, summaries),
    newCategories: newCategoriesOf(inputs),
  };
}
