import { renderMitigation } from "../mitigation/render.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import { formatNumber } from "./format.ts";
import { NO_BASELINE } from "./gates.ts";
import { describeCodeState, uncommittedWarning } from "./provenance-text.ts";

/** Colour functions (identity when colour is off). */
export interface Colors {
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

type Parts = Pick<Evaluation, "metrics" | "fairness"> & Partial<Pick<Evaluation, "gates">>;

/** The metrics table: name, value, interval and how it was computed; the primary metric first. */
export function renderMetrics(parts: Parts, primary: string | null, c: Colors): string[] {
  const names = Object.keys(parts.metrics).sort((a, b) => Number(b === primary) - Number(a === primary));
  const lines = [c.dim(`  ${"metric".padEnd(20)}${"value".padEnd(10)}${"interval".padEnd(22)}method`)];
  for (const name of names) {
    const metric = parts.metrics[name];
    if (!metric) continue;
    const label = name === primary ? c.bold(`${name} *`.padEnd(20)) : name.padEnd(20);
    const interval = metric.ci ? `[${formatNumber(metric.ci[0])}, ${formatNumber(metric.ci[1])}]` : "";
    const how = metric.value === null ? c.dim(metric.reason ?? "undefined") : metric.method;
    lines.push(`  ${label}${formatNumber(metric.value).padEnd(10)}${interval.padEnd(22)}${how}`);
  }
  return lines;
}

/** One line per sensitive column with its Fairlearn quantities and groups, then its warnings. */
export function renderFairness(parts: Parts, primary: string | null, c: Colors): string[] {
  const lines: string[] = [];
  for (const [column, fairness] of Object.entries(parts.fairness)) {
    const quantities = (
      [
        "demographic_parity_difference",
        "demographic_parity_ratio",
        "equalized_odds_difference",
        "primary_metric_gap",
      ] as const
    )
      .filter((name) => fairness[name] !== undefined)
      .map((name) => `${name} ${formatNumber(fairness[name])}`);
    const groups = fairness.groups.map(
      (group) =>
        `${group.group} n=${group.count}${primary ? ` ${primary} ${formatNumber(group.metrics[primary])}` : ""}`,
    );
    lines.push(`  ${column}: ${quantities.join(", ")}`, c.dim(`    ${groups.join("; ")}`));
    for (const warning of fairness.warnings) lines.push(c.yellow(`    ! ${warning}`));
  }
  return lines;
}

/** Gate results: ✓ passed, ✗ failed, – not checkable. */
export function renderGates(gates: Evaluation["gates"], c: Colors): string[] {
  return gates.map((gate) =>
    gate.passed === true
      ? `  ${c.green("✓")} ${gate.message}`
      : gate.passed === false
        ? `  ${c.red("✗")} ${gate.message}`
        : `  ${c.dim("–")} ${gate.message}${gate.message.endsWith(`not checked: ${NO_BASELINE}`) ? c.dim(" (pass --baseline FILE or --baseline-ref REF)") : ""}`,
  );
}

/** The whole human report of an evaluation. */
export function renderEvaluation(evaluation: Evaluation, c: Colors): string {
  const { model, provenance } = evaluation;
  const positive = model.positive_class ? `, positive class ${model.positive_class}` : "";
  const lines = [
    c.bold(`${model.id} ${model.version}`) +
      c.dim(
        ` · ${model.task}${positive} · ${provenance.rows.test} test rows, ${provenance.rows.train ?? "?"} train rows · ${describeCodeState(provenance)}`,
      ),
    ...renderMetrics(evaluation, model.primary_metric, c),
  ];
  const uncommitted = uncommittedWarning(provenance);
  if (uncommitted) lines.splice(1, 0, c.yellow(`! ${uncommitted}`));
  if (Object.keys(evaluation.fairness).length > 0)
    lines.push(c.bold("fairness"), ...renderFairness(evaluation, model.primary_metric, c));
  if (evaluation.mitigation) lines.push(c.bold("mitigation"), ...renderMitigation(evaluation.mitigation, c));
  if (evaluation.gates.length > 0) lines.push(c.bold("gates"), ...renderGates(evaluation.gates, c));
  return lines.join("\n");
}
