import { resolve } from "node:path";
import { readProfileFile } from "../profile/read-profile.ts";
import type { DriftColumnResult, DriftReport } from "../schemas/drift-report.ts";
import type { Profile, ProfileColumn } from "../schemas/profile.ts";
import { usageError } from "../util/errors.ts";
import { checkDriftFlags } from "./adhoc.ts";
import { NULL_SHARE_CHANGE, newCategoriesOf, OTHER_LABEL } from "./findings.ts";
import { profileRequests } from "./model-reference.ts";
import { type ColumnRequest, type FlagTests, flagTestsFor, planTests } from "./plan.ts";
import { type PairEcdf, pairEcdf, pairHistogramBins, pairValueBins } from "./profile-pair.ts";
import { buildReport } from "./report.ts";
import { runPlannedTest } from "./result.ts";
import type { BinnedCounts, ColumnInput, ColumnKind } from "./types.ts";

/** Options of `almanac drift --reference-profile A.json --current-profile B.json`. */
export interface ProfileDriftOptions extends FlagTests {
  referenceProfile: string;
  currentProfile: string;
  /** Where relative paths are read from. */
  base: string;
  columns?: string[];
  driftShare?: number;
  date: string;
}

/** What a drift report from two profiles says it could not compute from them. */
export const PROFILES_NOTE =
  "reference and current are profiles (no raw values): binned tests run on their value lists or on their power-of-two histograms at the coarser width; ks, wasserstein and wasserstein_norm on their quantile sketches (exact ECDFs at the sketch buckets' bounds; each result states its bound). Not computable from profiles: the raw-value statistics Evidently's defaults read (Sturges bins over the raw values; exact KS and Wasserstein on columns with more than 100 distinct values), and new categories beyond the 100 values each profile lists";

const KIND_OF_TYPE: Record<ProfileColumn["type"], ColumnKind | undefined> = {
  number: "numeric",
  integer: "numeric",
  category: "categorical",
  boolean: "categorical",
  string: "categorical",
  datetime: undefined,
  other: undefined,
};

type Skipped = Array<{ column: string; reason: string }>;

function requestFor(name: string, kind: ColumnKind, type: string, options: FlagTests): ColumnRequest {
  const tests = flagTestsFor(kind, options);
  if (tests) return { name, kind, type, tests };
  return options.threshold !== undefined
    ? { name, kind, type, threshold: options.threshold, thresholdReason: "threshold from --threshold" }
    : { name, kind, type };
}

/** The columns both profiles can compare, and those skipped with the reason. */
function pairRequests(reference: Profile, current: Profile, options: ProfileDriftOptions, labels: [string, string]) {
  const currentNames = new Set(current.columns.map((column) => column.name));
  const names =
    options.columns ?? reference.columns.map((column) => column.name).filter((name) => currentNames.has(name));
  const requests: ColumnRequest[] = [];
  const skipped: Skipped = [];
  for (const name of names) {
    const [ref, cur] = [reference, current].map((profile, side) => {
      const column = profile.columns.find((entry) => entry.name === name);
      if (column) return column;
      throw usageError(
        `column "${name}" is not in the ${side === 0 ? "reference" : "current"} profile (${labels[side]})`,
        `its columns: ${profile.columns.map((entry) => entry.name).join(", ")}`,
      );
    }) as [ProfileColumn, ProfileColumn];
    const kind = KIND_OF_TYPE[ref.type];
    if (kind !== KIND_OF_TYPE[cur.type])
      throw usageError(
        `column "${name}" is ${ref.type} in the reference profile (${labels[0]}) but ${cur.type} in the current one (${labels[1]})`,
        "profile both sides with the same dataset schema",
      );
    if (!kind)
      skipped.push({
        column: name,
        reason: `${ref.type} column: a profile keeps only its range, not a distribution to test`,
      });
    else if (ref.count === 0 || cur.count === 0)
      skipped.push({ column: name, reason: `no values in the ${ref.count === 0 ? "reference" : "current"} profile` });
    else requests.push(requestFor(name, kind, ref.type, options));
  }
  return { requests: profileRequests(requests), skipped };
}

function columnOf(profile: Profile, name: string): ProfileColumn {
  return profile.columns.find((entry) => entry.name === name) as ProfileColumn;
}

/** A numeric column's bins: one per value when both list every value and the reference has few, else the histograms. */
function numericBins(ref: ProfileColumn, cur: ProfileColumn, name: string): BinnedCounts {
  if (ref.top?.complete && cur.top?.complete && ref.top.values.length <= 20)
    return pairValueBins(ref.top, cur.top, true);
  if (!ref.histogram || !cur.histogram)
    throw usageError(
      `column "${name}" has no histogram in one of the profiles`,
      "profile both sides again with this version",
    );
  return pairHistogramBins(ref.histogram, cur.histogram);
}

