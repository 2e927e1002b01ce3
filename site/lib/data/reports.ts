import { type DriftReport, DriftReportSchema } from "../../../core/schemas/drift-report.ts";
import { type Evaluation, EvaluationSchema } from "../../../core/schemas/evaluation.ts";
import { type Profile, ProfileSchema } from "../../../core/schemas/profile.ts";
import { type RetrainingRecord, RetrainingRecordSchema } from "../../../core/schemas/retraining.ts";
import { type Diagnostic, defineDiagnostic } from "../../../core/util/diagnostic.ts";
import { mapLimit } from "../../../core/util/map-limit.ts";
import { type LoadedReport, listFolders, listJsonFiles, readReport } from "./read-report.ts";

/** Where Almanac writes its reports, from the repository root. */
export const REPORT_PATHS = {
  evaluation: (model: string) => `reports/models/${model}/evaluation.json`,
  retraining: (model: string) => `reports/models/${model}/retraining.json`,
  driftFolder: "reports/drift",
  modelsFolder: "reports/models",
  profilesFolder: "reports/profiles",
} as const;

/** Files read at once: enough to hide latency, few enough to stay under open-file limits. */
const READ_CONCURRENCY = 64;

const EVALUATION_EXAMPLE = "run `almanac evaluate <model>` to write it again (schemas/evaluation.schema.json)";
const DRIFT_EXAMPLE = "run `almanac drift <model>` to write it again (schemas/drift-report.schema.json)";
const RETRAINING_EXAMPLE = "run `almanac retrain <model>` to write it again (schemas/retraining.schema.json)";
const PROFILE_EXAMPLE = "run `almanac profile <dataset>` to write it again (schemas/profile.schema.json)";
const DRIFT_FILE = /^\d{4}-\d{2}-\d{2}\.json$/;

/** A dataset profile with the dataset (its folder) and version (its file name). */
export interface LoadedProfile {
  file: string;
  dataset: string;
  version: string;
  profile: Profile;
}

/** A drift report with the model it belongs to (its folder) and its date (file name). */
export interface LoadedDriftReport {
  file: string;
  model: string;
  date: string;
  report: DriftReport;
}

/** A model's latest evaluation with its file, and the retraining that made this version (if one did). */
export interface LoadedEvaluation {
  file: string;
  model: string;
  evaluation: Evaluation;
  retraining?: RetrainingRecord;
}

/** Every `reports/models/<id>/evaluation.json`, with a finding when its model id is not its folder's. */
export async function loadEvaluations(
  root: string,
): Promise<{ values: LoadedEvaluation[]; diagnostics: Diagnostic[] }> {
  const folders = await listFolders(`${root}/${REPORT_PATHS.modelsFolder}`);
  const listed = await mapLimit(folders, READ_CONCURRENCY, async (model) => ({
    model,
    names: await listJsonFiles(`${root}/${REPORT_PATHS.modelsFolder}/${model}`),
  }));
  const files = listed.filter(({ names }) => names.includes("evaluation.json")).map(({ model }) => model);
  const retrained = new Set(listed.filter(({ names }) => names.includes("retraining.json")).map(({ model }) => model));
  const loaded = await mapLimit(files, READ_CONCURRENCY, (model) =>
    readReport(root, REPORT_PATHS.evaluation(model), EvaluationSchema, EVALUATION_EXAMPLE),
  );
  const retrainings = await mapLimit(files, READ_CONCURRENCY, (model) =>
    retrained.has(model)
      ? readReport(root, REPORT_PATHS.retraining(model), RetrainingRecordSchema, RETRAINING_EXAMPLE)
      : Promise.resolve(undefined),
  );
  const values: LoadedEvaluation[] = [];
  const diagnostics: Diagnostic[] = [];
  loaded.forEach((report, index) => {
    const model = files[index] as string;
    diagnostics.push(...report.diagnostics);
    if (!report.value) return;
    if (report.value.model.id !== model) {
      diagnostics.push(folderMismatch(report, "model.id", report.value.model.id, model));
      return;
    }
    const retraining = retrainings[index];
    if (retraining) diagnostics.push(...retraining.diagnostics);
    // The lineage belongs to the version it made; an older record is history, not this version's.
    const record = retraining?.value?.model.to === report.value.model.version ? retraining.value : undefined;
    values.push({ file: report.file, model, evaluation: report.value, ...(record ? { retraining: record } : {}) });
  });
  return { values, diagnostics };
}

