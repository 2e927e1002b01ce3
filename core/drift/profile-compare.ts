import type { SqlColumn } from "../data/drift-sql.ts";
import type { Database } from "../data/duckdb.ts";
import { latticeCountsSql } from "../data/profile-sql.ts";
import type { Profile, ProfileColumn } from "../schemas/profile.ts";
import { usageError } from "../util/errors.ts";
import { allRowsNull } from "../util/plural.ts";
import { binnedEcdf } from "./binned-ecdf.ts";
import { VALUE_BINS_MAX_DISTINCT } from "./binning.ts";
import type { Comparison } from "./compare.ts";
import { NULL_SHARE_CHANGE, newCategoriesOf, OTHER_LABEL } from "./findings.ts";
import type { ColumnRequest } from "./plan.ts";
import { planTests } from "./plan.ts";
import { profileHistogramBins, profileValueBins } from "./profile-bins.ts";
import { runPlannedTest } from "./result.ts";
import { readSideCounts, readValueCounts, type SideSummary, VALUE_COUNTS_MAX_DISTINCT } from "./side-counts.ts";
import type { BinnedCounts, ColumnInput } from "./types.ts";
import { checkSamplesNotEmpty, type SampleLabels } from "./validate-samples.ts";

/** Whether a profiled column is binned by its values (Evidently's rule: few distinct values) or by its histogram. */
function usesValueBins(column: ProfileColumn, request: ColumnRequest): boolean {
  if (request.kind === "categorical") return true;
  return column.top?.complete === true && column.top.values.length <= VALUE_BINS_MAX_DISTINCT;
}

function profileColumn(profile: Profile, request: ColumnRequest, labels: SampleLabels): ProfileColumn {
  const column = profile.columns.find((entry) => entry.name === request.name);
  if (!column)
    throw usageError(
      `column "${request.name}" is not in the reference profile (${labels.reference})`,
      "profile the dataset again: almanac profile <dataset>",
    );
  if (column.count === 0)
    throw usageError(
      `column "${request.name}" has no values in the reference profile (${labels.reference})`,
      "a drift test needs values on both sides",
    );
  if (request.kind === "categorical" && !column.top)
    throw usageError(
      `column "${request.name}" has no value counts in the reference profile (${labels.reference})`,
      "profile it as a category",
    );
  if (request.kind === "numeric" && !column.histogram && !usesValueBins(column, request))
    throw usageError(
      `column "${request.name}" has no histogram in the reference profile (${labels.reference})`,
      "profile it as a number",
    );
  return column;
}

async function currentLatticeCounts(
  db: Database,
  table: string,
  requests: readonly ColumnRequest[],
  columns: ProfileColumn[],
  indexes: number[],
) {
  const counts = new Map<number, Map<number, number>>(indexes.map((i) => [i, new Map()]));
  if (indexes.length === 0) return counts;
  const specs = requests.map((request) => ({ name: request.name, mode: "numeric" as const, integer: false }));
  const widths = indexes.map((index) => ({ index, width: (columns[index]?.histogram?.width ?? 1) as number }));
  for (const row of await db.all(latticeCountsSql(table, specs, widths)))
    counts.get(Number(row.col))?.set(Number(row.bin), Number(row.n));
  return counts;
}

/** Counts of the current sample on each column's profile bins (value lists or lattice histograms). */
async function currentBins(
  db: Database,
  currentTable: string,
  requests: readonly ColumnRequest[],
  columns: ProfileColumn[],
  current: SideSummary,
): Promise<BinnedCounts[]> {
  const sql = sqlColumns(requests);
  const byValue = requests.flatMap((request, i) => (usesValueBins(columns[i] as ProfileColumn, request) ? [i] : []));
  const uncounted = byValue.filter((i) => !current.columns[i]?.values);
  const full = await readValueCounts(db, currentTable, sql, uncounted);
  for (const i of uncounted) (current.columns[i] as SideSummary["columns"][number]).values = full.get(i);
  const byLattice = requests.flatMap((_, i) => (byValue.includes(i) ? [] : [i]));
  const lattice = await currentLatticeCounts(db, currentTable, requests, columns, byLattice);
  return requests.map((request, i) => {
    const column = columns[i] as ProfileColumn;
    if (byValue.includes(i))
      return profileValueBins(
        column.top as NonNullable<ProfileColumn["top"]>,
        current.columns[i]?.values ?? new Map(),
        request.kind === "numeric",
      );
    return profileHistogramBins(
      column.histogram as NonNullable<ProfileColumn["histogram"]>,
      lattice.get(i) ?? new Map(),
    );
  });
}

