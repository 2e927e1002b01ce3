import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { DataFile } from "../schemas/dataset-manifest.ts";
import { findingError } from "../util/errors.ts";

/** A data file as read: where DuckDB opens it, how reports name it, and its verified hash. */
export interface ResolvedFile {
  /** Absolute path or URI passed to DuckDB. */
  location: string;
  /** Repository-relative path (or URI) recorded in provenance. */
  path: string;
  sha256: string;
  split: string | undefined;
}

/** SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Resolves a manifest's files and checks each local file's SHA-256 against the manifest, so an
 * evaluation never records a hash of data it did not read. Remote files (uri) are passed to
 * DuckDB as they are and recorded with the manifest's hash.
 */
export async function resolveDatasetFiles(root: string, dataset: LoadedDatasetManifest): Promise<ResolvedFile[]> {
  const manifest = dataset.manifest;
  if (!manifest) throw findingError(`${dataset.file} is not valid`, "run `almanac validate` and fix it first");
  const folder = `datasets/${dataset.folder}`;
  return Promise.all(
    manifest.files.map(async (file: DataFile) => {
      if (file.uri) return { location: file.uri, path: file.uri, sha256: file.sha256, split: file.split };
      const path = `${folder}/${file.path}`;
      const actual = await sha256File(`${root}/${path}`).catch((error: NodeJS.ErrnoException) => {
        throw findingError(
          `${path}: cannot read the data file (${error.code ?? error.message})`,
          "restore the file or fix files[].path in the manifest",
          dataset.file,
        );
      });
      if (actual !== file.sha256)
        throw findingError(
          `${path}: sha256 is ${actual}, the manifest says ${file.sha256}`,
          "the data changed: bump the dataset version and update the manifest (`almanac validate` shows every difference)",
          dataset.file,
        );
      return { location: `${root}/${path}`, path, sha256: actual, split: file.split };
    }),
  );
}