/** Every `reports/drift/<model>/<YYYY-MM-DD>.json`, oldest first per model. */
export async function loadDriftReports(
  root: string,
): Promise<{ values: LoadedDriftReport[]; diagnostics: Diagnostic[] }> {
  const models = await listFolders(`${root}/${REPORT_PATHS.driftFolder}`);
  const files = (
    await mapLimit(models, READ_CONCURRENCY, async (model) =>
      (await listJsonFiles(`${root}/${REPORT_PATHS.driftFolder}/${model}`)).map((name) => ({ model, name })),
    )
  ).flat();
  const diagnostics: Diagnostic[] = [];
  const dated = files.filter(({ model, name }) => {
    if (DRIFT_FILE.test(name)) return true;
    diagnostics.push(
      defineDiagnostic({
        file: `${REPORT_PATHS.driftFolder}/${model}/${name}`,
        severity: "warning",
        code: "report.drift-name",
        message: "a drift report's file name is its date, YYYY-MM-DD.json; this file is not shown",
        hint: "rename it to the report's date, e.g. 2026-01-31.json",
      }),
    );
    return false;
  });
  const loaded = await mapLimit(dated, READ_CONCURRENCY, ({ model, name }) =>
    readReport(root, `${REPORT_PATHS.driftFolder}/${model}/${name}`, DriftReportSchema, DRIFT_EXAMPLE),
  );
  const values: LoadedDriftReport[] = [];
  loaded.forEach((report, index) => {
    const { model, name } = dated[index] as { model: string; name: string };
    diagnostics.push(...report.diagnostics);
    if (!report.value) return;
    if (report.value.model !== undefined && report.value.model !== model) {
      diagnostics.push(folderMismatch(report, "model", report.value.model, model));
      return;
    }
    values.push({ file: report.file, model, date: name.slice(0, -".json".length), report: report.value });
  });
  return { values, diagnostics };
}

function folderMismatch(report: LoadedReport<unknown>, field: string, found: string, folder: string): Diagnostic {
  return defineDiagnostic({
    file: report.file,
    field,
    code: "report.model-mismatch",
    message: `the report is about "${found}" but lies in the folder of "${folder}"`,
    hint: `move it under ${folder === found ? "its model's folder" : `the folder of "${found}"`}, or write it again with almanac`,
  });
}

/** Every `reports/profiles/<dataset>/<version>.json`; the dataset and version fields, when present, must match the path. */
export async function loadProfiles(root: string): Promise<{ values: LoadedProfile[]; diagnostics: Diagnostic[] }> {
  const datasets = await listFolders(`${root}/${REPORT_PATHS.profilesFolder}`);
  const files = (
    await mapLimit(datasets, READ_CONCURRENCY, async (dataset) =>
      (await listJsonFiles(`${root}/${REPORT_PATHS.profilesFolder}/${dataset}`)).map((name) => ({ dataset, name })),
    )
  ).flat();
  const loaded = await mapLimit(files, READ_CONCURRENCY, ({ dataset, name }) =>
    readReport(root, `${REPORT_PATHS.profilesFolder}/${dataset}/${name}`, ProfileSchema, PROFILE_EXAMPLE),
  );
  const values: LoadedProfile[] = [];
  const diagnostics: Diagnostic[] = [];
  loaded.forEach((report, index) => {
    const { dataset, name } = files[index] as { dataset: string; name: string };
    const version = name.slice(0, -".json".length);
    diagnostics.push(...report.diagnostics);
    if (!report.value) return;
    if (report.value.dataset !== undefined && report.value.dataset !== dataset) {
      diagnostics.push(folderMismatch(report, "dataset", report.value.dataset, dataset));
      return;
    }
    if (report.value.version !== undefined && report.value.version !== version) {
      diagnostics.push(
        defineDiagnostic({
          file: report.file,
          field: "version",
          code: "report.version-mismatch",
          message: `the profile is of version ${report.value.version} but its file is named ${name}`,
          hint: `rename it to ${report.value.version}.json, or write it again with almanac profile`,
        }),
      );
      return;
    }
    values.push({ file: report.file, dataset, version, profile: report.value });
  });
  return { values, diagnostics };
}
