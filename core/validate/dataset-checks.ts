import { crossFileDuplicatesSql } from "../data/check-sql.ts";
import { type Database, openDatabase } from "../data/duckdb.ts";
import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import { plural } from "../util/plural.ts";
import { type FileScan, scanDataFile } from "./data-checks.ts";
import type { LocalDataFile, ManifestReporter } from "./integrity.ts";

/**
 * Below this file size DuckDB's worker threads cost more than they save (each query is a
 * few milliseconds of planning and setup), so small repositories scan on one thread.
 */
const PARALLEL_SCAN_BYTES = 16 * 1024 * 1024;

/** A dataset whose files are ready to scan. */
export interface DatasetToCheck {
  loaded: LoadedDatasetManifest;
  files: LocalDataFile[];
  report: ManifestReporter;
}

function checkRowBounds(manifest: DatasetManifest, total: number, report: ManifestReporter): void {
  const bounds = manifest.checks.rows;
  if (bounds?.min !== undefined && total < bounds.min)
    report(["checks", "rows", "min"], {
      code: "data.rows-min",
      message: `the dataset has ${plural(total, "row")}, fewer than checks.rows.min ${bounds.min}`,
      hint: "add the missing data, or lower checks.rows.min if the smaller dataset is intended",
    });
  if (bounds?.max !== undefined && total > bounds.max)
    report(["checks", "rows", "max"], {
      code: "data.rows-max",
      message: `the dataset has ${plural(total, "row")}, more than checks.rows.max ${bounds.max}`,
      hint: "remove duplicated or stray data, or raise checks.rows.max",
    });
}

function checkNullFractions(
  manifest: DatasetManifest,
  scans: readonly FileScan[],
  total: number,
  report: ManifestReporter,
): void {
  if (total === 0) return;
  manifest.columns.forEach((column, index) => {
    const nulls = scans.reduce((sum, scan) => sum + (scan.nulls.get(index) ?? 0), 0);
    const share = nulls / total;
    const bounds: [readonly PropertyKey[], number | undefined, string][] = [
      [["columns", index, "max_null_fraction"], column.max_null_fraction, "max_null_fraction"],
      [["checks", "null_fraction", column.name], manifest.checks.null_fraction[column.name], "checks.null_fraction"],
    ];
    for (const [path, bound, label] of bounds) {
      if (bound === undefined || share <= bound) continue;
      report(path, {
        code: "data.null-fraction",
        message: `column "${column.name}" is ${(share * 100).toFixed(1)}% empty (${nulls} of ${plural(total, "row")}), above ${label} ${bound}`,
        hint: `fill the missing cells, or raise ${label} to at least ${Math.ceil(share * 1000) / 1000}`,
      });
    }
  });
}

async function checkCrossFileUniqueness(
  db: Database,
  manifest: DatasetManifest,
  scans: readonly FileScan[],
  report: ManifestReporter,
): Promise<void> {
  if (scans.length < 2) return;
  for (const [index, column] of manifest.columns.entries()) {
    if (!column.unique) continue;
    const parts = scans.flatMap((scan) => {
      const plan = scan.plans.find((candidate) => candidate.index === index);
      return plan ? [{ source: scan.source, typed: plan.typed }] : [];
    });
    if (parts.length < 2) continue;
    const [row] = await db.all(crossFileDuplicatesSql(parts));
    const within = scans.reduce((sum, scan) => sum + (scan.duplicates.get(index) ?? 0), 0);
    const duplicates = Number(row?.duplicates ?? 0) - within;
    if (duplicates > 0)
      report(["columns", index, "unique"], {
        code: "data.duplicate",
        message: `unique column "${column.name}": ${duplicates} ${duplicates === 1 ? "row repeats" : "rows repeat"} a value of another file`,
        hint: "make the values distinct across all files, or set unique: false",
      });
  }
}

async function checkDataset(db: Database, dataset: DatasetToCheck): Promise<void> {
  const manifest = dataset.loaded.manifest;
  if (!manifest) return;
  const scans: FileScan[] = [];
  for (const file of dataset.files) {
    const scan = await scanDataFile(db, manifest, file, dataset.report);
    if (scan) scans.push(scan);
  }
  if (scans.length !== dataset.files.length) return;
  const total = scans.reduce((sum, scan) => sum + scan.rows, 0);
  checkRowBounds(manifest, total, dataset.report);
  checkNullFractions(manifest, scans, total, dataset.report);
  await checkCrossFileUniqueness(db, manifest, scans, dataset.report);
}

/**
 * Runs the data checks of every dataset through one DuckDB instance, which this module opens
 * and closes (it is imported lazily, so validating without data never loads DuckDB).
 */
export async function runDataChecks(datasets: readonly DatasetToCheck[]): Promise<void> {
  const largest = Math.max(...datasets.flatMap((dataset) => dataset.files.map((file) => file.entry.bytes)));
  const db = await openDatabase(largest < PARALLEL_SCAN_BYTES ? { threads: 1 } : {});
  try {
    for (const dataset of datasets) await checkDataset(db, dataset);
  } finally {
    db.close();
  }
}
