import type { Command } from "commander";
import { createGitHubClient, parseRepository } from "../../github/client.ts";
import { findDriftIssues } from "../../github/drift-issues.ts";
import { retrainingBranch, syncRetrainingPullRequest } from "../../github/retraining-pull-requests.ts";
import { readPullRequestState } from "../../retrain/pull-request-state.ts";
import { EXIT_OK, usageError } from "../../util/errors.ts";
import type { Runner } from "../main.ts";

interface Flags {
  base: string;
  branch?: string;
  driftIssue?: string;
  dispatch?: string;
  json?: boolean;
}

/**
 * `almanac retraining-pr <model>`: the scheduled flow's last step. Opens, updates or closes the
 * model's one retraining pull request from what `almanac retrain` wrote and the newest drift report.
 * Runs no model code; needs GITHUB_TOKEN (pull-requests: write) and GITHUB_REPOSITORY.
 */
export function registerRetrainingPr(program: Command, run: Runner): void {
  program
    .command("retraining-pr")
    .description("open, update or close a model's retraining pull request (the scheduled flow's last step)")
    .argument("<model>", "model id")
    .option("--base <branch>", "branch the pull request targets", "main")
    .option("--branch <branch>", "branch the retraining was pushed to (default almanac/retrain/<model>)")
    .option(
      "--drift-issue <url>",
      "link to the model's drift issue (default: its open drift issue, found as almanac's drift flow marks it)",
    )
    .option(
      "--dispatch <workflow>",
      "start this workflow file on the branch (workflow_dispatch) after opening or updating",
    )
    .option("--json", "print { action, number, url, dispatched } as JSON")
    .addHelpText(
      "after",
      [
        "",
        "Reads reports/models/<model>/retraining.json and retraining.md (from almanac retrain, for the card's",
        "current version) and the newest drift report. Push the branch first. Uses GITHUB_TOKEN, GITHUB_REPOSITORY",
        "and GITHUB_API_URL; see docs/github.md for why a GITHUB_TOKEN pull request needs --dispatch or an App token.",
      ].join("\n"),
    )
    .action(
      run(async (context, id: string, flags: Flags) => {
        const token = process.env.GITHUB_TOKEN;
        if (!token)
          throw usageError("GITHUB_TOKEN is not set", "pass the job's token (or a GitHub App token) as GITHUB_TOKEN");
        const repository = parseRepository(process.env.GITHUB_REPOSITORY);
        const client = createGitHubClient({ token, baseUrl: process.env.GITHUB_API_URL, log: context.stderr });
        const state = await readPullRequestState(context.root, id);
        // The drift issue the scheduled run keeps for this model, unless the caller names one.
        const driftIssue =
          flags.driftIssue ?? (await findDriftIssues(client, repository, state.model).catch(() => []))[0]?.html_url;
        const result = await syncRetrainingPullRequest(client, repository, {
          model: state.model,
          branch: flags.branch ?? retrainingBranch(state.model),
          base: flags.base,
          drifted: state.drifted,
          ...(state.retrained ? { retrained: { title: state.retrained.title, body: state.retrained.body } } : {}),
          ...(state.clearedBecause ? { clearedBecause: state.clearedBecause } : {}),
          ...(driftIssue ? { driftIssueUrl: driftIssue } : {}),
          ...(flags.dispatch ? { dispatchWorkflow: flags.dispatch } : {}),
          log: context.stderr,
        });
        if (flags.json) context.stdout(JSON.stringify(result, null, 2));
        else
          context.stdout(
            `${state.model}: ${result.action}${result.number ? ` #${result.number}` : ""}${result.url ? ` ${result.url}` : ""}${result.dispatched ? ` (dispatched ${flags.dispatch})` : ""}`,
          );
        return EXIT_OK;
      }),
    );
}
