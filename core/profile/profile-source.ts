import { relative } from "node:path";
import { type DatabaseOptions, withDatabase } from "../data/duckdb.ts";
import type { DataSource } from "../data/source.ts";
import { loadSample } from "../drift/samples.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import { API_VERSION } from "../schemas/common.ts";
import type { Profile } from "../schemas/profile.ts";
import { resolveDatasetFiles } from "../train/dataset-files.ts";
import { usageError } from "../util/errors.ts";
import { profileSpecs } from "./columns.ts";
import { profileTable } from "./profile-table.ts";

/** Where a dataset version's profile is written, from the repository root. */
export function profilePath(dataset: string, version: string): string {
  return `reports/profiles/${dataset}/${version}.json`;
}

/** `$schema` of a profile written under reports/profiles/<dataset>/. */
export const PROFILE_SCHEMA_REF = "../../../schemas/profile.schema.json";

/**
 * Profiles a source (one file, a glob of shards, or a list): reads it once into DuckDB (CSV and
 * JSON parsed once; Parquet scanned in place) and profiles every column there.
 */
export async function profileSource(
  source: DataSource,
  options: { declared?: LoadedDatasetManifest["manifest"]; files?: string[]; database?: DatabaseOptions } = {},
): Promise<Profile> {
  return withDatabase(async (db) => {
    const sample = await loadSample(db, "profiled", source, options.declared ? { manifest: options.declared } : {});
    await sample.materialize?.();
    const specs = profileSpecs(sample.columns, options.declared?.columns);
    const { rows, columns } = await profileTable(db, "profiled", specs);
    return {
      apiVersion: API_VERSION,
      kind: "DatasetProfile",
      source: { files: options.files ?? source.files, format: source.format },
      rows,
      columns,
    };
  }, options.database ?? {});
}

/**
 * Profiles a dataset version from its manifest: every file (hashes checked against the
 * manifest), the manifest's column types; `version` must be the manifest's.
 */
export async function profileDataset(
  root: string,
  dataset: LoadedDatasetManifest,
  version?: string,
  database?: DatabaseOptions,
): Promise<Profile> {
  const manifest = dataset.manifest;
  if (!manifest) throw usageError(`${dataset.file} is not a valid manifest`, "run `almanac validate` and fix it first");
  if (version !== undefined && version !== manifest.version)
    throw usageError(
      `dataset ${manifest.id} is at version ${manifest.version} in this checkout, not ${version}`,
      `profile it as ${manifest.version}, or check out the commit of version ${version} first`,
    );
  const files = await resolveDatasetFiles(root, dataset);
  const source: DataSource = {
    label: dataset.file,
    files: files.map((file) => file.location),
    format: manifest.format,
  };
  const profile = await profileSource(source, {
    declared: manifest,
    files: files.map((file) => (file.location.startsWith(root) ? relative(root, file.location) : file.path)),
    ...(database ? { database } : {}),
  });
  const { apiVersion, kind, ...rest } = profile;
  return { $schema: PROFILE_SCHEMA_REF, apiVersion, kind, dataset: manifest.id, version: manifest.version, ...rest };
}
