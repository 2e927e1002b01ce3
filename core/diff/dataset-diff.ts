import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { DatasetComparison } from "./types.ts";

const rowsOf = (manifest: DatasetManifest | undefined) =>
  manifest ? manifest.files.reduce((sum, file) => sum + file.rows, 0) : null;

/**
 * What changed in the model's dataset between base and head: id and version, rows, columns
 * added or removed, type changes, and files whose sha256 changed. Pure.
 */
export function compareDatasets(
  base: DatasetManifest | undefined,
  head: DatasetManifest | undefined,
): DatasetComparison | null {
  if (!head && !base) return null;
  const id = head?.id ?? base?.id ?? "";
  const baseColumns = new Map((base?.columns ?? []).map((column) => [column.name, column.type]));
  const headColumns = new Map((head?.columns ?? []).map((column) => [column.name, column.type]));
  const typesChanged: string[] = [];
  for (const [name, type] of headColumns) {
    const before = baseColumns.get(name);
    if (before !== undefined && before !== type) typesChanged.push(`${name}: ${before} → ${type}`);
  }
  const fileKey = (file: DatasetManifest["files"][number]) => file.path ?? file.uri ?? "";
  const baseFiles = new Map((base?.files ?? []).map((file) => [fileKey(file), file.sha256]));
  const headFiles = new Map((head?.files ?? []).map((file) => [fileKey(file), file.sha256]));
  const filesChanged = [...new Set([...baseFiles.keys(), ...headFiles.keys()])]
    .filter((key) => baseFiles.get(key) !== headFiles.get(key))
    .sort();
  const comparison: DatasetComparison = {
    id,
    baseId: base?.id ?? null,
    baseVersion: base?.version ?? null,
    headVersion: head?.version ?? null,
    rows: { base: rowsOf(base), head: rowsOf(head) },
    columnsAdded: [...headColumns.keys()].filter((name) => base !== undefined && !baseColumns.has(name)),
    columnsRemoved: [...baseColumns.keys()].filter((name) => head !== undefined && !headColumns.has(name)),
    typesChanged,
    filesChanged: base && head ? filesChanged : [],
    changed: false,
  };
  comparison.changed =
    comparison.baseId !== id ||
    comparison.baseVersion !== comparison.headVersion ||
    comparison.rows.base !== comparison.rows.head ||
    comparison.columnsAdded.length + comparison.columnsRemoved.length + typesChanged.length > 0 ||
    comparison.filesChanged.length > 0;
  return comparison;
}
