import type { DriftColumnResult, DriftReport } from "../schemas/drift-report.ts";
import { plural } from "../util/plural.ts";

/** Colour functions (identity when colour is off), as core/cli/output.ts `palette()` returns. */
export interface Colors {
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

const plain: Colors = { red: (t) => t, green: (t) => t, yellow: (t) => t, dim: (t) => t, bold: (t) => t };

/** A number for people: 4 significant digits, scientific below 1e-3. Example: `formatNumber(0.000123)` → "1.23e-4". */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) {
    const [mantissa, exponent] = value.toExponential(2).split("e") as [string, string];
    return `${Number(mantissa)}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(4)));
}

const EFFECT_NAMES: Record<string, string> = { wasserstein_norm: "W/σ", cramers_v: "V", cohens_h: "h" };

/** The threshold as a rule: "p < 0.05" or "≥ 0.1". */
export function thresholdRule(result: DriftColumnResult): string {
  return result.direction === "p_value" ? `p < ${result.threshold}` : `≥ ${result.threshold}`;
}

function pad(cells: string[][]): string[] {
  const widths = cells[0]?.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? "").length))) ?? [];
  return cells.map((row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

/** The per-column table: column, type, test, statistic, p-value, effect size, rule, verdict. */
export function renderColumnTable(columns: readonly DriftColumnResult[], c: Colors = plain): string[] {
  const header = ["column", "type", "test", "statistic", "p-value", "effect", "threshold", "result"];
  const rows = columns.map((result) => [
    result.column,
    result.type,
    result.test,
    formatNumber(result.statistic),
    result.direction === "p_value" ? formatNumber(result.p_value) : "",
    result.effect_size === undefined || result.effect_size === null
      ? ""
      : `${EFFECT_NAMES[result.effect_size_name ?? ""] ?? result.effect_size_name ?? ""} ${formatNumber(result.effect_size)}`.trim(),
    thresholdRule(result),
    result.computable === false ? "not computable" : result.drifted ? "drift" : "ok",
  ]);
  const lines = pad([header, ...rows]);
  return lines.map((line, i) => {
    if (i === 0) return c.dim(line);
    const result = columns[i - 1] as DriftColumnResult;
    return result.computable === false ? c.yellow(line) : result.drifted ? c.red(line) : line;
  });
}

function verdict(report: DriftReport, c: Colors): string {
  const { tested, share } = {
    tested: new Set(report.columns.filter((r) => r.computable !== false).map((r) => r.column)).size,
    share: report.drift_share,
  };
  const what = `drift in ${report.drifted_columns} of ${plural(tested, "column")} (share ${formatNumber(share)} ${report.dataset_drift ? "≥" : "<"} ${report.drift_share_threshold})`;
  return report.dataset_drift ? c.red(`${what}: dataset drift`) : c.green(`${what}: no dataset drift`);
}

function findings(report: DriftReport): string[] {
  const lines: string[] = [];
  for (const change of report.schema_changes) {
    const types = change.change === "type" ? ` (${change.reference_type} → ${change.current_type})` : "";
    lines.push(
      `schema: ${change.column} ${change.change === "missing" ? "missing from current" : change.change === "new" ? "new in current" : "changed type"}${types}`,
    );
  }
  for (const rate of report.null_rates)
    if (rate.flagged)
      lines.push(`nulls: ${rate.column} ${formatNumber(rate.reference)} → ${formatNumber(rate.current)}`);
  for (const fresh of report.new_categories)
    lines.push(
      `new categories: ${fresh.column}: ${fresh.values.slice(0, 5).join(", ")}${(fresh.count ?? 0) > 5 ? ` … (${fresh.count})` : ""}`,
    );
  for (const skip of report.skipped ?? []) lines.push(`not tested: ${skip.column}: ${skip.reason}`);
  for (const note of report.notes ?? []) lines.push(`note: ${note}`);
  return lines;
}

/** The human summary `almanac drift` prints: verdict, samples, the table, why each test, warnings, other findings. */
export function renderDriftSummary(report: DriftReport, c: Colors = plain): string {
  const window = report.current.window
    ? `, ${report.current.window.start ?? "…"} … ${report.current.window.end ?? "…"}`
    : "";
  const lines = [
    `${report.model ? `${c.bold(report.model)}: ` : ""}${verdict(report, c)}`,
    `  reference  ${report.reference.source} (${plural(report.reference.rows, "row")}${report.reference.kind === "profile" ? ", a profile" : ""})`,
    `  current    ${report.current.source}${window} (${plural(report.current.rows, "row")})`,
    "",
    ...renderColumnTable(report.columns).map((line) => `  ${line}`),
    "",
    c.dim("why these tests:"),
    ...report.columns.map((result) => c.dim(`  ${result.column} ${result.test}: ${result.reason}`)),
  ];
  const warnings = report.columns.flatMap((result) =>
    (result.warnings ?? []).map((warning) => `${result.column} ${result.test}: ${warning}`),
  );
  if (warnings.length > 0) lines.push(c.yellow("warnings:"), ...warnings.map((warning) => c.yellow(`  ${warning}`)));
  const other = findings(report);
  if (other.length > 0) lines.push(...other);
  return lines.join("\n");
}
