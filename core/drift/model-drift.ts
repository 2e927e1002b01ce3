import { type Database, withDatabase } from "../data/duckdb.ts";
import { manifestReadOptions } from "../data/read-types.ts";
import { selectSql, windowSql } from "../data/sample-sql.ts";
import { type DataSource, resolveSource, sourceSql } from "../data/source.ts";
import { databaseOptions } from "../data/spill.ts";
import { readSourceSql } from "../data/sql.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import { usageError } from "../util/errors.ts";
import { checkDriftFlags } from "./adhoc.ts";
import { type ModelColumnOptions, modelColumns } from "./model-columns.ts";
import { driftReportPath, loadModel, manifestFiles, windowOf } from "./model-context.ts";
import { againstProfile, againstTraining } from "./model-reference.ts";
import { buildReport, DRIFT_REPORT_SCHEMA } from "./report.ts";
import { describeQuery, loadSample } from "./samples.ts";
import { schemaChanges } from "./schema-changes.ts";

export { driftReportPath } from "./model-context.ts";

/** Options of `almanac drift <model>`. */
export interface ModelDriftOptions extends ModelColumnOptions {
  root: string;
  model: string;
  /** Current data instead of the card's monitoring.current (from `base`, the working directory). */
  current?: string;
  base?: string;
  /** Window bounds overriding the card's monitoring.window. */
  since?: string;
  until?: string;
  /** Compare with the committed profile even when the card says train. */
  fromProfile?: boolean;
  driftShare?: number;
  date: string;
  memoryLimit?: string;
}

/**
 * `almanac drift <model>`: the model's training split (or its dataset's committed profile) as
 * reference, the card's monitoring.current (or --current) inside the time window as current,
 * the model's features and target compared column by column. Returns the report and its path.
 */
export async function runModelDrift(options: ModelDriftOptions): Promise<{ report: DriftReport; path: string }> {
  checkDriftFlags(options);
  const context = await loadModel(options.root, options.model, { monitoring: options.current === undefined });
  const { card, loaded, manifest } = context;
  const currentSpec = options.current ?? card.monitoring?.current;
  if (!currentSpec)
    throw usageError(
      `${loaded.file} has no monitoring.current`,
      "add monitoring.current (a path, glob or URI), or pass --current FILE",
    );
  const fromCard = options.current === undefined;
  const source = await resolveSource(currentSpec, {
    base: fromCard ? options.root : (options.base ?? options.root),
    ...(fromCard && card.monitoring?.format ? { format: card.monitoring.format } : {}),
  });
  const { column: timestamp, window } = windowOf(context, options);
  const useProfile = options.fromProfile === true || card.monitoring?.reference === "profile";
  const run = await withDatabase(async (db) => {
    if (timestamp && window) await checkWindowColumn(db, source, timestamp);
    const where = timestamp && window ? [windowSql(timestamp, window) as string] : [];
    // The current data follows the dataset's schema: read with the manifest's types.
    const current = await loadSample(db, "current", source, { where, manifest });
    const files = manifestFiles(options.root, context.dataset);
    const read = await manifestReadOptions(db, files, manifest.format, manifest);
    const datasetColumns = await describeQuery(db, selectSql(readSourceSql(files, manifest.format, read)));
    const currentNames = new Set(current.columns.map((column) => column.name));
    const { requests, skipped, notes } = modelColumns(card, loaded.file, manifest, currentNames, options);
    const schema = schemaChanges(datasetColumns, current.columns).filter(
      (change) => !(change.change === "missing" && change.column === card.dataset.target),
    );
    const compared = useProfile
      ? await againstProfile(db, { ...context, root: options.root, datasetColumns }, current, requests)
      : await againstTraining(db, { ...context, root: options.root }, current, requests);
    return { ...compared, schema, skipped, notes: compared.note ? [...notes, compared.note] : notes };
  }, databaseOptions(options.memoryLimit));
  const report = buildReport({
    $schema: DRIFT_REPORT_SCHEMA,
    model: card.id,
    date: options.date,
    reference: run.reference,
    current: { source: currentSpec, rows: run.comparison.currentRows, ...(window ? { window } : {}) },
    drift_share_threshold: options.driftShare ?? card.monitoring?.drift_share,
    columns: run.comparison.columns,
    schema_changes: run.schema,
    null_rates: run.comparison.nullRates,
    new_categories: run.comparison.newCategories,
    skipped: run.skipped,
    notes: run.notes,
  });
  return { report, path: driftReportPath(card.id, options.date) };
}

/** The time window's column must be in the current data, else the window cannot apply. */
async function checkWindowColumn(db: Database, source: DataSource, column: string): Promise<void> {
  const names = (await describeQuery(db, selectSql(sourceSql(source)))).map((entry) => entry.name);
  if (names.includes(column)) return;
  throw usageError(
    `${source.label} has no column "${column}" to apply the time window on`,
    `its columns: ${names.join(", ")}; set monitoring.timestamp to one of them, or drop the window (monitoring.window, --since, --until)`,
  );
}
