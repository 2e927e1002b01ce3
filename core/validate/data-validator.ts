import { boundProblem, boundsInverted } from "../data/column-checks.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { Repository } from "../load/repository.ts";
import type { Diagnostic } from "../util/diagnostic.ts";
import { checkDigests, type ManifestReporter, manifestReporter, resolveDataFiles } from "./integrity.ts";
import { registerDataValidator } from "./validate-repository.ts";

/** Reports `min`/`max` that cannot be checked (wrong type for the column, not an ISO date, min > max). */
export function checkColumnBounds(loaded: LoadedDatasetManifest, report: ManifestReporter): void {
  loaded.manifest?.columns.forEach((column, index) => {
    for (const key of ["min", "max"] as const) {
      const bound = column[key];
      const problem = bound === undefined ? undefined : boundProblem(column, bound);
      if (problem)
        report(["columns", index, key], {
          code: "data.bound-invalid",
          message: `${key} ${JSON.stringify(bound)} of column "${column.name}": ${problem}`,
          hint: `write ${key} as a number for number/integer columns, an ISO date for datetime, or remove it`,
        });
    }
    if (boundsInverted(column))
      report(["columns", index, "min"], {
        code: "data.bound-invalid",
        message: `min ${JSON.stringify(column.min)} of column "${column.name}" is larger than max ${JSON.stringify(column.max)}`,
        hint: "swap min and max",
      });
  });
}

/**
 * Data integrity and data checks for every selected dataset with a valid manifest: paths,
 * existence, streamed sha256 and size, then one DuckDB scan per file. DuckDB is loaded only
 * when there are local files to scan; hashing runs alongside the scans.
 */
export async function validateData(repository: Repository, selected: (file: string) => boolean): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const targets = repository.datasets.filter((loaded) => loaded.manifest && selected(loaded.file));
  const datasets = await Promise.all(
    targets.map(async (loaded) => {
      const report = manifestReporter(loaded, out);
      checkColumnBounds(loaded, report);
      return { loaded, report, files: await resolveDataFiles(repository.root, loaded, report) };
    }),
  );
  const withFiles = datasets.filter((dataset) => dataset.files.length > 0);
  const hashing = checkDigests(withFiles.flatMap(({ files, report }) => files.map((file) => ({ file, report }))));
  if (withFiles.length > 0) {
    const { runDataChecks } = await import("./dataset-checks.ts");
    await runDataChecks(withFiles);
  }
  await hashing;
  return out;
}

registerDataValidator(validateData);
