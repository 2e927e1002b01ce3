import { readFile } from "node:fs/promises";
import * as core from "@actions/core";
import { failureMessage } from "../../../core/github/action-env.ts";
import { createGitHubClient, parseRepository } from "../../../core/github/client.ts";
import { findDriftIssues } from "../../../core/github/drift-issues.ts";
import { collectRetrainingFiles, pushRetraining } from "../../../core/github/push-retraining.ts";
import { retrainingBranch, syncRetrainingPullRequest } from "../../../core/github/retraining-pull-requests.ts";
import { readPullRequestState } from "../../../core/retrain/pull-request-state.ts";
import { retrainingTitle } from "../../../core/retrain/titles.ts";
import { RetrainingRecordSchema } from "../../../core/schemas/retraining.ts";

/**
 * The retraining pull request action: pushes this run's retraining of the model (if any) to its
 * branch, then keeps the model's one retraining pull request in step with it and the drift reports.
 */
export async function run(): Promise<void> {
  try {
    const env = process.env;
    const root = env.GITHUB_WORKSPACE || process.cwd();
    const model = core.getInput("model", { required: true });
    const base = core.getInput("base", { required: true });
    const branch = retrainingBranch(model);
    const dir = core.getInput("retraining-dir");
    const files = dir ? await collectRetrainingFiles(dir, model) : [];
    if (files.length > 0) {
      const recordFile = files.find((file) => file.path === `reports/models/${model}/retraining.json`);
      if (!recordFile) throw new Error(`${dir} holds no reports/models/${model}/retraining.json`);
      const record = RetrainingRecordSchema.parse(JSON.parse(await readFile(recordFile.source, "utf8")));
      const commit = await pushRetraining({ root, base, branch, files, message: retrainingTitle(record) });
      core.info(`pushed ${commit} to ${branch}`);
    }
    const token = core.getInput("token");
    const repository = parseRepository(env.GITHUB_REPOSITORY);
    const client = createGitHubClient({ token, baseUrl: env.GITHUB_API_URL, log: core.info });
    const state = await readPullRequestState(root, model);
    const issue = (await findDriftIssues(client, repository, model).catch(() => []))[0];
    const dispatch = core.getInput("dispatch");
    const result = await syncRetrainingPullRequest(client, repository, {
      model,
      branch,
      base,
      drifted: state.drifted,
      ...(state.retrained && files.length > 0
        ? { retrained: { title: state.retrained.title, body: state.retrained.body } }
        : {}),
      ...(state.clearedBecause ? { clearedBecause: state.clearedBecause } : {}),
      ...(issue ? { driftIssueUrl: issue.html_url } : {}),
      ...(dispatch ? { dispatchWorkflow: dispatch } : {}),
      log: core.info,
    });
    core.setOutput("result", result.action);
    core.setOutput("number", result.number ?? "");
    core.setOutput("url", result.url ?? "");
    core.info(`${model}: retraining pull request ${result.action}${result.number ? ` #${result.number}` : ""}`);
  } catch (error) {
    core.setFailed(failureMessage(error));
  }
}
