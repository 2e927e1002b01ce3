import { readFile } from "node:fs/promises";
import type { Database } from "../data/duckdb.ts";
import { selectSql } from "../data/sample-sql.ts";
import { profilePath } from "../profile/profile-source.ts";
import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import { type Profile, ProfileSchema } from "../schemas/profile.ts";
import { prepareSplit, TRAIN_TABLE } from "../train/split.ts";
import { usageError } from "../util/errors.ts";
import { type Comparison, compareSamples } from "./compare.ts";
import { INTEGER_CATEGORY_MAX_DISTINCT } from "./integer-codes.ts";
import { type ModelContext, splitDescription } from "./model-context.ts";
import type { ColumnRequest } from "./plan.ts";
import { POOLED_MIN_EXPECTED } from "./pool-bins.ts";
import { compareWithProfile } from "./profile-compare.ts";
import { requireValues, type SampleColumn, type SampleSchema, viewSample } from "./samples.ts";
import { requireColumn, requireSameKind } from "./schema-changes.ts";

/** A comparison and how its reference is described in the report. */
export interface ReferenceRun {
  comparison: Comparison;
  reference: DriftReport["reference"];
  note?: string;
}

/** Reads and checks a dataset version's committed profile. */
export async function readProfile(
  root: string,
  manifest: DatasetManifest,
): Promise<{ profile: Profile; path: string }> {
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

/** Checks each requested column is on both sides with comparable values; marks integers stored as such on both. */
export async function checkCurrentColumns(
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

/** Numeric columns from a profile with at most this many values are compared as codes (chi-square), as Evidently's integer rule. */
const PROFILE_CODES_MAX = INTEGER_CATEGORY_MAX_DISTINCT;

/**
 * From a profile, the default is a p-value test on its bins, which holds its false-alarm rate
 * whatever the current sample's size (docs/drift.md, scripts/drift-false-alarms.ts):
 * Kolmogorov–Smirnov on the ECDFs at the bin edges for numbers (conservative), Pearson's
 * chi-square on the bins pooled to at least POOLED_MIN_EXPECTED expected current values each
 * for categories and numeric codes, the z-test for two values. Evidently's distances either need
 * raw values (ks, Wasserstein) or, as Jensen–Shannon ≥ 0.1 on 20–30 bins, flag sampling noise
 * as drift at a few hundred rows.
 */
export function profileRequests(requests: readonly ColumnRequest[]): ColumnRequest[] {
  return requests.map((request) => ({
    ...request,
    fallback: (choice, input) => {
      if (choice.test === "z") return choice;
      const codes = input.bins.method === "profile-values" && input.bins.labels.length <= PROFILE_CODES_MAX;
      if (request.kind === "numeric" && !codes)
        return {
          test: "ks",
          reason: `${choice.reason}; from a profile, Kolmogorov–Smirnov on the ECDFs at its bin edges instead (conservative: never more false alarms than on raw values)`,
        };
      return {
        test: "chisquare",
        reason: `${choice.reason}; from a profile, chi-square on its bins pooled to ≥ ${POOLED_MIN_EXPECTED} expected current values each instead, which keeps the false-alarm rate at the threshold for any sample size`,
        pooled: true,
      };
    },
  }));
}

/** The reference is the committed profile of the dataset version. */
export async function againstProfile(
  db: Database,
  context: ModelContext & { root: string; datasetColumns: SampleColumn[] },
  current: SampleSchema,
  requests: readonly ColumnRequest[],
): Promise<ReferenceRun> {
  const { profile, path } = await readProfile(context.root, context.manifest);
  const schema: SampleSchema = { table: "", label: path, columns: context.datasetColumns };
  const checked = await checkCurrentColumns(db, schema, current, requests);
  const labels = { reference: path, current: current.label };
  return {
    comparison: await compareWithProfile(db, current.table, profile, labels, profileRequests(checked)),
    reference: { source: path, kind: "profile", rows: profile.rows },
    note: `reference is the profile ${path}: binned tests on its value counts and power-of-two histograms (by default KS on their edges for numbers, chi-square on pooled bins for categories); ks and Wasserstein compare the ECDFs at the bin edges`,
  };
}

/** The reference is the model's training split, made by the same SQL as `almanac train`. */
export async function againstTraining(
  db: Database,
  context: ModelContext & { root: string },
  current: SampleSchema,
  requests: readonly ColumnRequest[],
): Promise<ReferenceRun> {
  await prepareSplit(db, context.root, context.card, context.dataset);
  const label = splitDescription(context.manifest);
  const query = selectSql(TRAIN_TABLE, { columns: requests.map((request) => request.name) });
  const reference = await viewSample(db, "reference", query, label);
  const checked = await checkCurrentColumns(db, reference, current, requests);
  // The current sample (a table or view of the main schema) is read on a second connection
  // beside the training split (a TEMP table, read on this one).
  const side = await db.connect();
  const comparison = await compareSamples(
    db,
    { reference: "reference", current: current.table },
    { reference: label, current: current.label },
    checked,
    { current: side, ...(current.materialize ? { materialize: current.materialize } : {}) },
  ).finally(() => side.close());
  return { comparison, reference: { source: label, kind: "raw", rows: comparison.referenceRows } };
}
