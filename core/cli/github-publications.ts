import { driftSummary, evaluationSummary, validateSummary } from "../github/job-summary.ts";
import type { Repository } from "../load/repository.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
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

/**
 * `almanac train` / `almanac evaluate <model>` in GitHub Actions: metrics and gates in the job
 * summary; outputs `passed`, `evaluation-path`, `primary-metric`, `primary-value`.
 */
export function evaluationPublication(root: string, evaluation: Evaluation): GitHubPublication {
  const primary = evaluation.model.primary_metric;
  return {
    root,
    summary: evaluationSummary(evaluation),
    outputs: {
      passed: evaluation.passed,
      "evaluation-path": `reports/models/${evaluation.model.id}/evaluation.json`,
      "primary-metric": primary,
      "primary-value": evaluation.metrics[primary]?.value ?? "",
    },
  };
}

/**
 * `almanac drift <model>` in GitHub Actions: the verdict and drifted columns in the job summary;
 * outputs `drifted`, `report-path`, `drifted-columns`.
 */
export function driftPublication(
  root: string,
  model: string,
  report: DriftReport,
  reportPath: string,
): GitHubPublication {
  return {
    root,
    summary: driftSummary(model, report),
    outputs: { drifted: report.dataset_drift, "report-path": reportPath, "drifted-columns": report.drifted_columns },
  };
}

/** `almanac affected` in GitHub Actions: outputs `matrix` (JSON) and `count`, for a matrix job. */
export function matrixPublication(root: string, matrix: { include: readonly unknown[] }): GitHubPublication {
  return { root, outputs: { matrix: JSON.stringify(matrix), count: matrix.include.length } };
}
