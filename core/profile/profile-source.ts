import { relative } from "node:path";
import { type Database, type DatabaseOptions, withDatabase } from "../data/duckdb.ts";
import { parquetShardSql } from "../data/profile-sql.ts";
import type { DataSource } from "../data/source.ts";
import { firstLine, loadSample, type SampleSchema, viewSample } from "../drift/samples.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import { API_VERSION } from "../schemas/common.ts";
import type { Profile } from "../schemas/profile.ts";
import { resolveDatasetFiles } from "../train/dataset-files.ts";
import { usageError } from "../util/errors.ts";
import { profileSpecs } from "./columns.ts";
import { profileTable } from "./profile-table.ts";
import { type Shard, shardFileIndexes, shardPlan } from "./shard.ts";

/** Where a dataset version's profile is written, from the repository root. */
export function profilePath(dataset: string, version: string): string {
  return `reports/profiles/${dataset}/${version}.json`;
}

/** `$schema` of a profile written under reports/profiles/<dataset>/. */
export const PROFILE_SCHEMA_REF = "../../../schemas/profile.schema.json";

type ProfileSourceOptions = {
  declared?: LoadedDatasetManifest["manifest"];
  files?: string[];
  database?: DatabaseOptions;
  /** Profile only this shard of the source (see shard.ts). */
  shard?: Shard;
};

/** Loads the source, or the shard of it asked for, as the view `profiled`. */
async function loadProfiled(
  db: Database,
  source: DataSource,
  options: ProfileSourceOptions,
): Promise<{ sample: SampleSchema; files: string[]; shard?: Profile["shard"] }> {
  const files = options.files ?? source.files;
  const manifest = options.declared ? { manifest: options.declared } : {};
  if (!options.shard) return { sample: await loadSample(db, "profiled", source, manifest), files };
  const shard = shardPlan(source.files.length, source.format, options.shard, source.label);
  if (shard.by === "rows") {
    const query = parquetShardSql(source.files, shard.index, shard.count);
    const sample = await viewSample(db, "profiled", query, source.label).catch((error: unknown) => {
      throw usageError(
        `cannot read ${source.label}: ${firstLine(error)}`,
        "check that the files are well-formed Parquet",
      );
    });
    return { sample, files, shard };
  }
  const indexes = shardFileIndexes(source.files.length, shard);
  const part = { ...source, files: indexes.map((i) => source.files[i] as string) };
  return {
    sample: await loadSample(db, "profiled", part, manifest),
    files: indexes.map((i) => files[i] as string),
    shard,
  };
}

/**
 * Profiles a source (one file, a glob of shards, or a list), or one shard of it: reads it once
 * into DuckDB (CSV and JSON parsed once; Parquet scanned in place) and profiles every column there.
 */
export async function profileSource(source: DataSource, options: ProfileSourceOptions = {}): Promise<Profile> {
  return withDatabase(async (db) => {
    const { sample, files, shard } = await loadProfiled(db, source, options);
    await sample.materialize?.();
    const specs = profileSpecs(sample.columns, options.declared?.columns);
    const { rows, columns } = await profileTable(db, "profiled", specs);
    return {
      apiVersion: API_VERSION,
      kind: "DatasetProfile",
      source: { files, format: source.format },
      rows,
      ...(shard ? { shard } : {}),
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
  shard?: Shard,
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
    ...(shard ? { shard } : {}),
  });
  const { apiVersion, kind, ...rest } = profile;
  return { $schema: PROFILE_SCHEMA_REF, apiVersion, kind, dataset: manifest.id, version: manifest.version, ...rest };
}
