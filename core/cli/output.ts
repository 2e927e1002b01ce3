import { relative } from "node:path";
import pc from "picocolors";
import type { Diagnostic } from "../util/diagnostic.ts";
import { plural } from "../util/plural.ts";

/** Whether to colour output: only on a terminal, never with NO_COLOR, always with FORCE_COLOR. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

/** Colour functions that are identity when colour is off. */
export function palette(enabled = useColor()) {
  const colors = pc.createColors(enabled);
  return {
    red: colors.red,
    yellow: colors.yellow,
    green: colors.green,
    dim: colors.dim,
    bold: colors.bold,
    cyan: colors.cyan,
  };
}

/**
 * Human output for diagnostics, grouped by file: each finding as
 * `path:line:col field: message`, then its hint.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], color = useColor()): string {
  const c = palette(color);
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const list = byFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    byFile.set(diagnostic.file, list);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(c.bold(file));
    for (const d of list) {
      const label = d.severity === "error" ? c.red("error") : c.yellow("warning");
      const field = d.field ? `${c.cyan(d.field)}: ` : "";
      out.push(`  ${file}:${d.line}:${d.column} ${label} ${field}${d.message} ${c.dim(`[${d.code}]`)}`);
      if (d.hint) out.push(`    ${c.dim("hint:")} ${d.hint}`);
    }
    out.push("");
  }
  return out.join("\n");
}

/** A one-line summary: "2 errors, 1 warning in 3 files". */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((d) => d.file)).size;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
}

/** Path relative to the working directory, for messages. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" ? "." : rel;
}
