import { relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import { blobUrl, failureMessage, workflowRunUrl } from "../../../core/github/action-env.ts";
import { createGitHubClient, parseRepository } from "../../../core/github/client.ts";
import { DRIFT_LABEL, syncDriftIssue } from "../../../core/github/drift-issues.ts";
import { readDriftReport } from "../../../core/github/drift-report-file.ts";

/** The report's path inside the checkout, for a link to it on GitHub. */
function repositoryPath(path: string): string {
  return relative(process.env.GITHUB_WORKSPACE || process.cwd(), resolve(path))
    .split(sep)
    .join("/");
}

/**
 * The drift issue action: reads one model's drift report and opens, comments on or closes that
 * model's drift issue accordingly.
 */
export async function run(): Promise<void> {
  try {
    const env = process.env;
    const reportPath = core.getInput("report-path", { required: true });
    const { model, report } = await readDriftReport(reportPath, core.getInput("model"));
    const client = createGitHubClient({ token: core.getInput("token"), baseUrl: env.GITHUB_API_URL, log: core.info });
    const result = await syncDriftIssue(client, parseRepository(env.GITHUB_REPOSITORY), {
      model,
      report,
      label: core.getInput("label") || DRIFT_LABEL,
      author: core.getInput("comment-author"),
      links: { reportUrl: blobUrl(env, repositoryPath(reportPath)), runUrl: workflowRunUrl(env) },
      log: core.info,
    });
    core.setOutput("result", result.action);
    core.setOutput("drifted", report.dataset_drift);
    core.setOutput("issue-number", result.issueNumber ?? "");
    core.setOutput("issue-url", result.url ?? "");
    const where = result.issueNumber ? ` #${result.issueNumber}` : "";
    core.info(
      `${model}: ${report.dataset_drift ? "drift" : "no drift"} on ${report.date}; issue${where} ${result.action}`,
    );
  } catch (error) {
    core.setFailed(failureMessage(error));
  }
}
