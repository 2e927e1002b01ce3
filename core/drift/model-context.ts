import type { TimeWindow } from "../data/sample-sql.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { LoadedModelCard } from "../load/model-card.ts";
import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { usageError } from "../util/errors.ts";
import { preflightModel } from "../validate/preflight.ts";

/** A model card with its dataset manifest, both valid. */
export interface ModelContext {
  loaded: LoadedModelCard;
  card: ModelCard;
  dataset: LoadedDatasetManifest;
  manifest: DatasetManifest;
}

/** Where a model's drift report for a date is written, from the repository root. */
export function driftReportPath(model: string, date: string): string {
  return `reports/drift/${model}/${date}.json`;
}

/**
 * A valid model card and its dataset, or the positioned findings that stop drift; with
 * `monitoring`, the card's monitoring.current must name data too.
 */
export async function loadModel(
  root: string,
  id: string,
  options: { monitoring?: boolean } = {},
): Promise<ModelContext> {
  return preflightModel(root, id, { verb: "compute drift for", ...options });
}

/**
 * The time window on the current data: the card's monitoring.window with --since / --until
 * over it, on monitoring.timestamp (else the manifest's timestamp column).
 */
export function windowOf(
  { card, manifest, loaded }: ModelContext,
  bounds: { since?: string; until?: string },
): { column?: string; window?: TimeWindow } {
  const window: TimeWindow = { ...card.monitoring?.window };
  if (bounds.since !== undefined) window.start = bounds.since;
  if (bounds.until !== undefined) window.end = bounds.until;
  if (window.start === undefined && window.end === undefined) return {};
  const column = card.monitoring?.timestamp ?? manifest.columns.find((entry) => entry.role === "timestamp")?.name;
  if (!column)
    throw usageError(
      `${loaded.file}: a time window needs a timestamp column`,
      "set monitoring.timestamp, or a column with role timestamp in the manifest",
    );
  for (const bound of [window.start, window.end])
    if (bound !== undefined && Number.isNaN(Date.parse(bound)))
      throw usageError(`time window bound "${bound}" is not a date`, "use an ISO date such as 2015-01-01");
  return { column, window };
}

/** The training split in words, e.g. "training split of seattle-weather 1.0.0 (hash of row_id, seed 11, …)". */
export function splitDescription(manifest: DatasetManifest): string {
  const split = manifest.split;
  const rule =
    split.method === "hash"
      ? `hash of ${split.key}, seed ${split.seed}, test_fraction ${split.test_fraction}`
      : split.method === "column"
        ? `${split.column} not in ${split.test_values.join(", ")}`
        : "files marked train";
  return `training split of ${manifest.id} ${manifest.version} (${rule})`;
}

/** The manifest's files as DuckDB opens them (absolute paths, or URIs). */
export function manifestFiles(root: string, dataset: LoadedDatasetManifest): string[] {
  const folder = `${root}/datasets/${dataset.folder}`;
  return (dataset.manifest?.files ?? []).map((file) => file.uri ?? `${folder}/${file.path}`);
}
