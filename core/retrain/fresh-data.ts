import { readdir } from "node:fs/promises";
import { join } from "node:path";
import picomatch from "picomatch";
import type { Database } from "../data/duckdb.ts";
import { windowSql } from "../data/sample-sql.ts";
import { formatFromPath, quoteIdentifier, readSourceSql } from "../data/sql.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { type AlmanacError, findingError, usageError } from "../util/errors.ts";

/** A fresh labelled file: what the new manifest entry and the report say about it. */
export interface FreshFile {
  /** Repository-relative path. */
  file: string;
  /** Path inside the dataset folder, as the manifest lists it. */
  path: string;
  rows: number;
  /** Smallest and largest timestamp (ISO text), when the card names a timestamp column. */
  first: string | null;
  last: string | null;
}

/** What the glob found, and why each file not taken was left out. */
export interface FreshData {
  files: FreshFile[];
  /** Matched files already in the manifest. */
  known: string[];
  /** Matched files whose rows all lie outside the monitoring window. */
  outside: string[];
  /** Every file the glob matched. */
  matched: string[];
}

/** Lists the files under `folder` (repository-relative) matching the glob, sorted. */
async function matchFiles(root: string, glob: string, folder: string): Promise<string[]> {
  const isMatch = picomatch(glob, { dot: false });
  const out: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (isMatch(path)) out.push(path);
    }
  };
  await walk(folder.replace(/\/$/, ""));
  return out.sort();
}

/** The per-file scan: rows, timestamp range and rows inside the window. Pure: tests read it. */
export function scanFreshSql(source: string, timestamp: string | null, inside: string | undefined): string {
  if (timestamp === null)
    return `SELECT count(*)::BIGINT AS n, NULL AS first, NULL AS last, count(*)::BIGINT AS inside FROM ${source}`;
  const column = quoteIdentifier(timestamp);
  return [
    `SELECT count(*)::BIGINT AS n, CAST(min(${column}) AS VARCHAR) AS first, CAST(max(${column}) AS VARCHAR) AS last,`,
    `count(*) FILTER (WHERE ${inside ?? "TRUE"})::BIGINT AS inside FROM ${source}`,
  ].join(" ");
}

/**
 * Finds the fresh labelled data of a card's retraining policy: files matching `retraining.data`
 * that the manifest does not list yet, limited to `monitoring.window` on `monitoring.timestamp`.
 * A file wholly outside the window is left out (and said so); a file straddling a bound is an
 * error naming it (a manifest lists whole files: split it at the bound). `files` may be empty:
 * {@link noFreshDataError} says why.
 */
export async function findFreshData(
  db: Database,
  root: string,
  card: ModelCard,
  dataset: LoadedDatasetManifest,
): Promise<FreshData> {
  const policy = card.retraining;
  const manifest = dataset.manifest;
  if (!policy || !manifest) throw usageError(`${card.id}: no retraining policy`);
  const folder = `datasets/${dataset.folder}/`;
  const listed = new Set(manifest.files.flatMap((file) => (file.path ? [`${folder}${file.path}`] : [])));
  const matched = await matchFiles(root, policy.data, folder);
  const known = matched.filter((file) => listed.has(file));
  const timestamp = card.monitoring?.timestamp ?? null;
  const window = card.monitoring?.window ?? {};
  const inside = timestamp ? windowSql(timestamp, window) : undefined;
  const files: FreshFile[] = [];
  const outside: string[] = [];
  for (const file of matched.filter((candidate) => !listed.has(candidate))) {
    const scanned = await scanFile(db, root, file, manifest.format, timestamp, inside);
    if (scanned.inside === 0) outside.push(file);
    else if (scanned.inside < scanned.rows)
      throw findingError(
        `${file}: ${scanned.rows - scanned.inside} of its ${scanned.rows} rows lie outside the monitoring window ${windowText(window)} (${timestamp} ${scanned.first} … ${scanned.last})`,
        "a dataset version lists whole files: split the file at the window's bound, or widen monitoring.window in the card",
      );
    else
      files.push({
        file,
        path: file.slice(folder.length),
        rows: scanned.rows,
        first: scanned.first,
        last: scanned.last,
      });
  }
  return { files, known, outside, matched };
}

/** The error of a retrain without fresh data: the window, the glob, what it matched and why each was left out. */
export function noFreshDataError(card: ModelCard, fresh: FreshData): AlmanacError {
  const window = card.monitoring?.window ?? {};
  const count = fresh.matched.length;
  return findingError(
    `${card.id}: no fresh labelled data in the monitoring window ${windowText(window)}: retraining.data "${card.retraining?.data}" matched ${count} file${count === 1 ? "" : "s"}${describeLeftOut(fresh.known, fresh.outside)}`,
    `add labelled files (the manifest's columns, target included) under datasets/${card.dataset.id}/ matching retraining.data, with ${card.monitoring?.timestamp ?? "rows"} inside the window`,
  );
}

async function scanFile(
  db: Database,
  root: string,
  file: string,
  format: NonNullable<LoadedDatasetManifest["manifest"]>["format"],
  timestamp: string | null,
  inside: string | undefined,
): Promise<{ rows: number; first: string | null; last: string | null; inside: number }> {
  const fileFormat = formatFromPath(file) ?? format;
  try {
    const [row] = await db.all(scanFreshSql(readSourceSql(join(root, file), fileFormat), timestamp, inside));
    return {
      rows: Number(row?.n ?? 0),
      first: (row?.first as string | null) ?? null,
      last: (row?.last as string | null) ?? null,
      inside: Number(row?.inside ?? 0),
    };
  } catch (error) {
    const message = ((error as Error).message.split("\n")[0] ?? "").replace(/^[A-Za-z ]*Error: /, "");
    throw findingError(
      `${file}: cannot read it as ${fileFormat}${timestamp ? ` with a timestamp column "${timestamp}"` : ""}: ${message}`,
      "fresh files need the manifest's columns and format (monitoring.timestamp names the time column)",
    );
  }
}

function windowText(window: { start?: string | undefined; end?: string | undefined }): string {
  return `[${window.start ?? "−∞"}, ${window.end ?? "∞"})`;
}

function describeLeftOut(known: readonly string[], outside: readonly string[]): string {
  const parts = [
    ...(known.length ? [`${known.length} already in the manifest (${known.join(", ")})`] : []),
    ...(outside.length ? [`${outside.length} outside the window (${outside.join(", ")})`] : []),
  ];
  return parts.length ? `: ${parts.join("; ")}` : "";
}
