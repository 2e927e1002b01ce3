import { withDatabase } from "../data/duckdb.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { LoadedModelCard } from "../load/model-card.ts";
import { findDataset, findModel, loadRepository, type Repository } from "../load/repository.ts";
import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { type Diagnostic, sortDiagnostics } from "../util/diagnostic.ts";
import { DiagnosticsError, usageError } from "../util/errors.ts";
import { didYouMean } from "../util/suggest.ts";
import { cardReferences } from "./card-references.ts";
import { checkIds, checkModelReferences } from "./cross-references.ts";
import { checkDataFileColumns } from "./data-checks.ts";
import { manifestReporter, resolveDataFiles } from "./integrity.ts";
import { checkManifestReferences } from "./manifest-references.ts";
import { checkMonitoringSource } from "./monitoring-sources.ts";

/** A model whose card and dataset passed the checks a command needs. */
export interface CheckedModel {
  loaded: LoadedModelCard;
  card: ModelCard;
  dataset: LoadedDatasetManifest;
  manifest: DatasetManifest;
}

/** A dataset whose manifest and files passed the checks a command needs. */
export interface CheckedDataset {
  dataset: LoadedDatasetManifest;
  manifest: DatasetManifest;
}

/**
 * What `train`, `evaluate` and `drift` check before they start: the card and its dataset's
 * manifest against their schemas and each other (as `almanac validate` does), the data files
 * present with every declared column (their headers or stored schemas are read, not the rows),
 * and with `monitoring`, that the card's monitoring.current names data. Throws a
 * {@link DiagnosticsError} with every finding, positioned in the card or manifest, so a typo
 * never reaches DuckDB as "Referenced column not found". An unknown model id is a usage error.
 */
export async function preflightModel(
  root: string,
  id: string,
  options: { verb: string; monitoring?: boolean },
): Promise<CheckedModel> {
  const repository = await loadRepository(root);
  const loaded = findModel(repository, id);
  if (!loaded)
    throw usageError(
      `unknown model "${id}"`,
      didYouMean(
        id,
        repository.models.map((model) => model.card?.id ?? model.folder),
      ),
    );
  const datasetId = cardReferences(loaded)?.dataset.id;
  const dataset = datasetId === undefined ? undefined : findDataset(repository, datasetId);
  const diagnostics = documentFindings(repository, loaded, dataset);
  if (options.monitoring) await checkMonitoringSource(root, loaded, diagnostics);
  stopOnErrors(diagnostics, `cannot ${options.verb} ${id}`);
  const card = loaded.card as ModelCard;
  const checked = dataset as LoadedDatasetManifest & { manifest: DatasetManifest };
  stopOnErrors(await dataFileFindings(root, checked), `cannot ${options.verb} ${id}`);
  return { loaded, card, dataset: checked, manifest: checked.manifest };
}

/** The same checks for a dataset alone (`almanac profile`): its manifest and its data files. */
export async function preflightDataset(root: string, id: string, options: { verb: string }): Promise<CheckedDataset> {
  const repository = await loadRepository(root);
  const dataset = findDataset(repository, id);
  if (!dataset)
    throw usageError(
      `unknown dataset "${id}"`,
      didYouMean(
        id,
        repository.datasets.map((entry) => entry.manifest?.id ?? entry.folder),
      ),
    );
  stopOnErrors(documentFindings(repository, undefined, dataset), `cannot ${options.verb} ${id}`);
  const checked = dataset as LoadedDatasetManifest & { manifest: DatasetManifest };
  stopOnErrors(await dataFileFindings(root, checked), `cannot ${options.verb} ${id}`);
  return { dataset: checked, manifest: checked.manifest };
}

/** Schema and reference findings about the card and the manifest (no file is read). */
function documentFindings(
  repository: Repository,
  loaded: LoadedModelCard | undefined,
  dataset: LoadedDatasetManifest | undefined,
): Diagnostic[] {
  const files = new Set([loaded?.file, dataset?.file]);
  const out: Diagnostic[] = checkIds(repository).filter((diagnostic) => files.has(diagnostic.file));
  if (loaded) out.push(...loaded.diagnostics, ...checkModelReferences(loaded, repository.datasets));
  if (dataset) out.push(...dataset.diagnostics, ...checkManifestReferences(dataset));
  return out;
}

/** Each local data file exists inside the dataset folder and has every declared column. */
async function dataFileFindings(
  root: string,
  dataset: LoadedDatasetManifest & { manifest: DatasetManifest },
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const report = manifestReporter(dataset, out);
  const files = await resolveDataFiles(root, dataset, report);
  if (files.length > 0)
    await withDatabase(async (db) => {
      for (const file of files) await checkDataFileColumns(db, dataset.manifest, file, report);
    });
  return out;
}

/** Throws the errors among `diagnostics` (warnings do not stop a command). */
function stopOnErrors(diagnostics: readonly Diagnostic[], what: string): void {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0)
    throw new DiagnosticsError(
      what,
      sortDiagnostics(errors),
      "fix these in the card or manifest (`almanac validate` lists every finding), then run again",
    );
}
