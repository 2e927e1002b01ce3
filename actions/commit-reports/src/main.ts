import * as core from "@actions/core";
import { failureMessage } from "../../../core/github/action-env.ts";
import { collectDriftReports, pushReports } from "../../../core/github/push-reports.ts";

/**
 * The commit action of the drift flow: puts the downloaded drift reports on the branch tip and
 * pushes, retrying with backoff when another run pushed first.
 */
export async function run(): Promise<void> {
  try {
    const files = await collectDriftReports(core.getInput("reports-dir", { required: true }));
    if (files.length === 0) {
      core.info("No drift reports to commit.");
      core.setOutput("result", "unchanged");
      return;
    }
    const result = await pushReports({
      root: process.env.GITHUB_WORKSPACE || process.cwd(),
      branch: core.getInput("branch", { required: true }),
      files,
      message: core.getInput("message") || `Drift reports of ${new Date().toISOString().slice(0, 10)}`,
      log: core.info,
    });
    core.setOutput("result", result.action);
    core.setOutput("commit", result.action === "pushed" ? result.commit : "");
    core.info(
      result.action === "pushed" ? `pushed ${result.commit} (attempt ${result.attempts})` : "No new drift reports.",
    );
  } catch (error) {
    core.setFailed(failureMessage(error));
  }
}