/** Results of tests on raw order statistics say how they were computed from the profiles and within what bound. */
function explain(result: DriftColumnResult, pair: PairEcdf | undefined, referenceStd: number): DriftColumnResult {
  if (!["ks", "wasserstein", "wasserstein_norm"].includes(result.test)) return result;
  if (!pair)
    return {
      ...result,
      warnings: [
        `not computable from profiles: ${result.test} needs the raw values, or quantile sketches in both profiles (profiles written before Almanac kept sketches have none: profile again)`,
      ],
    };
  const kept = (result.warnings ?? []).filter((warning) => !warning.includes("from the profile's histogram"));
  const bound =
    result.test === "ks"
      ? `from the profiles, the KS statistic over all values lies in [${result.statistic}, ${pair.ksUpper}]; the p-value uses the lower end (conservative)`
      : `from the profiles, within ±${result.test === "wasserstein" ? pair.wassersteinBound : pair.wassersteinBound / Math.max(referenceStd, 0.001)} of the raw values' distance`;
  const reason = result.reason.replace(
    "on the ECDFs at its bin edges",
    `on the ECDFs ${pair.binning.replace(/^ECDFs compared /, "")}`,
  );
  return { ...result, reason, binning: pair.binning, warnings: pair.wassersteinBound === 0 ? kept : [...kept, bound] };
}

/** Compares two profiles column by column: every test a profile supports, the others reported as not computable. */
export function compareProfiles(reference: Profile, current: Profile, requests: readonly ColumnRequest[]) {
  const results: DriftColumnResult[] = [];
  const inputs: ColumnInput[] = [];
  for (const request of requests) {
    const [ref, cur] = [columnOf(reference, request.name), columnOf(current, request.name)];
    if (request.kind === "categorical" && (!ref.top || !cur.top))
      throw usageError(
        `column "${request.name}" has no value counts in one of the profiles`,
        "profile it as a category",
      );
    const bins =
      request.kind === "categorical"
        ? pairValueBins(
            ref.top as NonNullable<ProfileColumn["top"]>,
            cur.top as NonNullable<ProfileColumn["top"]>,
            false,
          )
        : numericBins(ref, cur, request.name);
    const pair = request.kind === "numeric" ? pairEcdf(ref, cur, bins) : undefined;
    const complete = bins.method === "profile-values" && bins.labels.at(-1) !== OTHER_LABEL;
    const input: ColumnInput = {
      column: request.name,
      kind: request.kind,
      referenceCount: ref.count,
      currentCount: cur.count,
      ...(typeof ref.std === "number" ? { referenceStd: ref.std } : {}),
      ...(complete ? { unionDistinct: bins.labels.length } : {}),
      bins,
      ...(pair ? { ecdf: pair.ecdf } : {}),
    };
    inputs.push(input);
    const plans = planTests(request, {
      kind: request.kind,
      referenceCount: ref.count,
      unionDistinct: input.unionDistinct,
      bins,
    });
    for (const plan of plans) results.push(explain(runPlannedTest(input, request.type, plan), pair, ref.std ?? 0));
  }
  return {
    columns: results,
    newCategories: newCategoriesOf(inputs.filter((input) => input.bins.labels.at(-1) !== OTHER_LABEL)),
  };
}

function profileSchemaChanges(reference: Profile, current: Profile): DriftReport["schema_changes"] {
  const byName = new Map(current.columns.map((column) => [column.name, column]));
  const changes: DriftReport["schema_changes"] = [];
  for (const column of reference.columns) {
    const other = byName.get(column.name);
    if (!other) changes.push({ column: column.name, change: "missing", reference_type: column.type });
    else if (other.type !== column.type)
      changes.push({ column: column.name, change: "type", reference_type: column.type, current_type: other.type });
  }
  const names = new Set(reference.columns.map((column) => column.name));
  for (const column of current.columns)
    if (!names.has(column.name)) changes.push({ column: column.name, change: "new", current_type: column.type });
  return changes;
}

function nullRates(reference: Profile, current: Profile, requests: readonly ColumnRequest[]) {
  return requests.map(({ name }) => {
    const share = (profile: Profile) => (profile.rows === 0 ? 0 : columnOf(profile, name).nulls / profile.rows);
    const [ref, cur] = [share(reference), share(current)];
    return { column: name, reference: ref, current: cur, flagged: Math.abs(cur - ref) >= NULL_SHARE_CHANGE };
  });
}

/**
 * Drift between two profiles (`almanac drift --reference-profile A --current-profile B`), each
 * possibly merged from shards: no raw values on either side, so data past one runner's memory
 * or disk is compared from its shards' profiles. Returns the report; writes nothing.
 */
export async function runProfileDrift(options: ProfileDriftOptions): Promise<DriftReport> {
  checkDriftFlags(options);
  const labels: [string, string] = [options.referenceProfile, options.currentProfile];
  const [reference, current] = await Promise.all(
    labels.map((path) => readProfileFile(resolve(options.base, path), path)),
  );
  const { requests, skipped } = pairRequests(reference as Profile, current as Profile, options, labels);
  const compared = compareProfiles(reference as Profile, current as Profile, requests);
  return buildReport({
    date: options.date,
    reference: { source: labels[0], kind: "profile", rows: (reference as Profile).rows },
    current: { source: labels[1], rows: (current as Profile).rows },
    drift_share_threshold: options.driftShare,
    columns: compared.columns,
    schema_changes: profileSchemaChanges(reference as Profile, current as Profile),
    null_rates: nullRates(reference as Profile, current as Profile, requests),
    new_categories: compared.newCategories,
    skipped,
    notes: [PROFILES_NOTE],
  });
}
