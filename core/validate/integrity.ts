import { lstat, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, posix, sep } from "node:path";
import { type FileDigest, hashFile } from "../data/hash-file.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { DataFile } from "../schemas/dataset-manifest.ts";
import { type Diagnostic, defineDiagnostic } from "../util/diagnostic.ts";
import { mapLimit } from "../util/map-limit.ts";

/** A manifest file entry whose path is safe and exists on disk. */
export interface LocalDataFile {
  /** Index in the manifest's `files`. */
  index: number;
  entry: DataFile;
  /** The path as written in the manifest, e.g. `data/train.csv`. */
  path: string;
  /** Absolute path on disk (symlinks resolved). */
  absolute: string;
}

/** Pushes a diagnostic at a path of the manifest. */
export type ManifestReporter = (
  path: readonly PropertyKey[],
  fields: { code: string; message: string; hint: string; severity?: Diagnostic["severity"] },
) => void;

/** A reporter that positions diagnostics with the manifest's YAML document. */
export function manifestReporter(loaded: LoadedDatasetManifest, out: Diagnostic[]): ManifestReporter {
  return (path, fields) => {
    const position = loaded.document?.locate(path) ?? { line: 1, column: 1 };
    const field = path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
    out.push(defineDiagnostic({ file: loaded.file, ...position, field: field.replace(/^\./, ""), ...fields }));
  };
}

/** Why a manifest path is unsafe before touching the disk (absolute, or climbing out with ..). Pure. */
export function pathProblem(path: string): { code: string; message: string; hint: string } | undefined {
  if (isAbsolute(path) || posix.isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path))
    return {
      code: "data.path-absolute",
      message: `path "${path}" is absolute; data paths are relative to the dataset folder`,
      hint: "move the file into the dataset folder (e.g. data/) and write its path relative to it",
    };
  if (path.split(/[\\/]/).includes(".."))
    return {
      code: "data.path-escape",
      message: `path "${path}" leaves the dataset folder (..)`,
      hint: "keep data files inside the dataset folder, e.g. data/<file>, or use uri: for remote data",
    };
  return undefined;
}

/**
 * Checks each file entry's path (inside the dataset folder, no symlink out of the repository,
 * exists, a regular file) and returns the files that can be read. Remote `uri` entries are
 * reported as not checked locally (a warning).
 */
export async function resolveDataFiles(
  root: string,
  loaded: LoadedDatasetManifest,
  report: ManifestReporter,
): Promise<LocalDataFile[]> {
  const manifest = loaded.manifest;
  if (!manifest) return [];
  const realRoot = await realpath(root);
  const folder = join(root, loaded.file, "..");
  const resolved = await Promise.all(
    manifest.files.map(async (entry, index) => {
      if (entry.uri !== undefined) {
        report(["files", index, "uri"], {
          code: "data.remote-not-checked",
          severity: "warning",
          message: `${entry.uri} is remote: its sha256, size, rows and data checks are not checked locally`,
          hint: "commit a small sample under data/ to check it here, or check the remote copy in its own pipeline",
        });
        return undefined;
      }
      const path = entry.path ?? "";
      const problem = pathProblem(path);
      if (problem) {
        report(["files", index, "path"], problem);
        return undefined;
      }
      const absolute = await locateOnDisk(join(folder, path), realRoot, path, (fields) =>
        report(["files", index, "path"], fields),
      );
      return absolute === undefined ? undefined : { index, entry, path, absolute };
    }),
  );
  return resolved.filter((file): file is LocalDataFile => file !== undefined);
}

async function locateOnDisk(
  candidate: string,
  realRoot: string,
  path: string,
  report: (fields: { code: string; message: string; hint: string }) => void,
): Promise<string | undefined> {
  const link = await lstat(candidate).catch(() => undefined);
  const real = link ? await realpath(candidate).catch(() => undefined) : undefined;
  if (!real) {
    report({
      code: "data.file-missing",
      message: link ? `${path} is a symlink to a file that does not exist` : `${path} does not exist`,
      hint: "add the file, fix the path, or remove the entry from files",
    });
    return undefined;
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    report({
      code: "data.path-symlink-escape",
      message: `${path} is a symlink that resolves outside the repository (${real})`,
      hint: "copy the file into the dataset folder instead of linking to it, or use uri: for remote data",
    });
    return undefined;
  }
  if (!(await stat(real)).isFile()) {
    report({ code: "data.not-a-file", message: `${path} is not a regular file`, hint: "point path at a data file" });
    return undefined;
  }
  return real;
}

/** Compares a file's streamed digest with its manifest entry. Pure given the digest. */
export function compareDigest(file: LocalDataFile, digest: FileDigest, report: ManifestReporter): void {
  const { entry, path, index } = file;
  if (digest.bytes !== entry.bytes)
    report(["files", index, "bytes"], {
      code: "data.bytes-mismatch",
      message: `${path} is ${digest.bytes} bytes, the manifest says ${entry.bytes}${digest.bytes < entry.bytes ? " (truncated?)" : ""}`,
      hint: `if the new file is intended, set bytes: ${digest.bytes} and sha256: ${digest.sha256}, and bump version`,
    });
  if (digest.sha256 !== entry.sha256)
    report(["files", index, "sha256"], {
      code: "data.sha256-mismatch",
      message: `${path} does not match its sha256: the file hashes to ${digest.sha256.slice(0, 12)}…, the manifest says ${entry.sha256.slice(0, 12)}…`,
      hint: `the data changed; if intended, set sha256: ${digest.sha256} (and bytes, rows) and bump version`,
    });
}

/** Files hashed at once: enough to keep the disk and a core busy, few enough open descriptors. */
const HASH_CONCURRENCY = 8;

/** Hashes each file (streamed, a few at a time) and reports size and hash mismatches. */
export async function checkDigests(files: readonly { file: LocalDataFile; report: ManifestReporter }[]): Promise<void> {
  await mapLimit(files, HASH_CONCURRENCY, async ({ file, report }) => {
    try {
      compareDigest(file, await hashFile(file.absolute), report);
    } catch (error) {
      report(["files", file.index, "path"], {
        code: "data.read-error",
        message: `${file.path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        hint: "check the file's permissions",
      });
    }
  });
}
