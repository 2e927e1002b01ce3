import { formatInterval, formatPercent, formatValue } from "../diff/format.ts";
import type { DiffResult, MetricComparison, ModelComparison } from "../diff/types.ts";
import { plural } from "../util/plural.ts";
import { sanitizeTerminal as clean } from "./escape.ts";
import type { TextStyle } from "./history-text.ts";

const PLAIN: TextStyle = { dim: String, bold: String, green: String, red: String, yellow: String };
const VERDICT_MARK: Record<ModelComparison["verdict"], string> = {
  failed: "✗",
  regressed: "▼",
  improved: "▲",
  unchanged: "=",
  new: "+",
  removed: "−",
  not_compared: "?",
};

/** `almanac diff` for a terminal: per model the verdict line, metric table, gates and changes. Pure. */
export function renderDiffText(result: DiffResult, style: TextStyle = PLAIN): string {
  const range = `${clean(result.base.ref)} (${(result.mergeBase ?? "").slice(0, 7)}) → ${clean(result.head.ref)} (${(result.head.commit ?? "").slice(0, 7)})`;
  const lines = [style.bold(`almanac diff ${range}: ${plural(result.models.length, "model")}`)];
  for (const note of [...result.problems, ...result.notes]) lines.push(style.yellow(`note: ${clean(note)}`));
  for (const model of result.models) lines.push("", ...renderModel(model, style));
  return lines.join("\n");
}

function colour(verdict: ModelComparison["verdict"] | MetricComparison["verdict"], style: TextStyle) {
  if (verdict === "failed" || verdict === "regressed" || verdict === "removed") return style.red;
  if (verdict === "improved" || verdict === "new") return style.green;
  if (verdict === "not_compared") return style.yellow;
  return (text: string) => text;
}

function renderModel(model: ModelComparison, style: TextStyle): string[] {
  const versions = `v${model.versions.base ?? "–"} → v${model.versions.head ?? "–"}`;
  const mark = colour(model.verdict, style)(`${VERDICT_MARK[model.verdict]} ${model.verdict}`);
  const lines = [`${style.bold(clean(model.model))} (${model.status}, ${versions}) ${mark}: ${clean(model.summary)}`];
  if (model.metrics.length > 0) lines.push(...metricTable(model, style));
  if (model.pairing) lines.push(style.dim(`  intervals: ${clean(model.pairing.reason)}`));
  for (const gate of model.gates) {
    const sign = gate.passed === null ? style.yellow("?") : gate.passed ? style.green("✓") : style.red("✗");
    lines.push(`  gate ${sign} ${clean(gate.message)}`);
  }
  for (const gap of model.fairness.filter((item) => item.verdict !== "unchanged")) {
    const text = `${clean(gap.column)} ${gap.measure}: ${formatValue(gap.base)} → ${formatValue(gap.head)} ${gap.verdict}`;
    lines.push(`  fairness ${gap.verdict === "widened" ? style.red(text) : text}`);
  }
  for (const change of model.cardChanges) {
    lines.push(`  card ${change.field}: ${clean(change.base ?? "–")} → ${clean(change.head ?? "–")}`);
  }
  if (model.dataset?.changed) {
    const d = model.dataset;
    lines.push(
      `  dataset ${clean(d.id)}: v${d.baseVersion ?? "–"} → v${d.headVersion ?? "–"}, rows ${formatValue(d.rows.base)} → ${formatValue(d.rows.head)}`,
    );
    if (d.drift) {
      const state = d.drift.drifted ? style.red("drift") : "no drift";
      lines.push(
        `  data drift (new vs old): ${state}, ${d.drift.driftedColumns.length} of ${plural(d.drift.columns, "column")}`,
      );
    }
    if (d.driftProblem) lines.push(style.yellow(`  ! ${clean(d.driftProblem)}`));
  }
  if (model.drift) {
    const d = model.drift;
    const state = d.drifted ? style.red("drift") : "no drift";
    lines.push(`  drift ${clean(d.date)}: ${state} (share ${formatValue(d.share)} of ${plural(d.columns, "column")})`);
  }
  for (const warning of model.warnings) lines.push(style.yellow(`  ! ${clean(warning)}`));
  for (const problem of model.problems) lines.push(style.yellow(`  ! ${clean(problem)}`));
  return lines;
}

function metricTable(model: ModelComparison, style: TextStyle): string[] {
  const header = ["metric", "base", "head", "Δ", "Δ%", `${Math.round(model.confidence * 100)}% interval`, "verdict"];
  const rows = model.metrics.map((metric) => [
    `${clean(metric.metric)}${metric.primary ? " *" : ""}`,
    formatValue(metric.base),
    formatValue(metric.head),
    formatValue(metric.delta, true),
    formatPercent(metric.relative),
    `${formatInterval(metric.interval)}${metric.paired === null ? "" : metric.paired ? " paired" : " unpaired"}`,
    metric.verdict === "unchanged" ? "unchanged (noise)" : metric.verdict,
  ]);
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => (row[c] ?? "").length)));
  const format = (row: readonly string[]) =>
    `  ${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ")}`.trimEnd();
  return [
    style.dim(format(header)),
    ...rows.map((row, index) => {
      const verdict = model.metrics[index]?.verdict ?? "unchanged";
      return colour(verdict, style)(format(row));
    }),
  ];
}
