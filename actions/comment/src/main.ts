import * as core from "@actions/core";
import { failureMessage, readEventPayload } from "../../../core/github/action-env.ts";
import { createGitHubClient, parseRepository } from "../../../core/github/client.ts";
import { GITHUB_COMMENT_LIMIT } from "../../../core/github/comment-body.ts";
import { postReportComment, readArtifactFile } from "../../../core/github/post-report.ts";

/** A pull request number file holds a few digits; anything longer is not one. */
const PR_NUMBER_BYTES = 64;

function maxLength(): number {
  const value = Number(core.getInput("max-length") || GITHUB_COMMENT_LIMIT);
  if (!Number.isInteger(value) || value < 1_000 || value > GITHUB_COMMENT_LIMIT) {
    throw new Error(`max-length must be an integer between 1000 and ${GITHUB_COMMENT_LIMIT}, received ${value}`);
  }
  return value;
}

async function pullRequestNumber(): Promise<string> {
  const direct = core.getInput("pr-number");
  if (direct) return direct;
  return readArtifactFile(core.getInput("pr-number-path", { required: true }), PR_NUMBER_BYTES);
}

/**
 * The comment action: reads the report and pull request number from the downloaded artifact,
 * checks the number against the triggering event, and posts or updates the one sticky comment.
 */
export async function run(): Promise<void> {
  try {
    const env = process.env;
    const client = createGitHubClient({ token: core.getInput("token"), baseUrl: env.GITHUB_API_URL, log: core.info });
    const result = await postReportComment(client, {
      repository: parseRepository(env.GITHUB_REPOSITORY),
      eventName: env.GITHUB_EVENT_NAME ?? "",
      payload: readEventPayload(env),
      reportPath: core.getInput("report-path", { required: true }),
      pullRequestNumber: await pullRequestNumber(),
      marker: core.getInput("marker") || undefined,
      author: core.getInput("comment-author"),
      maxLength: maxLength(),
      log: core.info,
    });
    if (result.kind === "skipped") {
      core.notice(`No comment posted: ${result.reason}`);
      core.setOutput("result", "skipped");
      return;
    }
    core.setOutput("result", result.action);
    core.setOutput("comment-id", result.commentId);
    core.setOutput("comment-url", result.url);
    core.setOutput("pull-request", result.issueNumber);
    core.info(`Report comment ${result.action} on #${result.issueNumber}: ${result.url}`);
    if (env.GITHUB_STEP_SUMMARY) {
      await core.summary
        .addRaw(`Almanac report comment ${result.action} on #${result.issueNumber}: ${result.url}\n`)
        .write();
    }
  } catch (error) {
    core.setFailed(failureMessage(error));
  }
}
