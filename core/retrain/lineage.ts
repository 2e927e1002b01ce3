import { readdir, readFile } from "node:fs/promises";
import { modelPaths } from "../lifecycle/paths.ts";
import { DriftReportSchema } from "../schemas/drift-report.ts";
import type { RetrainingRecord } from "../schemas/retraining.ts";

/** The retraining's trigger: the model's newest valid drift report, or null when it has none. */
export async function readTrigger(root: string, id: string): Promise<RetrainingRecord["trigger"]> {
  const folder = modelPaths(id).driftFolder;
  const names = (await readdir(`${root}/${folder}`).catch(() => [] as string[]))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .reverse();
  for (const name of names) {
    const path = `${folder}${name}`;
    try {
      const parsed = DriftReportSchema.safeParse(JSON.parse(await readFile(`${root}/${path}`, "utf8")));
      if (!parsed.success) continue;
      const report = parsed.data;
      return {
        drift_report: path,
        date: report.date,
        drifted: report.dataset_drift,
        drift_share: report.drift_share,
        drifted_columns: report.columns.filter((column) => column.drifted).map((column) => column.column),
      };
    } catch {}
  }
  return null;
}
