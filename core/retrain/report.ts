import type { DiffResult, ModelComparison } from "../diff/types.ts";
import { formatNumber } from "../evaluate/format.ts";
import { markdownCode, escapeMarkdown as md } from "../report/escape.ts";
import { REPORT_MARKER, renderReportMarkdown } from "../report/markdown.ts";
import { markdownTable } from "../report/markdown-table.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import type { RetrainingRecord } from "../schemas/retraining.ts";
import type { RetrainPlan } from "./retrain.ts";
import { retrainingMarker, retrainingTitle } from "./titles.ts";

export { retrainingMarker, retrainingTitle } from "./titles.ts";

/**
 * The retraining report (the pull request body): the verdict, why it was retrained (the drift
 * report), the data added, the retraining gates against production, then the comparison section
 * of the pull-request report itself (core/report: metrics paired on the same rows, the card's
 * gates, fairness, mitigation, card and data changes). No timestamps: the same inputs render the
 * same text. Every piece of user text is escaped. Pure.
 */
export function renderRetrainingMarkdown(options: {
  plan: RetrainPlan;
  record: RetrainingRecord;
  comparison: ModelComparison;
  evaluation: Evaluation;
  driftIssueUrl?: string;
}): string {
  const { record, comparison } = options;
  const verdict = record.passed
    ? `✅ ${md(record.model.id)} ${md(record.model.to)} passes against production ${md(record.model.from)}`
    : `❌ ${md(record.model.id)} ${md(record.model.to)} does not pass: ${md(failures(record).join("; "))}`;
  const parts = [
    retrainingMarker(record.model.id),
    `## ${md(retrainingTitle(record))}`,
    "",
    `**${verdict}**`,
    "",
    ...triggerLines(record, options.driftIssueUrl),
    "",
    "### Data added",
    "",
    dataTable(record),
    "",
    `Dataset ${markdownCode(record.dataset.id)} ${md(record.dataset.from)} → ${md(record.dataset.to)}; model ${md(record.model.from)} → ${md(record.model.to)}. Both versions are scored on the same ${record.comparison.rows.toLocaleString("en-US")} test rows of dataset ${md(record.dataset.to)}: the retrained model by its training run, production by its published artifact (sha256 ${markdownCode(record.production.artifact.slice(0, 12))}).`,
  ];
  if (record.gates.length > 0) parts.push("", "### Retraining gates (against production)", "", gatesTable(record));
  parts.push("", "### Comparison", "", comparisonSection(record, comparison));
  return `${parts.join("\n")}\n`;
}

function failures(record: RetrainingRecord): string[] {
  const out = record.gates.filter((gate) => !gate.passed).map((gate) => gate.message);
  if (!record.evaluation_passed) out.unshift("a gate of the card failed (see the comparison)");
  return out;
}

function triggerLines(record: RetrainingRecord, issueUrl: string | undefined): string[] {
  const trigger = record.trigger;
  const issue = issueUrl ? ` ([drift issue](${issueUrl}))` : "";
  if (!trigger) return [`Retrained by hand: the model has no drift report.${issue}`];
  const state = trigger.drifted ? "⚠️ drifted" : "did not drift";
  const columns =
    trigger.drifted_columns.length > 0 ? ` (${trigger.drifted_columns.map(markdownCode).join(", ")})` : "";
  return [
    `Why: the drift report of ${md(trigger.date)} (${markdownCode(trigger.drift_report)}) ${state}: share ${formatNumber(trigger.drift_share)} of columns${columns}.${issue}`,
  ];
}

function dataTable(record: RetrainingRecord): string {
  const rows = record.dataset.added.map((file) => [
    markdownCode(file.path),
    file.rows.toLocaleString("en-US"),
    file.first && file.last ? `${md(file.first)} … ${md(file.last)}` : "–",
    markdownCode(file.sha256.slice(0, 12)),
  ]);
  return markdownTable(["File", "Rows", "Time span", "sha256"], rows, ["left", "right", "left", "left"]);
}

function gatesTable(record: RetrainingRecord): string {
  const rows = record.gates.map((gate) => [
    gate.passed ? "✅ pass" : "❌ fail",
    md(gate.metric),
    formatNumber(gate.max_drop),
    gate.judged_on,
    gate.interval ? `[${formatNumber(gate.interval[0])}, ${formatNumber(gate.interval[1])}]` : "–",
    md(gate.message),
  ]);
  return markdownTable(["Result", "Metric", "Max drop", "Judged on", "Change (better > 0)", "Detail"], rows, [
    "left",
    "left",
    "right",
    "left",
    "left",
    "left",
  ]);
}

/** The pull-request report's own rendering of the one model, production as base, retrained as head. */
function comparisonSection(record: RetrainingRecord, comparison: ModelComparison): string {
  const result: DiffResult = {
    base: { ref: `${record.model.id}@${record.model.from} (production artifact)`, commit: null },
    head: { ref: `${record.model.id}@${record.model.to} (retrained)`, commit: null },
    mergeBase: null,
    models: [comparison],
    problems: [],
    notes: [],
  };
  return renderReportMarkdown(result)
    .split("\n")
    .filter((line) => line !== REPORT_MARKER)
    .join("\n")
    .trim();
}
