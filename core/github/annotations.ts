import { isAbsolute, join, relative, sep } from "node:path";
import type { Diagnostic } from "../util/diagnostic.ts";

/** GitHub shows at most this many error (and, separately, warning) annotations per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

/** What `@actions/core`'s `error()`/`warning()` take for one finding. */
export interface Annotation {
  level: "error" | "warning";
  message: string;
  properties: { file: string; startLine: number; startColumn: number; title: string };
}

/**
 * The path GitHub expects in an annotation: relative to the workspace (the checkout), with forward
 * slashes, even when the CLI ran with `--root` somewhere inside it.
 */
export function workspacePath(root: string, file: string, workspace: string | undefined): string {
  const absolute = isAbsolute(file) ? file : join(root, file);
  const rel = relative(workspace && workspace !== "" ? workspace : root, absolute);
  return rel.split(sep).join("/");
}

/** A diagnostic as a file/line/column annotation on the pull request diff. */
export function diagnosticAnnotation(diagnostic: Diagnostic, root: string, workspace?: string): Annotation {
  const title = diagnostic.field ? `${diagnostic.code}: ${diagnostic.field}` : diagnostic.code;
  const hint = diagnostic.hint ? `\nhint: ${diagnostic.hint}` : "";
  return {
    level: diagnostic.severity,
    message: `${diagnostic.message}${hint}`,
    properties: {
      file: workspacePath(root, diagnostic.file, workspace),
      startLine: diagnostic.line,
      startColumn: diagnostic.column,
      title,
    },
  };
}

/**
 * Annotations for the diagnostics, at most {@link ANNOTATIONS_PER_LEVEL} per level (GitHub drops the
 * rest), plus how many were left out so the caller can point to the job summary.
 */
export function diagnosticAnnotations(
  diagnostics: readonly Diagnostic[],
  root: string,
  workspace?: string,
): { annotations: Annotation[]; omitted: number } {
  const annotations: Annotation[] = [];
  let omitted = 0;
  const counts = { error: 0, warning: 0 };
  for (const diagnostic of diagnostics) {
    if (counts[diagnostic.severity] >= ANNOTATIONS_PER_LEVEL) {
      omitted++;
      continue;
    }
    counts[diagnostic.severity]++;
    annotations.push(diagnosticAnnotation(diagnostic, root, workspace));
  }
  return { annotations, omitted };
}
