import { validateSummary } from "../github/job-summary.ts";
import type { Repository } from "../load/repository.ts";
import type { Diagnostic } from "../util/diagnostic.ts";
import type { GitHubPublication } from "./github-output.ts";

/**
 * `almanac validate` in GitHub Actions: every diagnostic as an annotation, a summary table, and the
 * outputs `ok`, `errors`, `warnings`.
 */
export function validatePublication(
  root: string,
  diagnostics: readonly Diagnostic[],
  repository: Pick<Repository, "models" | "datasets">,
): GitHubPublication {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const counts = { models: repository.models.length, datasets: repository.datasets.length };
  return {
    root,
    diagnostics,
    summary: validateSummary(diagnostics, counts),
    outputs: { ok: errors === 0, errors, warnings: diagnostics.length - errors },
  };
}
