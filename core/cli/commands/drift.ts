import type { Command } from "commander";
import { DRIFT_TEST_NAMES } from "../../drift/registry.ts";
import type { DataFormat } from "../../schemas/common.ts";
import type { DriftReport } from "../../schemas/drift-report.ts";
import { writeJsonAtomic } from "../../util/atomic-write.ts";
import { EXIT_FINDINGS, EXIT_OK, usageError } from "../../util/errors.ts";
import { publishToGitHub } from "../github-output.ts";
import { driftPublication } from "../github-publications.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";
import { startProgress } from "../progress.ts";

interface DriftFlags {
  reference?: string;
  current?: string;
  referenceProfile?: string;
  currentProfile?: string;
  columns?: string;
  test?: string;
  numTest?: string;
  catTest?: string;
  threshold?: string;
  driftShare?: string;
  format?: string;
  since?: string;
  until?: string;
  fromProfile?: boolean;
  includeIds?: boolean;
  date?: string;
  memoryLimit?: string;
  json?: boolean;
  write: boolean;
}

const FORMATS = ["csv", "parquet", "json", "ndjson"];

/** Parses a number flag or throws a usage error naming it. */
function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === "" || Number.isNaN(parsed))
    throw usageError(`--${name} ${value} is not a number`, `e.g. --${name} 0.05`);
  return parsed;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== "");
}

/** Today as YYYY-MM-DD (UTC), or the --date given. */
function reportDate(date: string | undefined): string {
  if (date === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
    throw usageError(`--date ${date} is not a date`, "use YYYY-MM-DD");
  return date;
}

function common(flags: DriftFlags) {
  if (flags.format !== undefined && !FORMATS.includes(flags.format))
    throw usageError(`--format ${flags.format} is not a format`, `expected one of: ${FORMATS.join(", ")}`);
  return {
    columns: list(flags.columns),
    tests: list(flags.test),
    numericTests: list(flags.numTest),
    categoricalTests: list(flags.catTest),
    threshold: numberFlag("threshold", flags.threshold),
    driftShare: numberFlag("drift-share", flags.driftShare),
    date: reportDate(flags.date),
    ...(flags.memoryLimit ? { memoryLimit: flags.memoryLimit } : {}),
  };
}

/**
 * `almanac drift <model>`, `almanac drift --reference FILE --current FILE` and
 * `almanac drift --reference-profile A.json --current-profile B.json`.
 */
export function registerDrift(program: Command, run: Runner): void {
  program
    .command("drift")
    .description("compare current data with a reference, column by column (exit 1 when the dataset drifts)")
    .argument("[model]", "model id: its training split (or dataset profile) against its monitoring.current data")
    .option("--reference <file>", "ad hoc: the reference file or glob (CSV, Parquet, JSON, NDJSON)")
    .option("--current <file>", "the current file or glob (for a model: instead of monitoring.current)")
    .option("--reference-profile <profile.json>", "the reference is a profile (e.g. merged from shards): no raw values")
    .option("--current-profile <profile.json>", "with --reference-profile: the current sample is a profile too")
    .option("--columns <a,b>", "only these columns")
    .option("--test <name[,name…]>", `run these tests on every column they apply to: ${DRIFT_TEST_NAMES.join(", ")}`)
    .option("--num-test <name[,name…]>", "tests for numeric columns only (as Evidently's num_method)")
    .option("--cat-test <name[,name…]>", "tests for categorical columns only (as Evidently's cat_method)")
    .option("--threshold <x>", "threshold for the tests run (p-value tests: drift when p < x; distances: when ≥ x)")
    .option("--drift-share <x>", "share of drifted columns that declares dataset drift (default 0.5, or the card's)")
    .option("--include-ids", "ad hoc: compare id-like columns too (id, row_id, *_id with every value distinct)")
    .option("--format <format>", "format of the files when their extension does not say (csv, parquet, json, ndjson)")
    .option("--since <date>", "model: start of the time window (inclusive), overriding monitoring.window")
    .option("--until <date>", "model: end of the time window (exclusive), overriding monitoring.window")
    .option("--from-profile", "model: compare with the dataset's committed profile instead of the training split")
    .option("--date <YYYY-MM-DD>", "model: date of the report (default: today, UTC)")
    .option("--memory-limit <size>", "DuckDB memory limit, e.g. 1GB (DuckDB spills to disk beyond it)")
    .option("--no-write", "model: print only, do not write reports/drift/<model>/<date>.json")
    .option("--json", "print the report as JSON")
    .action(
      run(async (context, model: string | undefined, flags: DriftFlags) => {
        const options = common(flags);
        const progress = startProgress("computing drift", { json: flags.json });
        // Loaded when the verb runs, so other verbs do not pay for the drift modules at startup.
        const { runAdhocDrift } = await import("../../drift/adhoc.ts");
        const { runModelDrift } = await import("../../drift/model-drift.ts");
        const { runProfileDrift } = await import("../../drift/profiles-drift.ts");
        const { renderDriftSummary } = await import("../../drift/render.ts");
        let report: DriftReport;
        let written: string | undefined;
        try {
          if (flags.referenceProfile !== undefined || flags.currentProfile !== undefined) {
            if (
              !flags.referenceProfile ||
              !flags.currentProfile ||
              model !== undefined ||
              flags.reference ||
              flags.current
            )
              throw usageError(
                "--reference-profile and --current-profile go together, without a model, --reference or --current",
                "e.g. almanac drift --reference-profile reference.json --current-profile current.json",
              );
            report = await runProfileDrift({
              ...options,
              referenceProfile: flags.referenceProfile,
              currentProfile: flags.currentProfile,
              base: process.cwd(),
            });
          } else if (model !== undefined) {
            if (flags.reference)
              throw usageError(
                "--reference is for ad hoc comparisons",
                `drop it: ${model}'s reference is its training split (or --from-profile)`,
              );
            const result = await runModelDrift({
              ...options,
              root: context.root,
              model,
              ...(flags.current ? { current: flags.current, base: process.cwd() } : {}),
              ...(flags.since ? { since: flags.since } : {}),
              ...(flags.until ? { until: flags.until } : {}),
              fromProfile: flags.fromProfile === true,
            });
            report = result.report;
            if (flags.write) {
              await writeJsonAtomic(`${context.root}/${result.path}`, report);
              written = result.path;
            }
          } else {
            if (!flags.reference || !flags.current)
              throw usageError(
                "give a model, or both --reference and --current",
                "e.g. almanac drift seattle-rain, or almanac drift --reference train.csv --current today.csv",
              );
            report = await runAdhocDrift({
              ...options,
              reference: flags.reference,
              current: flags.current,
              base: process.cwd(),
              ...(flags.format ? { format: flags.format as DataFormat } : {}),
              ...(flags.includeIds ? { includeIds: true } : {}),
            });
          }
        } finally {
          progress.stop();
        }
        if (model !== undefined) await publishToGitHub(driftPublication(context.root, model, report, written ?? ""));
        if (flags.json) context.stdout(JSON.stringify(report, null, 2));
        else {
          context.stdout(renderDriftSummary(report, palette()));
          if (written) context.stdout(`wrote ${written}`);
        }
        return report.dataset_drift ? EXIT_FINDINGS : EXIT_OK;
      }),
    );
}
