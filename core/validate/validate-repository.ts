import { loadRepository, type Repository } from "../load/repository.ts";
import { type Diagnostic, sortDiagnostics } from "../util/diagnostic.ts";
import { checkIds, checkManifestReferences, checkModelReferences } from "./cross-references.ts";

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
 * schema-only path stays free of DuckDB.
 */
export type DataValidator = (repository: Repository, selected: (file: string) => boolean) => Promise<Diagnostic[]>;

const dataValidators: DataValidator[] = [];

/** Adds a data validation step (integrity, data checks). */
export function registerDataValidator(validator: DataValidator): void {
  dataValidators.push(validator);
}

/** Checks the whole repository (or the paths given) and lists every finding. */
export async function validateRepository(root: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const repository = await loadRepository(root);
  const selected = selector(options.paths ?? []);
  const diagnostics: Diagnostic[] = [];
  for (const loaded of [...repository.models, ...repository.datasets]) diagnostics.push(...loaded.diagnostics);
  diagnostics.push(...checkIds(repository));
  for (const model of repository.models) diagnostics.push(...checkModelReferences(model, repository.datasets));
  for (const dataset of repository.datasets) diagnostics.push(...checkManifestReferences(dataset));
  if (!options.skipData) {
    for (const validator of dataValidators) diagnostics.push(...(await validator(repository, selected)));
  }
  return { repository, diagnostics: sortDiagnostics(diagnostics.filter((d) => selected(d.file))) };
}

function selector(paths: readonly string[]): (file: string) => boolean {
  const prefixes = paths.map((path) => path.replace(/^\.\//, "").replace(/\/$/, ""));
  if (prefixes.length === 0 || prefixes.includes(".")) return () => true;
  return (file) => prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix}/`));
}
