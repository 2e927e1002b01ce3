import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { DataDrift } from "../diff/types.ts";
import { runAdhocDrift } from "../drift/adhoc.ts";
import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { ObjectReader } from "./object-reader.ts";
import { readBytesAt } from "./ref-pair.ts";

/** One side of a data comparison: the manifest and the commit its files are read from. */
export interface DataSide {
  commit: string;
  manifest: DatasetManifest;
}

/**
 * Drift of the head version of a dataset against the base version, with the drift module's
 * own tests (Evidently's default choice per column): the committed data files of both
 * commits are copied out of git (through the shared object reader) into a temporary folder
 * and compared with DuckDB. Remote files (uri) cannot be read from git: then a problem.
 */
export async function dataDrift(
  reader: ObjectReader,
  base: DataSide,
  head: DataSide,
): Promise<{ drift?: DataDrift; problem?: string }> {
  const remote = [base, head].some((side) => side.manifest.files.some((file) => file.path === undefined));
  if (remote) return { problem: "data files are remote (uri): drift between versions is computed by `almanac drift`" };
  const folder = await mkdtemp(join(tmpdir(), "almanac-data-drift-"));
  try {
    const globs: string[] = [];
    for (const [label, side] of [["base", base] as const, ["head", head] as const]) {
      for (const file of side.manifest.files) {
        const path = `datasets/${side.manifest.id}/${file.path}`;
        const bytes = await readBytesAt(reader, side.commit, path);
        if (!bytes) return { problem: `${path} is not in git at the ${label}` };
        const target = join(folder, label, file.path as string);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, bytes);
      }
      globs.push(join(folder, label, "**", `*${extensionOf(side.manifest)}`));
    }
    const report = await runAdhocDrift({
      reference: globs[0] as string,
      current: globs[1] as string,
      base: folder,
      format: head.manifest.format,
      date: new Date(0).toISOString().slice(0, 10),
    });
    return {
      drift: {
        drifted: report.dataset_drift,
        share: report.drift_share,
        threshold: report.drift_share_threshold,
        columns: new Set(report.columns.map((column) => column.column)).size,
        driftedColumns: [...new Set(report.columns.filter((c) => c.drifted).map((c) => c.column))],
        referenceRows: report.reference.rows,
        currentRows: report.current.rows,
      },
    };
  } catch (error) {
    return { problem: `the data versions could not be drift-tested: ${(error as Error).message.split("\n")[0]}` };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function extensionOf(manifest: DatasetManifest): string {
  const first = manifest.files[0]?.path ?? "";
  const match = /\.[A-Za-z0-9]+(\.gz)?$/.exec(first);
  return match ? match[0] : "";
}
