import { open, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import type { DataFormat } from "../schemas/common.ts";
import { usageError } from "../util/errors.ts";
import { formatFromPath, type ReadOptions, readSourceSql } from "./sql.ts";

/** A sample's files: one file, the files a glob matched, or a URI, all in one format. */
export interface DataSource {
  /** How messages name it: the path or glob as given. */
  label: string;
  /** Absolute paths (or the URI). */
  files: string[];
  format: DataFormat;
  /** How CSV columns are typed (see read-types.ts); DuckDB's sniffer decides without it. */
  read?: ReadOptions;
}

const URI = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Bytes read from the start of a file to check it is what its extension says. */
const SNIFF_BYTES = 512;
const PARQUET_MAGIC = "PAR1";

function formatOf(path: string, label: string, format: DataFormat | undefined): DataFormat {
  const found = format ?? formatFromPath(path);
  if (!found)
    throw usageError(
      `cannot tell the format of ${label}`,
      "use a .csv, .parquet, .json (array of records) or .ndjson file, or pass --format",
    );
  return found;
}

async function expand(spec: string, base: string): Promise<string[]> {
  if (!isDynamicPattern(spec)) {
    const path = resolve(base, spec);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw usageError(`file not found: ${spec}`, `paths are read from ${base}`);
    if (!info.isFile()) throw usageError(`not a file: ${spec}`, "give a file or a glob such as 'data/*.parquet'");
    return [path];
  }
  const pattern = isAbsolute(spec) ? relative(base, spec) : spec;
  const files = (await glob(pattern, { cwd: base, absolute: true, onlyFiles: true })).sort();
  if (files.length === 0)
    throw usageError(
      `the glob ${spec} matches no files`,
      `globs are matched from ${base}; quote them so the shell does not expand them`,
    );
  return files;
}

/** What the first bytes of a file say it is, as far as a mismatch with its extension can be told. */
export function sniffFormat(head: Uint8Array): "parquet" | "json" | "text" | "binary" {
  const text = new TextDecoder("latin1").decode(head);
  if (text.startsWith(PARQUET_MAGIC)) return "parquet";
  if (head.includes(0)) return "binary";
  return /^\s*[[{]/.test(text) ? "json" : "text";
}

/** Throws when a file's content contradicts its format (a CSV named .parquet, a Parquet named .csv, …). */
export async function checkFileFormat(path: string, label: string, format: DataFormat): Promise<void> {
  if (/\.(gz|zst)$/i.test(path)) return;
  const handle = await open(path, "r");
  const head = new Uint8Array(SNIFF_BYTES);
  const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0).finally(() => handle.close());
  if (bytesRead === 0) return;
  const seen = sniffFormat(head.subarray(0, bytesRead));
  const expected = format === "ndjson" ? "json" : format === "csv" ? "text" : format;
  if (seen === expected || (format === "csv" && seen === "json")) return;
  const what = { parquet: "a Parquet file", json: "JSON", text: "text (CSV?)", binary: "binary data" }[seen];
  throw usageError(
    `${label} is not ${format === "csv" ? "a CSV" : format === "parquet" ? "a Parquet" : "a JSON"} file: its content looks like ${what}`,
    "rename the file to match its content, or pass --format",
  );
}

/**
 * Resolves a path, glob or URI to a {@link DataSource}: relative paths and globs from `base`;
 * a glob matching nothing, a missing file, an unknown extension or a file whose content
 * contradicts its extension is a usage error with a hint.
 */
export async function resolveSource(spec: string, options: { base: string; format?: DataFormat }): Promise<DataSource> {
  if (URI.test(spec)) return { label: spec, files: [spec], format: formatOf(spec, spec, options.format) };
  const files = await expand(spec, options.base);
  const format = formatOf(files[0] as string, spec, options.format);
  for (const file of files) {
    const label = files.length === 1 ? spec : relative(options.base, file);
    if (!options.format && formatFromPath(file) !== format)
      throw usageError(`${spec} mixes formats: ${label} is not ${format}`, "give files of one format");
    await checkFileFormat(file, label, format);
  }
  return { label: spec, files, format };
}

/** The table function reading a source, e.g. `read_parquet(['/a.parquet'])`. */
export function sourceSql(source: DataSource): string {
  return readSourceSql(source.files, source.format, source.read);
}
