import { diagnosticAnnotations } from "../github/annotations.ts";
import type { Diagnostic } from "../util/diagnostic.ts";

/** What a verb hands to GitHub when it runs inside GitHub Actions. */
export interface GitHubPublication {
  /** Repository root the diagnostics' paths are relative to. */
  root: string;
  /** Become file/line/column annotations on the pull request diff. */
  diagnostics?: readonly Diagnostic[];
  /** Markdown appended to the job summary. */
  summary?: string;
  /** Step outputs (`steps.<id>.outputs.<name>`). */
  outputs?: Record<string, string | number | boolean>;
}

/** True inside a GitHub Actions job (the runner sets GITHUB_ACTIONS=true). */
export function runsInGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === "true";
}

/**
 * Publishes a verb's result through `@actions/core` when running in GitHub Actions: annotations
 * (at most 10 per level, as GitHub shows; a notice points to the summary for the rest), the job
 * summary (GITHUB_STEP_SUMMARY) and step outputs (GITHUB_OUTPUT). Elsewhere it does nothing, and
 * `@actions/core` is not even loaded.
 */
export async function publishToGitHub(
  publication: GitHubPublication,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (!runsInGitHubActions(env)) return;
  const core = await import("@actions/core");
  const { annotations, omitted } = diagnosticAnnotations(
    publication.diagnostics ?? [],
    publication.root,
    env.GITHUB_WORKSPACE,
  );
  for (const annotation of annotations) core[annotation.level](annotation.message, annotation.properties);
  if (omitted > 0) core.notice(`${omitted} more findings are not annotated; the job summary lists them all`);
  if (env.GITHUB_OUTPUT) {
    for (const [name, value] of Object.entries(publication.outputs ?? {})) core.setOutput(name, value);
  }
  if (publication.summary && env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(publication.summary).write();
    } catch (error) {
      core.warning(`could not write the job summary: ${(error as Error).message}`);
    }
  }
}
