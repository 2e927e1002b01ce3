import type { Diagnostic } from "../util/diagnostic.ts";
import { markdownTable } from "./markdown.ts";

/** Job summary of `almanac validate`: a headline and one table row per finding. */
export function validateSummary(
  diagnostics: readonly Diagnostic[],
  counts: { models: number; datasets: number },
): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const verdict = errors > 0 ? "❌ invalid" : warnings > 0 ? "⚠️ valid with warnings" : "✅ valid";
  const head = `## Almanac validate: ${verdict}\n\n${counts.models} models, ${counts.datasets} datasets: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`;
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

/** "1 error", "2 errors". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
