import { readFile } from "node:fs/promises";
import { type Database, withDatabase } from "../data/duckdb.ts";
import { selectSql, type TimeWindow, windowSql } from "../data/sample-sql.ts";
import { resolveSource } from "../data/source.ts";
import { databaseOptions } from "../data/spill.ts";
import { readSourceSql } from "../data/sql.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { LoadedModelCard } from "../load/model-card.ts";
import { findDataset, findModel, loadRepository } from "../load/repository.ts";
import { profilePath } from "../profile/profile-source.ts";
import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { type Profile, ProfileSchema } from "../schemas/profile.ts";
import { prepareSplit, TRAIN_TABLE } from "../train/split.ts";
import { usageError } from "../util/errors.ts";
import { didYouMean } from "../util/suggest.ts";
import { checkDriftFlags } from "./adhoc.ts";
import { type Comparison, compareSamples } from "./compare.ts";
import { type ModelColumnOptions, modelColumns } from "./model-columns.ts";
import type { ColumnRequest } from "./plan.ts";
import { compareWithProfile } from "./profile-compare.ts";
import { buildReport, DRIFT_REPORT_SCHEMA } from "./report.ts";
import { describeQuery, loadSample, requireValues, type SampleSchema, viewSample } from "./samples.ts";
import { requireColumn, requireSameKind, schemaChanges } from "./schema-changes.ts";

