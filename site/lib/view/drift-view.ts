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

/** Reports a model page's per-column trend table shows (the newest); each report page has the rest. */
export const MAX_TREND_REPORTS = 6;

/** One column across a model's recent reports: its statistic and verdict in each (undefined when not tested). */
export interface ColumnTrend {
  column: string;
  cells: ({ statistic: number | null; drifted: boolean; test: string } | undefined)[];
}

/** A model's drift: the history chart, every report, and the latest in detail. */
export interface DriftView {
  /** The reports the trend table covers, oldest first. */
  trendReports: { date: string; href: string }[];
  columnTrends: ColumnTrend[];
  state: DriftState;
  /** Drawn from two reports on; one report is a sentence, not a lone dot. */
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

/** Each column's verdict across the newest reports (oldest first), columns in first-seen order. */
export function columnTrends(reports: readonly LoadedDriftReport[]): ColumnTrend[] {
  const columns = [...new Set(reports.flatMap(({ report }) => report.columns.map((column) => column.column)))];
  return columns.map((column) => ({
    column,
    cells: reports.map(({ report }) => {
      const result = report.columns.find((entry) => entry.column === column);
      return result ? { statistic: result.statistic, drifted: result.drifted, test: result.test } : undefined;
    }),
  }));
}

/** Builds the drift part of a model page from its reports (oldest first). */
export function buildDriftView(base: string, model: string, reports: readonly LoadedDriftReport[]): DriftView {
  const latest = reports.at(-1);
  const recent = reports.slice(-MAX_TREND_REPORTS);
  return {
    trendReports: recent.map(({ date }) => ({ date, href: routes.drift(base, model, date) })),
    columnTrends: reports.length >= 2 ? columnTrends(recent) : [],
    state: driftState(reports),
    shareChart:
      reports.length >= 2
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

/**
 * A drift test's recorded reason in a reader's words: committed reports name constants and
 * card paths (`≤ SMALL_SAMPLE_ROWS = 1000`, `set in models/x/model.md monitoring.columns.month`)
 * that mean nothing on the page without the source beside them.
 *
 * @example readableReason("set in models/rain/model.md monitoring.columns.month")
 * // "chosen for month in the model card's monitoring settings"
 */
export function readableReason(reason: string): string {
  return reason
    .replace(/\bset in \S+ monitoring\.columns\.(\S+)/g, "chosen for $1 in the model card's monitoring settings")
    .replace(
      /\bthreshold from \S+ monitoring\.columns\.(\S+)/g,
      "threshold from the model card's monitoring settings for $1",
    )
    .replace(/\(([≤<>≥]) [A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+ = ([\d.]+)\)/g, "($1 $2, the small-sample limit)")
    .replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+ = /g, "");
}

/** A report's neighbours in date order, for previous / next links between a model's reports. */
export function neighbourReports(
  base: string,
  model: string,
  reports: readonly LoadedDriftReport[],
  date: string,
): { previous: { date: string; href: string } | undefined; next: { date: string; href: string } | undefined } {
  const index = reports.findIndex((report) => report.date === date);
  const link = (report: LoadedDriftReport | undefined) =>
    report ? { date: report.date, href: routes.drift(base, model, report.date) } : undefined;
  return { previous: index > 0 ? link(reports[index - 1]) : undefined, next: link(reports[index + 1]) };
}
