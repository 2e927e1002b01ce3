/** Severity of a finding: errors fail the run (exit 1), warnings are shown but pass. */
export type Severity = "error" | "warning";

/**
 * One finding about one place in one file. The CLI prints it as
 * `path:line:col field: message` plus a hint; the GitHub action turns the same object
 * into a file/line annotation.
 */
export interface Diagnostic {
  /** Path from the repository root, with forward slashes. */
  file: string;
  /** 1-based line; 1 when the finding is about the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Dotted path of the field (e.g. `evaluation.gates.f1.min`), or "" for the file. */
  field: string;
  severity: Severity;
  /** Stable machine-readable code, e.g. `schema.unknown-key`, `data.sha256-mismatch`. */
  code: string;
  message: string;
  /** How to fix it. */
  hint: string;
}

/** Builds a diagnostic with defaults for position and severity. */
export function defineDiagnostic(
  fields: Pick<Diagnostic, "file" | "code" | "message"> & Partial<Diagnostic>,
): Diagnostic {
  return {
    file: fields.file,
    line: fields.line ?? 1,
    column: fields.column ?? 1,
    field: fields.field ?? "",
    severity: fields.severity ?? "error",
    code: fields.code,
    message: fields.message,
    hint: fields.hint ?? "",
  };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === "error");
}

/** Orders diagnostics by file, then line, then column, for stable output. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

/** Shortens received values in messages so one bad cell cannot flood the output. */
export function truncate(value: unknown, max = 60): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
