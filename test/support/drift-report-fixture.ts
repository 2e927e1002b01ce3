import { type DriftReport, DriftReportSchema } from "../../core/schemas/drift-report.ts";

/** A drift report of the documented shape: `drifted` decides the verdict. */
export function driftReport(date: string, drifted: boolean): DriftReport {
  const column = (name: string, drift: boolean) => ({
    column: name,
    type: "number",
    test: "ks",
    direction: "p_value" as const,
    statistic: drift ? 0.41 : 0.03,
    p_value: drift ? 0.00001234 : 0.62,
    threshold: 0.05,
    drifted: drift,
    reference_rows: 200,
    current_rows: 180,
    reason: "numeric column: two-sample Kolmogorov–Smirnov",
    warnings: [],
  });
  return DriftReportSchema.parse({
    apiVersion: "almanac/v1",
    kind: "DriftReport",
    model: "penguin-species",
    date,
    reference: { source: "datasets/penguins (train split)", kind: "raw", rows: 200 },
    current: { source: "monitoring/penguins-current.csv", rows: 180 },
    dataset_drift: drifted,
    drift_share: drifted ? 0.5 : 0,
    drift_share_threshold: 0.5,
    drifted_columns: drifted ? 2 : 0,
    columns: [
      column("bill_length_mm", drifted),
      column("flipper|length", drifted),
      column("body_mass_g", false),
      column("year", false),
    ],
  });
}
