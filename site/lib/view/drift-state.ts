import type { LoadedDriftReport } from "../data/reports.ts";

/** Drift states the catalogue filters by. */
export const DRIFT_STATES = ["drifting", "stable", "unmonitored"] as const;
export type DriftState = (typeof DRIFT_STATES)[number];

/** Labels shown for each state. */
export const DRIFT_STATE_LABELS: Record<DriftState, string> = {
  drifting: "Drifting",
  stable: "No drift",
  unmonitored: "No drift reports",
};

/** The state of a model from its latest drift report (reports oldest first). */
export function driftState(reports: readonly LoadedDriftReport[] | undefined): DriftState {
  const latest = reports?.at(-1);
  if (!latest) return "unmonitored";
  return latest.report.dataset_drift ? "drifting" : "stable";
}
