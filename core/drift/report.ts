import { API_VERSION } from "../schemas/common.ts";
import type { DriftColumnResult, DriftReport } from "../schemas/drift-report.ts";

/** Evidently's default share of drifted columns that declares dataset drift. */
export const DEFAULT_DRIFT_SHARE = 0.5;
export const DRIFT_REPORT_SCHEMA = "../../../schemas/drift-report.schema.json";

/** Columns with at least one computable result, and those among them with a drifted result. */
export function countDrifted(columns: readonly DriftColumnResult[]): { tested: number; drifted: number } {
  const tested = new Set<string>();
  const drifted = new Set<string>();
  for (const result of columns) {
    if (result.computable === false) continue;
    tested.add(result.column);
    if (result.drifted) drifted.add(result.column);
  }
  return { tested: tested.size, drifted: drifted.size };
}

/** Everything a report holds besides the dataset verdict, which {@link buildReport} derives. */
export type ReportParts = Omit<
  DriftReport,
  "apiVersion" | "kind" | "dataset_drift" | "drift_share" | "drifted_columns" | "drift_share_threshold"
> & { drift_share_threshold?: number };

/**
 * Assembles a drift report: the share of tested columns with a drifted result (a column with
 * several tests counts once, as drifted when any of its tests drifted) and the dataset verdict,
 * `drift_share ≥ drift_share_threshold`, as Evidently.
 */
export function buildReport(parts: ReportParts): DriftReport {
  const threshold = parts.drift_share_threshold ?? DEFAULT_DRIFT_SHARE;
  const { tested, drifted } = countDrifted(parts.columns);
  const share = tested === 0 ? 0 : drifted / tested;
  const { $schema, model, date, reference, current, columns, ...rest } = parts;
  return {
    ...($schema ? { $schema } : {}),
    apiVersion: API_VERSION,
    kind: "DriftReport",
    ...(model ? { model } : {}),
    date,
    reference,
    current,
    dataset_drift: tested > 0 && share >= threshold,
    drift_share: share,
    drift_share_threshold: threshold,
    drifted_columns: drifted,
    columns,
    schema_changes: rest.schema_changes,
    null_rates: rest.null_rates,
    new_categories: rest.new_categories,
    ...(rest.skipped && rest.skipped.length > 0 ? { skipped: rest.skipped } : {}),
    ...(rest.notes && rest.notes.length > 0 ? { notes: rest.notes } : {}),
  };
}
