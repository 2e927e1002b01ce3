import { formatInterval, formatPercent, formatValue } from "../diff/format.ts";
import type { GateCheck, MetricComparison, ModelComparison } from "../diff/types.ts";
import { mitigationMarkdown } from "../mitigation/render.ts";
import { plural } from "../util/plural.ts";
import { escapeHtml, markdownCode, escapeMarkdown as md, safeUrl } from "./escape.ts";
import { markdownTable } from "./markdown-table.ts";
import { trendChart } from "./mermaid.ts";

/** The mark shown before each model verdict. */
export const VERDICT_ICON: Record<ModelComparison["verdict"], string> = {
  failed: "❌",
  regressed: "⚠️",
  improved: "✅",
  unchanged: "➖",
  new: "🆕",
  removed: "🗑️",
  not_compared: "❔",
};

const METRIC_VERDICT: Record<MetricComparison["verdict"], string> = {
  improved: "▲ improved",
  regressed: "▼ regressed",
  unchanged: "unchanged (within noise)",
  not_compared: "not compared",
};

/** Options of the model section. */
export interface SectionOptions {
  /** Catalogue root URL (e.g. https://org.github.io/models), for a link to the model page. */
  siteUrl?: string;
  /** Leave out the trend chart and secondary tables (used when the comment gets too long). */
  compact?: boolean;
}

/** A one-line `<summary>` of a model: icon, id, verdict and why (HTML-escaped). Pure. */
export function modelSummaryLine(model: ModelComparison): string {
  return `${VERDICT_ICON[model.verdict]} <b>${escapeHtml(model.model)}</b>: ${escapeHtml(model.summary)}`;
}

/** The same line for Markdown context (a list item): Markdown-escaped. Pure. */
export function modelListLine(model: ModelComparison): string {
  return `${VERDICT_ICON[model.verdict]} **${md(model.model)}**: ${md(model.summary)}`;
}

/** The collapsible section of one model. Failures and regressions are open. Pure. */
export function renderModelSection(model: ModelComparison, options: SectionOptions = {}): string {
  const open = model.verdict === "failed" || model.verdict === "regressed";
  const parts = [`<details${open ? " open" : ""}>`, `<summary>${modelSummaryLine(model)}</summary>`, ""];
  parts.push(headerLine(model, options.siteUrl));
  for (const warning of model.warnings) parts.push("", `⚠️ ${md(warning)}`);
  if (model.metrics.length > 0) parts.push("", metricsTable(model));
  const methods = intervalMethods(model);
  if (model.pairing || methods)
    parts.push(
      "",
      `Intervals: ${[model.pairing ? md(model.pairing.reason) : "", methods].filter(Boolean).join("; ")}.`,
    );
  if (model.gates.length > 0) parts.push("", "**Gates**", "", gatesTable(model.gates));
  if (!options.compact) parts.push(...secondary(model));
  if (model.problems.length > 0) {
    parts.push("", "**Could not compare**", "", ...model.problems.map((problem) => `- ${md(problem)}`));
  }
  parts.push("", "</details>");
  return parts.join("\n");
}

function headerLine(model: ModelComparison, siteUrl: string | undefined): string {
  const versions = `${md(model.versions.base ? `v${model.versions.base}` : "–")} → ${md(model.versions.head ? `v${model.versions.head}` : "–")}`;
  const renamed = model.renamedFrom ? ` (renamed from ${markdownCode(model.renamedFrom)})` : "";
  const reasons = model.reasons.length > 0 ? ` · ${model.reasons.map(md).join("; ")}` : "";
  const url = siteUrl
    ? safeUrl(`${siteUrl.replace(/\/+$/, "")}/models/${encodeURIComponent(model.model)}/`)
    : undefined;
  const link = url ? ` · [catalogue page](${url})` : "";
  return `**${versions}** · ${model.status}${renamed}${reasons}${link}`;
}

function metricsTable(model: ModelComparison): string {
  const confidence = `${Math.round(model.confidence * 100)}% interval of Δ`;
  const rows = model.metrics.map((metric) => [
    metric.primary ? `**${md(metric.metric)}** (primary)` : md(metric.metric),
    formatValue(metric.base),
    formatValue(metric.head),
    formatValue(metric.delta, true),
    formatPercent(metric.relative),
    metric.interval ? `${formatInterval(metric.interval)} ${metric.paired ? "paired" : "unpaired"}` : "–",
    METRIC_VERDICT[metric.verdict],
  ]);
  return markdownTable(["Metric", "Base", "Head", "Δ", "Δ %", confidence, "Verdict"], rows, [
    "left",
    "right",
    "right",
    "right",
    "right",
    "left",
    "left",
  ]);
}

/** `paired bootstrap (accuracy, f1), paired DeLong (roc_auc)`, or "" without intervals. */
function intervalMethods(model: ModelComparison): string {
  const byMethod = new Map<string, string[]>();
  for (const metric of model.metrics) {
    if (!metric.method) continue;
    byMethod.set(metric.method, [...(byMethod.get(metric.method) ?? []), md(metric.metric)]);
  }
  return [...byMethod].map(([method, metrics]) => `${method} (${metrics.join(", ")})`).join(", ");
}

