import { formatNumber, formatWithInterval } from "../evaluate/format.ts";
import type { Colors } from "../evaluate/render.ts";
import { markdownCode, escapeMarkdown as md } from "../report/escape.ts";
import type { Mitigation } from "../schemas/evaluation.ts";

/** Terminal lines of a mitigation: the cost in the primary metric, then each gap with and without. */
export function renderMitigation(mitigation: Mitigation, c: Colors): string[] {
  const primary = mitigation.primary_metric;
  const change = primary.change;
  const lines = [
    `  ${mitigation.method} on ${mitigation.column}: ${primary.metric} ${formatWithInterval(primary.with.value, primary.with.ci)} with, ${formatWithInterval(primary.without.value, primary.without.ci)} without; change ${signed(change.value)} ${interval(change.ci)}${change.method ? ` (${change.method})` : ""}`,
  ];
  for (const gap of mitigation.gaps)
    lines.push(
      c.dim(
        `    ${gap.measure}: ${formatWithInterval(gap.with.value, gap.with.ci)} with, ${formatWithInterval(gap.without.value, gap.without.ci)} without; change ${signed(gap.change.value)} ${interval(gap.change.ci)}`,
      ),
    );
  return lines;
}

/** A Markdown table of the same, for reports and pull request comments; cells are numbers only. */
export function mitigationMarkdown(mitigation: Mitigation): string {
  const primary = mitigation.primary_metric;
  const rows = [
    `| ${md(primary.metric)} (primary) | ${formatWithInterval(primary.with.value, primary.with.ci)} | ${formatWithInterval(primary.without.value, primary.without.ci)} | ${signed(primary.change.value)} ${interval(primary.change.ci)} |`,
    ...mitigation.gaps.map(
      (gap) =>
        `| ${gap.measure} | ${formatWithInterval(gap.with.value, gap.with.ci)} | ${formatWithInterval(gap.without.value, gap.without.ci)} | ${signed(gap.change.value)} ${interval(gap.change.ci)} |`,
    ),
  ];
  return [
    `${markdownCode(mitigation.method)} on ${markdownCode(mitigation.column)}, against the same training command without weights, scored on the same test rows (the change in the primary metric is paired; the gaps' changes use the same resamples).`,
    "",
    "| measure | with | without | change (with − without) |",
    "|---|---:|---:|---:|",
    ...rows,
  ].join("\n");
}

function signed(value: number | null): string {
  if (value === null) return "n/a";
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value);
}

function interval(ci: readonly [number, number] | null): string {
  return ci ? `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]` : "";
}
