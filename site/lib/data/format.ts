import type { Diagnostic } from "../../../core/util/diagnostic.ts";

/** One diagnostic as `path:line:col field: message`, with its hint on the next line. */
export function formatDiagnosticLine(diagnostic: Diagnostic): string {
  const field = diagnostic.field === "" ? "" : ` ${diagnostic.field}:`;
  const head = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}${field} ${diagnostic.message}`;
  return diagnostic.hint === "" ? head : `${head}\n    hint: ${diagnostic.hint}`;
}

/**
 * The error the catalogue build fails with: every invalid file at once, one finding per
 * line, so a broken repository is fixed in one pass rather than one build per file.
 */
export class InvalidRepositoryError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const files = new Set(diagnostics.map((diagnostic) => diagnostic.file)).size;
    const lines = diagnostics.map(formatDiagnosticLine).join("\n");
    super(
      `the repository does not validate: ${diagnostics.length} error${diagnostics.length === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}\n${lines}\nRun \`npx almanac validate\` for details; the catalogue is built only from a valid repository.`,
    );
    this.name = "InvalidRepositoryError";
    this.diagnostics = diagnostics;
  }
}
