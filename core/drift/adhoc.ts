import { type Database, withDatabase } from "../data/duckdb.ts";
import { sameKindOfValues } from "../data/duckdb-types.ts";
import { isSniffedTypeBroken } from "../data/read-sniffed.ts";
import { idCountsSql } from "../data/sample-sql.ts";
import { type DataSource, resolveSource } from "../data/source.ts";
import { databaseOptions } from "../data/spill.ts";
import { quoteIdentifier } from "../data/sql.ts";
import type { DataFormat } from "../schemas/common.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import { usageError } from "../util/errors.ts";
import { settledInOrder } from "../util/settled.ts";
import { compareSamples } from "./compare.ts";
import { type ColumnRequest, checkFlagTests, type FlagTests, flagTestsFor } from "./plan.ts";
import { buildReport } from "./report.ts";
import { loadSample, requireValues, type SampleSchema } from "./samples.ts";
import { kindOfClass, requireColumn, requireSameKind, schemaChanges, typeLabel } from "./schema-changes.ts";
import type { ColumnKind } from "./types.ts";

/** Options of `almanac drift --reference FILE --current FILE`. */
export interface AdhocDriftOptions {
  reference: string;
  current: string;
  /** Where relative paths and globs are read from. */
  base: string;
  format?: DataFormat;
  /** Only these columns (all columns both samples share otherwise). */
  columns?: string[];
  /** Run each of these tests on every column it applies to (Evidently's default choice otherwise). */
  tests?: string[];
  /** Tests for numeric columns only (`--num-test`). */
  numericTests?: string[];
  /** Tests for categorical columns only (`--cat-test`). */
  categoricalTests?: string[];
  /** Threshold for every test run (each test's default otherwise). */
  threshold?: number;
  driftShare?: number;
  date: string;
  /** DuckDB memory limit, e.g. 1GB. */
  memoryLimit?: string;
  /** Compare id-like columns too (skipped otherwise, unless listed in `columns`). */
  includeIds?: boolean;
  /** Numeric columns with more distinct values are scanned by DuckDB rather than as value counts (tests force either path). */
  valueCountsMax?: number;
  /** Numeric columns scanned row by row are sorted in JavaScript up to this many values, by DuckDB beyond (tests force either path). */
  sortedValuesMax?: number;
}

/** Checks the flags before any data is read: known test names, a positive finite threshold, a drift share in (0, 1]. */
export function checkDriftFlags(options: FlagTests & Pick<AdhocDriftOptions, "driftShare">): void {
  checkFlagTests(options);
  if (options.threshold !== undefined && !(Number.isFinite(options.threshold) && options.threshold > 0))
    throw usageError(
      `--threshold ${options.threshold} is out of range`,
      "expected a number > 0 (p-value tests: below 1)",
    );
  if (options.driftShare !== undefined && !(options.driftShare > 0 && options.driftShare <= 1))
    throw usageError(`--drift-share ${options.driftShare} is out of range`, "expected a share in (0, 1], e.g. 0.5");
}

/** The tests flags ask for on a column of this kind, or the threshold for the default test. */
function testsFor(
  kind: ColumnKind,
  options: FlagTests,
): Pick<ColumnRequest, "tests" | "threshold" | "thresholdReason"> {
  const tests = flagTestsFor(kind, options);
  if (tests) return { tests };
  return options.threshold !== undefined
    ? { threshold: options.threshold, thresholdReason: "threshold from --threshold" }
    : {};
}

/** Column names that read as ids: `id`, `row_id`, `*_id`, `*Id` (the role `almanac new dataset` gives them). */
export const ID_NAME = /(^|_)id$|[a-z]Id$/i;

/**
 * The reference's id-like columns, with their row count: named like an id ({@link ID_NAME}) and
 * every value distinct and present. One query over the candidates.
 */
async function idLikeColumns(
  db: Database,
  reference: SampleSchema,
  names: readonly string[],
): Promise<Map<string, number>> {
  const candidates = names.filter((name) => ID_NAME.test(name));
  if (candidates.length === 0) return new Map();
  const [row = {}] = await db.all(idCountsSql(reference.table, candidates));
  const rows = Number(row.rows);
  return new Map(
    candidates.flatMap((name, i) =>
      rows > 1 && Number(row[`n${i}`]) === rows && Number(row[`d${i}`]) === rows ? [[name, rows] as const] : [],
    ),
  );
}

