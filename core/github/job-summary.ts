import { uncommittedWarning } from "../evaluate/provenance-text.ts";
import { escapeMarkdown } from "../report/escape.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import type { Diagnostic } from "../util/diagnostic.ts";
import { plural } from "../util/plural.ts";
import { sanitizeMarkdown } from "./comment-body.ts";
import { driftedColumnsTable, driftHeadline } from "./drift-issue-body.ts";
import { formatNumber, markdownTable } from "./markdown.ts";

/** Job summary of `almanac validate`: a headline and one table row per finding. */
export function validateSummary(
  diagnostics: readonly Diagnostic[],
  counts: { models: number; datasets: number },
): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const verdict = errors > 0 ? "❌ invalid" : warnings > 0 ? "⚠️ valid with warnings" : "✅ valid";
  const counted = `${plural(counts.models, "model")}, ${plural(counts.datasets, "dataset")}`;
  const head = `## Almanac validate: ${verdict}\n\n${counted}: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`;
  if (diagnostics.length === 0) return `${head}\n`;
  const rows = diagnostics.map((d) => [
    d.severity,
    `${d.file}:${d.line}:${d.column}`,
    d.field || "—",
    d.message,
    d.hint || "—",
  ]);
  return `${head}\n\n${markdownTable(["Severity", "Where", "Field", "Problem", "How to fix"], rows)}\n`;
}

export { plural } from "../util/plural.ts";

/** ✅ / ❌ / — for a gate that passed, failed, or could not be checked (no baseline). */
function gateMark(passed: boolean | null): string {
  return passed === null ? "— not checkable" : passed ? "✅ passed" : "❌ failed";
}

/** Job summary of `almanac train` / `almanac evaluate`: metrics with intervals, then gates. */
export function evaluationSummary(evaluation: Evaluation): string {
  const { model } = evaluation;
  const verdict = evaluation.passed ? "✅ gates passed" : "❌ a gate failed";
  const metricRows = Object.entries(evaluation.metrics).map(([name, metric]) => [
    name === model.primary_metric ? `${name} (primary)` : name,
    formatNumber(metric.value),
    metric.ci ? `[${formatNumber(metric.ci[0])}, ${formatNumber(metric.ci[1])}]` : "—",
  ]);
  const level = Math.round(evaluation.provenance.bootstrap.confidence * 100);
  const parts = [
    `## ${model.id} ${model.version}: ${verdict}`,
    markdownTable(["Metric", "Value", `${level}% interval`], metricRows),
  ];
  const uncommitted = uncommittedWarning(evaluation.provenance);
  if (uncommitted) parts.splice(1, 0, `⚠️ ${escapeMarkdown(uncommitted)}`);
  if (evaluation.gates.length > 0) {
    const gateRows = evaluation.gates.map((gate) => [
      `${gate.metric} ${gate.kind}`,
      gate.message,
      gateMark(gate.passed),
    ]);
    parts.push(markdownTable(["Gate", "Check", "Result"], gateRows));
  }
  return `${parts.join("\n\n")}\n`;
}

/** Job summary of `almanac drift <model>`: the verdict, then the drifted columns. */
export function driftSummary(model: string, report: DriftReport): string {
  const verdict = report.dataset_drift ? "⚠️ drift" : "✅ no drift";
  return sanitizeMarkdown(
    `## Drift of ${model} on ${report.date}: ${verdict}\n\n${driftHeadline(report)}.\n\n${driftedColumnsTable(report)}\n`,
  );
}
