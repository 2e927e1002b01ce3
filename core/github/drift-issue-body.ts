import type { DriftReport } from "../schemas/drift-report.ts";
import { plural } from "../util/plural.ts";
import { formatNumber, safeCode } from "./markdown.ts";

/** Links shown in drift issues and their comments. */
export interface DriftLinks {
  /** The committed report file (a blob URL on the default branch). */
  reportUrl?: string | undefined;
  /** The workflow run that computed it. */
  runUrl?: string | undefined;
}

/** The issue title for a drifting model; also how an issue is found when its marker was edited away. */
export function driftIssueTitle(model: string): string {
  return `Drift detected: ${model}`;
}

/** "3 of 7 columns drifted (share 0.43, dataset drift at ≥ 0.5)". */
export function driftHeadline(report: DriftReport): string {
  const total = report.columns.length;
  const verdict = report.dataset_drift ? "dataset drift" : "no dataset drift";
  return (
    `${report.drifted_columns} of ${plural(total, "column")} drifted (share ${formatNumber(report.drift_share)}; ` +
    `${verdict}, threshold ≥ ${formatNumber(report.drift_share_threshold)})`
  );
}

/** Markdown table of the drifted columns: test, direction-aware statistic and the threshold applied. */
export function driftedColumnsTable(report: DriftReport): string {
  const drifted = report.columns.filter((column) => column.drifted);
  if (drifted.length === 0) return "_No column drifted._";
  const rows = drifted.map((column) => {
    const judged = column.direction === "p_value" ? `p = ${formatNumber(column.p_value)}` : "distance";
    return `| ${safeCode(column.column)} | ${safeCode(column.test)} | ${formatNumber(column.statistic)} | ${judged} | ${formatNumber(column.threshold)} |`;
  });
  return ["| Column | Test | Statistic | Judged by | Threshold |", "|---|---|---:|---|---:|", ...rows].join("\n");
}

function linksLine(links: DriftLinks): string {
  const parts = [
    links.reportUrl ? `[report](${links.reportUrl})` : "",
    links.runUrl ? `[workflow run](${links.runUrl})` : "",
  ].filter(Boolean);
  return parts.length > 0 ? `\n\n${parts.join(" · ")}` : "";
}

function schemaChanges(report: DriftReport): string {
  if (report.schema_changes.length === 0) return "";
  const lines = report.schema_changes.map((change) => `- ${safeCode(change.column)}: ${safeCode(change.change)}`);
  return `\n\n**Schema changes**\n\n${lines.join("\n")}`;
}

/** Body of a new drift issue. */
export function renderDriftIssueBody(model: string, report: DriftReport, links: DriftLinks): string {
  return (
    `Model ${safeCode(model)} drifted on ${report.date}: ${driftHeadline(report)}.\n\n` +
    `Reference: ${safeCode(report.reference.source)} (${plural(report.reference.rows, "row")}); ` +
    `current: ${safeCode(report.current.source)} (${plural(report.current.rows, "row")}).\n\n` +
    driftedColumnsTable(report) +
    schemaChanges(report) +
    linksLine(links) +
    "\n\nAlmanac comments here on every scheduled run while the drift persists and closes this issue when it clears."
  );
}

/** Comment for a later run: still drifting, or cleared. */
export function renderDriftUpdate(report: DriftReport, links: DriftLinks): string {
  const head = report.dataset_drift
    ? `Drift persists on ${report.date}: ${driftHeadline(report)}.\n\n${driftedColumnsTable(report)}`
    : `Drift cleared on ${report.date}: ${driftHeadline(report)}. Closing.`;
  return head + linksLine(links);
}