/** The columns to compare and those skipped, checking requested columns exist on both sides with comparable types. */
export async function adhocColumns(
  db: Database,
  reference: SampleSchema,
  current: SampleSchema,
  options: Pick<AdhocDriftOptions, "columns" | "includeIds"> & FlagTests,
): Promise<{ requests: ColumnRequest[]; skipped: Array<{ column: string; reason: string }> }> {
  const labels = { reference: reference.label, current: current.label };
  const currentNames = new Set(current.columns.map((column) => column.name));
  const names = options.columns ?? reference.columns.map((c) => c.name).filter((name) => currentNames.has(name));
  const requests: ColumnRequest[] = [];
  const skipped: Array<{ column: string; reason: string }> = [];
  const ids = options.columns || options.includeIds ? new Map() : await idLikeColumns(db, reference, names);
  for (const name of names) {
    const rows = ids.get(name);
    if (rows !== undefined) {
      skipped.push({
        column: name,
        reason: `id-like column (named like an id, all ${rows} reference values distinct): an id is not a feature; --include-ids or --columns compares it`,
      });
      continue;
    }
    const ref = requireColumn(reference, name, "reference");
    const cur = requireColumn(current, name, "current");
    if (!sameKindOfValues(ref.typeClass, cur.typeClass)) await requireValues(db, name, [reference, current]);
    requireSameKind(name, ref, cur, labels);
    const kind = kindOfClass(ref.typeClass);
    if (!kind) {
      const reason = `${typeLabel(ref.typeClass)} column (${ref.duckdbType}): drift tests compare numbers or categories`;
      if (options.columns)
        throw usageError(`column "${name}" cannot be tested: ${reason}`, "leave it out of --columns");
      skipped.push({ column: name, reason });
      continue;
    }
    const integerStorage = ref.typeClass === "integer" && cur.typeClass === "integer";
    requests.push({
      name,
      kind,
      type: typeLabel(ref.typeClass),
      integerStorage,
      ...testsFor(kind, options),
      ...(integerStorage ? { whenCategorical: testsFor("categorical", options) } : {}),
    });
  }
  return { requests, skipped };
}

/**
 * Ad hoc drift between two files (or globs): every shared column, or those listed, with
 * Evidently's default test per column or the tests listed. Returns the report; writes nothing.
 * A CSV of integers and categories is read trusting its sniffed types, each cell checked by the
 * scan that counts it (one parse per file); should a cell not fit, the files are compared again
 * with their types checked first.
 */
export async function runAdhocDrift(options: AdhocDriftOptions): Promise<DriftReport> {
  checkDriftFlags(options);
  const referenceSource = await resolveSource(options.reference, { base: options.base, format: options.format });
  const currentSource = await resolveSource(options.current, { base: options.base, format: options.format });
  const run = (speculate: boolean) =>
    withDatabase(
      (db) => compareSources(db, referenceSource, currentSource, options, speculate),
      databaseOptions(options.memoryLimit),
    );
  return run(true).catch((error: unknown) => {
    if (isSniffedTypeBroken(error)) return run(false);
    throw error;
  });
}

/** Reads the columns of a sample that trusted its sniffed types and no query has read in full, so each cell is checked. */
async function checkTrusted(db: Database, sample: SampleSchema, read: ReadonlySet<string>): Promise<void> {
  const unread = (sample.trusted ?? []).filter((name) => !read.has(name));
  if (unread.length > 0)
    await db.all(
      `SELECT ${unread.map((name) => `count(${quoteIdentifier(name)})`).join(", ")} FROM ${quoteIdentifier(sample.table)}`,
    );
}

async function compareSources(
  db: Database,
  referenceSource: DataSource,
  currentSource: DataSource,
  options: AdhocDriftOptions,
  speculate: boolean,
): Promise<DriftReport> {
  // The two files are read side by side, the current one on a second connection: one parse
  // does not keep both cores busy to its end (the samples are tables and views every connection
  // sees; a sample's later reads, e.g. `materialize`, stay on the connection that loaded it).
  const side = await db.connect();
  try {
    const samples = await settledInOrder<[SampleSchema, SampleSchema]>([
      loadSample(db, "reference", referenceSource, { speculate }),
      loadSample(side, "current", currentSource, { speculate }),
    ]);
    return await compareLoaded(db, samples, options, side);
  } finally {
    side.close();
  }
}

async function compareLoaded(
  db: Database,
  [reference, current]: [SampleSchema, SampleSchema],
  options: AdhocDriftOptions,
  side: Database,
): Promise<DriftReport> {
  const { requests, skipped } = await adhocColumns(db, reference, current, options);
  const labels = { reference: reference.label, current: current.label };
  const comparison = await compareSamples(db, { reference: "reference", current: "current" }, labels, requests, {
    current: side,
    ...(options.valueCountsMax !== undefined ? { valueCountsMax: options.valueCountsMax } : {}),
    ...(options.sortedValuesMax !== undefined ? { sortedValuesMax: options.sortedValuesMax } : {}),
    ...(reference.materialize || current.materialize
      ? {
          materialize: async () => {
            await reference.materialize?.();
            await current.materialize?.();
          },
        }
      : {}),
  });
  // Every compared column was counted in full; the reference's id-like candidates were read by
  // the id check. The rest still have to be read once for their types to be known.
  const compared = new Set(requests.map((request) => request.name));
  const shared = new Set(current.columns.map((column) => column.name));
  const idChecked =
    options.columns || options.includeIds
      ? []
      : reference.columns.map((column) => column.name).filter((name) => shared.has(name) && ID_NAME.test(name));
  await checkTrusted(db, reference, new Set([...compared, ...idChecked]));
  await checkTrusted(db, current, compared);
  return buildReport({
    date: options.date,
    reference: { source: reference.label, kind: "raw", rows: comparison.referenceRows },
    current: { source: current.label, rows: comparison.currentRows },
    drift_share_threshold: options.driftShare,
    columns: comparison.columns,
    schema_changes: schemaChanges(reference.columns, current.columns),
    null_rates: comparison.nullRates,
    new_categories: comparison.newCategories,
    skipped,
  });
}