const sqlColumns = (requests: readonly ColumnRequest[]): SqlColumn[] =>
  requests.map((request) => ({ name: request.name, numeric: request.kind === "numeric" }));

/** Null shares: the profile's on the reference side. */
function profileNullRates(
  requests: readonly ColumnRequest[],
  columns: ProfileColumn[],
  profile: Profile,
  current: SideSummary,
) {
  return requests.map((request, i) => {
    const reference = profile.rows === 0 ? 0 : (columns[i] as ProfileColumn).nulls / profile.rows;
    const share = current.rows === 0 ? 0 : 1 - (current.columns[i]?.count ?? 0) / current.rows;
    return {
      column: request.name,
      reference,
      current: share,
      flagged: Math.abs(share - reference) >= NULL_SHARE_CHANGE,
    };
  });
}

/**
 * Compares a current sample in DuckDB with a committed reference profile: the binned tests run
 * on the profile's value counts (complete lists: exactly Evidently's one-bin-per-value) or its
 * power-of-two histogram, with the current values counted on the same bins; tests on raw values
 * (ks, wasserstein, wasserstein_norm) compare the ECDFs at the bin edges (see binned-ecdf.ts).
 */
export async function compareWithProfile(
  db: Database,
  currentTable: string,
  profile: Profile,
  labels: SampleLabels,
  requests: readonly ColumnRequest[],
): Promise<Comparison> {
  const columns = requests.map((request) => profileColumn(profile, request, labels));
  const current = await readSideCounts(db, currentTable, sqlColumns(requests), VALUE_COUNTS_MAX_DISTINCT);
  checkSamplesNotEmpty({ reference: { rows: profile.rows, columns: [] }, current }, labels);
  requests.forEach((request, i) => {
    if ((current.columns[i]?.count ?? 0) === 0)
      throw usageError(
        `column "${request.name}" has no values in the current sample (${labels.current}): ${allRowsNull(current.rows)}`,
        "a drift test needs values on both sides",
      );
  });
  const allBins = await currentBins(db, currentTable, requests, columns, current);
  const results: Comparison["columns"] = [];
  const inputs: ColumnInput[] = [];
  for (const [i, request] of requests.entries()) {
    const column = columns[i] as ProfileColumn;
    const bins = allBins[i] as BinnedCounts;
    const unionDistinct = bins.method === "profile-values" && column.top?.complete ? bins.labels.length : undefined;
    const input: ColumnInput = {
      column: request.name,
      kind: request.kind,
      referenceCount: column.count,
      currentCount: current.columns[i]?.count ?? 0,
      ...(column.std !== null && column.std !== undefined ? { referenceStd: column.std } : {}),
      ...(unionDistinct !== undefined ? { unionDistinct } : {}),
      bins,
      // Numbers: the ECDFs at the bin edges, for ks and Wasserstein (see binned-ecdf.ts).
      ...(request.kind === "numeric" ? { ecdf: binnedEcdf(bins) } : {}),
    };
    inputs.push(input);
    const plans = planTests(request, { kind: request.kind, referenceCount: column.count, unionDistinct, bins });
    for (const plan of plans) results.push(runPlannedTest(input, request.type, plan));
  }
  return {
    referenceRows: profile.rows,
    currentRows: current.rows,
    columns: results,
    nullRates: profileNullRates(requests, columns, profile, current),
    newCategories: newCategoriesOf(inputs.filter((input) => input.bins.labels.at(-1) !== OTHER_LABEL)),
  };
}
