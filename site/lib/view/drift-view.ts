import type { ChartDefinition } from "../../../core/charts/chart.ts";
import { distributionChart } from "../../../core/charts/distribution.ts";
import { driftShareChart } from "../../../core/charts/drift-share.ts";
import type { DriftReport } from "../../../core/schemas/drift-report.ts";
import type { LoadedDriftReport } from "../data/reports.ts";
import { routes } from "../urls.ts";
import { type DriftState, driftState } from "./drift-state.ts";

/** Columns whose histograms a model page draws; the drift report's own page draws all. */
export const MAX_MODEL_PAGE_HISTOGRAMS = 8;

/** One drift report in a model's list. */
export interface DriftReportLink {
  date: string;
  href: string;
  drifted: boolean;
  share: number;
  driftedColumns: number;
  columns: number;
}

/** A model's drift: the history chart, every report, and the latest in detail. */
export interface DriftView {
  state: DriftState;
  shareChart: ChartDefinition | undefined;
  /** Newest first. */
  reports: DriftReportLink[];
  latest: { date: string; href: string; report: DriftReport; histograms: ChartDefinition[] } | undefined;
}

/** Reference-versus-current histograms of a report's columns (those that carry one), at most `limit`. */
export function driftHistograms(report: DriftReport, limit = Number.POSITIVE_INFINITY): ChartDefinition[] {
  const seen = new Set<string>();
  const charts: ChartDefinition[] = [];
  for (const column of report.columns) {
    if (!column.histogram || seen.has(column.column) || charts.length >= limit) continue;
    seen.add(column.column);
    charts.push(
      distributionChart({
        column: column.column,
        labels: column.histogram.labels,
        series: { reference: column.histogram.reference, current: column.histogram.current },
      }),
    );
  }
  return charts;
}

/** Builds the drift part of a model page from its reports (oldest first). */
export function buildDriftView(base: string, model: string, reports: readonly LoadedDriftReport[]): DriftView {
  const latest = reports.at(-1);
  return {
    state: driftState(reports),
    shareChart:
      reports.length > 0
        ? driftShareChart(
            reports.map(({ date, report }) => ({
              date,
              share: report.drift_share,
              threshold: report.drift_share_threshold,
              drifted: report.dataset_drift,
            })),
          )
        : undefined,
    reports: [...reports].reverse().map(({ date, report }) => ({
      date,
      href: routes.drift(base, model, date),
      drifted: report.dataset_drift,
      share: report.drift_share,
      driftedColumns: report.drifted_columns,
      columns: report.columns.length,
    })),
    latest: latest
      ? {
          date: latest.date,
          href: routes.drift(base, model, latest.date),
          report: latest.report,
          histograms: driftHistograms(latest.report, MAX_MODEL_PAGE_HISTOGRAMS),
        }
      : undefined,
  };
}