/** Options of `almanac drift <model>`. */
export interface ModelDriftOptions extends ModelColumnOptions {
  root: string;
  model: string;
  /** Current data instead of the card's monitoring.current (from the working directory). */
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

/** Where a model's drift report for a date is written, from the repository root. */
export function driftReportPath(model: string, date: string): string {
  return `reports/drift/${model}/${date}.json`;
}

async function loadModel(
  root: string,
  id: string,
): Promise<{ loaded: LoadedModelCard; card: ModelCard; dataset: LoadedDatasetManifest; manifest: DatasetManifest }> {
  const repository = await loadRepository(root);
  const loaded = findModel(repository, id);
  const ids = repository.models.map((model) => model.card?.id ?? model.folder);
  if (!loaded) throw usageError(`unknown model "${id}"`, didYouMean(id, ids));
  if (!loaded.card)
    throw usageError(`${loaded.file} is not a valid model card`, "run `almanac validate` and fix it first");
  const card = loaded.card;
  const dataset = findDataset(repository, card.dataset.id, card.dataset.version);
  if (!dataset?.manifest)
    throw usageError(
      `${loaded.file}: dataset ${card.dataset.id} ${card.dataset.version} is not in this checkout`,
      "run `almanac validate`",
    );
  return { loaded, card, dataset, manifest: dataset.manifest };
}

function windowOf(
  card: ModelCard,
  manifest: DatasetManifest,
  options: ModelDriftOptions,
  cardFile: string,
): { column?: string; window?: TimeWindow } {
  const window: TimeWindow = { ...card.monitoring?.window };
  if (options.since !== undefined) window.start = options.since;
  if (options.until !== undefined) window.end = options.until;
  if (window.start === undefined && window.end === undefined) return {};
  const column = card.monitoring?.timestamp ?? manifest.columns.find((entry) => entry.role === "timestamp")?.name;
  if (!column)
    throw usageError(
      `${cardFile}: a time window needs a timestamp column`,
      "set monitoring.timestamp, or a column with role timestamp in the manifest",
    );
  for (const bound of [window.start, window.end])
    if (bound !== undefined && Number.isNaN(Date.parse(bound)))
      throw usageError(`time window bound "${bound}" is not a date`, "use an ISO date such as 2015-01-01");
  return { column, window };
}

async function readProfile(root: string, manifest: DatasetManifest): Promise<{ profile: Profile; path: string }> {
  const path = profilePath(manifest.id, manifest.version);
  const text = await readFile(`${root}/${path}`, "utf8").catch(() => undefined);
  if (text === undefined)
    throw usageError(`no reference profile at ${path}`, `run \`almanac profile ${manifest.id}\` and commit it`);
  const parsed = ProfileSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw usageError(
      `${path} is not a valid profile: ${parsed.error.issues[0]?.message}`,
      `run \`almanac profile ${manifest.id}\` again`,
    );
  return { profile: parsed.data, path };
}

function splitDescription(manifest: DatasetManifest): string {
  const split = manifest.split;
  const rule =
    split.method === "hash"
      ? `hash of ${split.key}, seed ${split.seed}, test_fraction ${split.test_fraction}`
      : split.method === "column"
        ? `${split.column} not in ${split.test_values.join(", ")}`
        : "files marked train";
  return `training split of ${manifest.id} ${manifest.version} (${rule})`;
}

async function checkCurrentColumns(
  db: Database,
  reference: SampleSchema,
  current: SampleSchema,
  requests: readonly ColumnRequest[],
): Promise<ColumnRequest[]> {
  const checked: ColumnRequest[] = [];
  for (const request of requests) {
    const ref = requireColumn(reference, request.name, "reference");
    const cur = requireColumn(current, request.name, "current");
    if (ref.typeClass !== cur.typeClass && reference.table !== "")
      await requireValues(db, request.name, [reference, current]);
    requireSameKind(request.name, ref, cur, { reference: reference.label, current: current.label });
    checked.push({ ...request, integerStorage: ref.typeClass === "integer" && cur.typeClass === "integer" });
  }
  return checked;
}

interface Run {
  comparison: Comparison;
  reference: DriftReport["reference"];
  schema: DriftReport["schema_changes"];
  notes: string[];
  skipped: Array<{ column: string; reason: string }>;
}

/**
 * `almanac drift <model>`: the model's training split (or its dataset's committed profile) as
 * reference, the card's monitoring.current (or --current) inside the time window as current,
 * the model's features and target compared column by column. Returns the report and its path.
 */
export async function runModelDrift(options: ModelDriftOptions): Promise<{ report: DriftReport; path: string }> {
  checkDriftFlags(options);
  const { loaded, card, dataset, manifest } = await loadModel(options.root, options.model);
  const currentSpec = options.current ?? card.monitoring?.current;
  if (!currentSpec)
    throw usageError(
      `${loaded.file} has no monitoring.current`,
      "add monitoring.current (a path, glob or URI), or pass --current FILE",
    );
  const base = options.current ? (options.base ?? options.root) : options.root;
  const currentSource = await resolveSource(currentSpec, {
    base,
    ...(card.monitoring?.format && !options.current ? { format: card.monitoring.format } : {}),
  });
  const { column: timestamp, window } = windowOf(card, manifest, options, loaded.file);
  const useProfile = options.fromProfile === true || card.monitoring?.reference === "profile";
  const run = await withDatabase(async (db): Promise<Run & { current: SampleSchema }> => {
    const where = timestamp && window ? [windowSql(timestamp, window) as string] : [];
    const current = await loadSample(db, "current", currentSource, { where });
    const datasetColumns = await describeQuery(
      db,
      selectSql(readSourceSql(manifestFiles(options.root, dataset), manifest.format)),
    );
    const { requests, skipped, notes } = modelColumns(
      card,
      loaded.file,
      manifest,
      new Set(current.columns.map((c) => c.name)),
      options,
    );
    const schema = schemaChanges(datasetColumns, current.columns).filter(
      (change) => !(change.change === "missing" && change.column === card.dataset.target),
    );
    if (useProfile) {
      const { profile, path } = await readProfile(options.root, manifest);
      const profileSchema: SampleSchema = { table: "", label: path, columns: datasetColumns };
      const checked = await checkCurrentColumns(db, profileSchema, current, requests);
      const comparison = await compareWithProfile(
        db,
        "current",
        profile,
        { reference: path, current: current.label },
        profileRequests(checked),
      );
      notes.push(
        `reference is the profile ${path}: binned tests on its value counts and power-of-two histograms; ks and wasserstein need raw values`,
      );
      return {
        comparison,
        current,
        schema,
        notes,
        skipped,
        reference: { source: path, kind: "profile", rows: profile.rows },
      };
    }
    await prepareSplit(db, options.root, card, dataset);
    const label = splitDescription(manifest);
    const reference = await viewSample(
      db,
      "reference",
      selectSql(TRAIN_TABLE, { columns: requests.map((r) => r.name) }),
      label,
    );
    const checked = await checkCurrentColumns(db, reference, current, requests);
    const comparison = await compareSamples(
      db,
      { reference: "reference", current: "current" },
      { reference: label, current: current.label },
      checked,
      current.materialize ? { materialize: current.materialize } : {},
    );
    return {
      comparison,
      current,
      schema,
      notes,
      skipped,
      reference: { source: label, kind: "raw", rows: comparison.referenceRows },
    };
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

/** From a profile, a default that needs raw values is replaced by Jensen–Shannon on the profile's bins. */
function profileRequests(requests: readonly ColumnRequest[]): ColumnRequest[] {
  return requests.map((request) => ({
    ...request,
    fallback: (choice) =>
      ["ks", "wasserstein", "wasserstein_norm"].includes(choice.test)
        ? {
            test: "jensenshannon",
            reason: `${choice.reason}; it needs raw reference values, so Jensen–Shannon distance on the profile's bins instead`,
          }
        : choice,
  }));
}

function manifestFiles(root: string, dataset: LoadedDatasetManifest): string[] {
  const folder = `${root}/datasets/${dataset.folder}`;
  return (dataset.manifest?.files ?? []).map((file) => file.uri ?? `${folder}/${file.path}`);
}
