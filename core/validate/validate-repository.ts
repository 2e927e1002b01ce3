import { loadDatasets, loadModels, type Repository } from "../load/repository.ts";
import { type Diagnostic, sortDiagnostics } from "../util/diagnostic.ts";
import { checkIds, checkModelReferences } from "./cross-references.ts";
import { checkManifestReferences } from "./manifest-references.ts";
import { checkMonitoringSources } from "./monitoring-sources.ts";
import { checkPythonSetup } from "./python-setup.ts";

export interface ValidateOptions {
  /** Only report on files under these repository-relative paths (all when empty). */
  paths?: readonly string[];
  /** Skip the data integrity and data checks (schemas and references only). */
  skipData?: boolean;
}

export interface ValidationResult {
  repository: Repository;
  diagnostics: Diagnostic[];
}

/**
 * A validation step that needs the data files; registered by the data modules so the
 * schema-only path stays free of DuckDB. It receives the datasets (its `models` is empty:
 * the cards are still being parsed while it runs).
 */
export type DataValidator = (repository: Repository, selected: (file: string) => boolean) => Promise<Diagnostic[]>;

const dataValidators: DataValidator[] = [];

/** Adds a data validation step (integrity, data checks). */
export function registerDataValidator(validator: DataValidator): void {
  dataValidators.push(validator);
}

/** Runs the data validators one after another (they share DuckDB and the disk). */
async function runDataValidators(repository: Repository, selected: (file: string) => boolean): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const validator of dataValidators) out.push(...(await validator(repository, selected)));
  return out;
}

/**
 * Checks the whole repository (or the paths given) and lists every finding. The data checks
 * start as soon as the manifests are read and run (in DuckDB's threads) while the cards are
 * parsed; data validators therefore see the datasets, not the models.
 */
export async function validateRepository(root: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const selected = selector(options.paths ?? []);
  const datasetsLoading = loadDatasets(root);
  const modelsLoading = loadModels(root);
  modelsLoading.catch(() => {});
  const datasets = await datasetsLoading;
  const dataChecks = options.skipData
    ? Promise.resolve([])
    : runDataValidators({ root, models: [], datasets }, selected);
  dataChecks.catch(() => {});
  const repository: Repository = { root, models: await modelsLoading, datasets };
  const diagnostics: Diagnostic[] = [];
  for (const loaded of [...repository.models, ...repository.datasets]) diagnostics.push(...loaded.diagnostics);
  diagnostics.push(...checkIds(repository));
  for (const model of repository.models) diagnostics.push(...checkModelReferences(model, repository.datasets));
  for (const dataset of repository.datasets) diagnostics.push(...checkManifestReferences(dataset));
  for (const found of await Promise.all(repository.models.map((model) => checkPythonSetup(root, model))))
    diagnostics.push(...found);
  diagnostics.push(...(await checkMonitoringSources(root, repository.models)));
  diagnostics.push(...(await dataChecks));
  return { repository, diagnostics: sortDiagnostics(diagnostics.filter((d) => selected(d.file))) };
}

function selector(paths: readonly string[]): (file: string) => boolean {
  const prefixes = paths.map((path) => path.replace(/^\.\//, "").replace(/\/$/, ""));
  if (prefixes.length === 0 || prefixes.includes(".")) return () => true;
  return (file) => prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix}/`));
}
