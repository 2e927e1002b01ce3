import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hasUnsafeMarkdown } from "../../core/github/comment-body.ts";
import { REPORT_MARKER } from "../../core/github/sticky-comment.ts";
import { runCompositeAction, runJavaScriptAction } from "../support/action-runner.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";
import { BASE_REPOSITORY, FORK_REPOSITORY, forkPullRequestEvent, workflowRunEvent } from "../support/webhook-events.ts";
import { ALMANAC_ROOT, createWorkspace } from "../support/workspace.ts";

/**
 * The two workflows end to end: the unprivileged pull request job builds the report with the report
 * action and leaves report.md + pr-number (the artifact); the privileged workflow_run job hands that
 * artifact to the comment action, which posts it on the pull request.
 */
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Almanac Test",
  GIT_AUTHOR_EMAIL: "test@almanac.invalid",
  GIT_COMMITTER_NAME: "Almanac Test",
  GIT_COMMITTER_EMAIL: "test@almanac.invalid",
  GIT_AUTHOR_DATE: "2026-01-10T10:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-10T10:00:00Z",
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, env: GIT_ENV, encoding: "utf8" }).trim();

/** A team repository with one evaluated model on main, and a pull request branch that edits its card. */
function pullRequestRepository(): { workspace: string; head: string } {
  const workspace = createWorkspace({ models: ["penguin-species"], datasets: ["penguins"] });
  const evaluation = join(ALMANAC_ROOT, "reports", "models", "penguin-species");
  if (existsSync(evaluation))
    cpSync(evaluation, join(workspace, "reports", "models", "penguin-species"), { recursive: true });
  writeFileSync(join(workspace, ".gitignore"), "node_modules\nalmanac-report\n");
  git(workspace, "init", "-q", "-b", "main");
  git(workspace, "add", "-A");
  git(workspace, "commit", "-q", "-m", "Penguin species classifier");
  git(workspace, "checkout", "-q", "-b", "changes");
  const card = join(workspace, "models", "penguin-species", "model.md");
  writeFileSync(
    card,
    readFileSync(card, "utf8").replace(/^description: .*$/m, "description: Tells penguins apart, now from a fork."),
  );
  git(workspace, "commit", "-q", "-am", "Describe the model better");
  return { workspace, head: git(workspace, "rev-parse", "HEAD") };
}

let server: GitHubApiServer;

beforeEach(async () => {
  server = await startGitHubApi(BASE_REPOSITORY);
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

describe("pull request report → artifact → sticky comment", () => {
  it("builds the report from the fork's pull request and posts it, HTML and all, as one comment", async () => {
    const { workspace, head } = pullRequestRepository();
    const prEvent = forkPullRequestEvent("synchronize");
    const report = await runCompositeAction(join(ALMANAC_ROOT, "actions", "report"), {
      eventName: "pull_request",
      event: prEvent,
      repository: BASE_REPOSITORY,
      workspace,
      inputs: { base: "main" },
    });
    expect(report.stderr).toBe("");
    expect(report.exitCode).toBe(0);
    const artifact = join(workspace, "almanac-report");
    expect(report.outputs).toEqual({
      "report-path": join(artifact, "report.md"),
      "pr-number-path": join(artifact, "pr-number"),
      "artifact-dir": artifact,
    });
    const markdown = readFileSync(join(artifact, "report.md"), "utf8");
    expect(markdown.startsWith(`${REPORT_MARKER}\n`)).toBe(true);
    expect(markdown).toContain("<summary>");
    expect(readFileSync(join(artifact, "pr-number"), "utf8")).toBe(`${prEvent.pull_request.number}\n`);
    expect(report.summary).toBe(markdown);

    server.repository.addPullRequest(prEvent.pull_request.number, {
      sha: head,
      ref: "changes",
      repoFullName: FORK_REPOSITORY,
      fork: true,
    });
    const event = workflowRunEvent({
      repository: BASE_REPOSITORY,
      headSha: head,
      headBranch: "changes",
      headRepository: FORK_REPOSITORY,
      pullRequests: [],
    });
    const comment = await runJavaScriptAction(join(ALMANAC_ROOT, "actions", "comment"), {
      eventName: "workflow_run",
      event,
      repository: BASE_REPOSITORY,
      apiUrl: server.url,
      token: "ghs_workflow_token",
      workspace: join(workspace, ".."),
      inputs: { "report-path": join(artifact, "report.md"), "pr-number-path": join(artifact, "pr-number") },
    });
    expect(comment.errors).toEqual([]);
    expect(comment.outputs.result).toBe("created");
    const [posted, ...others] = server.repository.commentsOn(prEvent.pull_request.number);
    expect(others).toEqual([]);
    expect(posted!.body).toBe(markdown);
    expect(hasUnsafeMarkdown(posted!.body.slice(REPORT_MARKER.length))).toBe(false);
  });
});