function gatesTable(gates: readonly GateCheck[]): string {
  const icon = (passed: boolean | null) => (passed === null ? "❔ not checked" : passed ? "✅ pass" : "❌ fail");
  const rows = gates.map((gate) => [
    icon(gate.passed),
    md(gate.metric),
    gate.kind,
    formatValue(gate.bound),
    md(gate.message),
  ]);
  return markdownTable(["Result", "Metric", "Gate", "Bound", "Detail"], rows, [
    "left",
    "left",
    "left",
    "right",
    "left",
  ]);
}

function secondary(model: ModelComparison): string[] {
  const parts: string[] = [];
  const fairness = model.fairness.filter((gap) => gap.verdict !== "unchanged" || gap.measure === "primary_metric_gap");
  if (fairness.length > 0) {
    const rows = fairness.map((gap) => [
      md(gap.column),
      gap.measure,
      formatValue(gap.base),
      formatValue(gap.head),
      formatValue(gap.delta, true),
      gap.verdict === "widened"
        ? "▼ widened"
        : gap.verdict === "narrowed"
          ? "▲ narrowed"
          : gap.verdict.replace("_", " "),
    ]);
    parts.push(
      "",
      "**Fairness**",
      "",
      markdownTable(["Column", "Measure", "Base", "Head", "Δ", "Verdict"], rows, [
        "left",
        "left",
        "right",
        "right",
        "right",
        "left",
      ]),
    );
  }
  if (model.mitigation) parts.push("", "**Bias mitigation**", "", mitigationMarkdown(model.mitigation));
  if (model.cardChanges.length > 0) {
    const rows = model.cardChanges.map((change) => [md(change.field), cellText(change.base), cellText(change.head)]);
    parts.push("", "**Card changes**", "", markdownTable(["Field", "Base", "Head"], rows));
  }
  parts.push(...dataLines(model), ...driftLines(model), ...trendLines(model));
  return parts;
}

function cellText(value: string | null): string {
  if (value === null) return "–";
  return md(value.length > 120 ? `${value.slice(0, 119)}…` : value);
}

function dataLines(model: ModelComparison): string[] {
  const d = model.dataset;
  if (!d?.changed) return [];
  const lines = [
    `- ${md(d.baseId ?? "–")}${d.baseId !== d.id ? ` → ${md(d.id)}` : ""}: version ${md(d.baseVersion ?? "–")} → ${md(d.headVersion ?? "–")}, rows ${formatValue(d.rows.base)} → ${formatValue(d.rows.head)}`,
  ];
  if (d.columnsAdded.length > 0) lines.push(`- columns added: ${d.columnsAdded.map(markdownCode).join(", ")}`);
  if (d.columnsRemoved.length > 0) lines.push(`- columns removed: ${d.columnsRemoved.map(markdownCode).join(", ")}`);
  if (d.typesChanged.length > 0) lines.push(`- types changed: ${d.typesChanged.map(md).join("; ")}`);
  if (d.filesChanged.length > 0) lines.push(`- files changed: ${d.filesChanged.map(markdownCode).join(", ")}`);
  if (d.drift) {
    const drift = d.drift;
    const state = drift.drifted ? "⚠️ drift" : "no drift";
    const names =
      drift.driftedColumns.length > 0 ? `: ${drift.driftedColumns.slice(0, 10).map(markdownCode).join(", ")}` : "";
    lines.push(
      `- new data against the old: ${state}, ${drift.driftedColumns.length} of ${plural(drift.columns, "column")} drifted (share ${formatValue(drift.share)}, threshold ${formatValue(drift.threshold)})${names}`,
    );
  }
  if (d.driftProblem) lines.push(`- ${md(d.driftProblem)}`);
  return ["", "**Data changes**", "", ...lines];
}

function driftLines(model: ModelComparison): string[] {
  const d = model.drift;
  if (!d) return [];
  const state = d.drifted ? "⚠️ drift" : "no drift";
  const columns =
    d.driftedColumns.length > 0 ? `; drifted: ${d.driftedColumns.slice(0, 10).map(markdownCode).join(", ")}` : "";
  return [
    "",
    "**Drift**",
    "",
    `${state} in the ${d.new ? "new " : ""}report of ${md(d.date)}: ${d.driftedColumns.length} of ${plural(d.columns, "column")} drifted (share ${formatValue(d.share)}, threshold ${formatValue(d.threshold)})${columns}.`,
  ];
}

function trendLines(model: ModelComparison): string[] {
  if (model.trend.length === 0 || !model.primaryMetric) return [];
  const metric = model.primaryMetric;
  const rows = model.trend.map((point) => [
    `${md(point.version)}${point.head ? " (this change)" : ""}`,
    formatValue(point.value),
    markdownCode(point.commit.slice(0, 7)),
  ]);
  const table = markdownTable(["Version", md(metric), "Commit"], rows, ["left", "right", "left"]);
  return ["", `**${md(metric)} across versions**`, "", trendChart(metric, model.trend), "", table];
}
