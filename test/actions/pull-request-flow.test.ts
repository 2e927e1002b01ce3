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

/**
 * A team repository with one evaluated model on main (penguin-sex: it trains with a standard-library
 * Python script) and a pull request branch from a fork that changes its training params.
 */
function pullRequestRepository(): { workspace: string; head: string } {
  const workspace = createWorkspace({ models: ["penguin-sex"], datasets: ["penguins-sex"] });
  const evaluation = join(ALMANAC_ROOT, "reports", "models", "penguin-sex");
  if (existsSync(evaluation))
    cpSync(evaluation, join(workspace, "reports", "models", "penguin-sex"), { recursive: true });
  writeFileSync(join(workspace, ".gitignore"), "node_modules\nalmanac-report\n");
  git(workspace, "init", "-q", "-b", "main");
  git(workspace, "add", "-A");
  git(workspace, "commit", "-q", "-m", "Penguin sex classifier");
  git(workspace, "checkout", "-q", "-b", "changes");
  const card = join(workspace, "models", "penguin-sex", "model.md");
  writeFileSync(card, readFileSync(card, "utf8").replace(/^ {4}epochs: \d+$/m, "    epochs: 200"));
  git(workspace, "commit", "-q", "-am", "Train for fewer epochs");
  return { workspace, head: git(workspace, "rev-parse", "HEAD") };
}

/** What the report job's "Put this run's evaluations in place" step does: a local, never pushed commit. */
function commitEvaluations(workspace: string): void {
  git(workspace, "add", "reports/models");
  git(workspace, "commit", "-q", "-m", "Evaluations of this run");
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
  it("trains the fork's change, reports its regression, and posts the report, HTML and all, as one comment", async () => {
    const { workspace, head } = pullRequestRepository();
    const prEvent = forkPullRequestEvent("synchronize");
    const train = await runCompositeAction(join(ALMANAC_ROOT, "actions", "train"), {
      eventName: "pull_request",
      event: prEvent,
      repository: BASE_REPOSITORY,
      workspace,
      inputs: { model: "penguin-sex", "baseline-ref": "main" },
    });
    expect(train.errors).toEqual([]);
    expect(train.outputs.passed).toBe("true");
    commitEvaluations(workspace);
    const report = await runCompositeAction(join(ALMANAC_ROOT, "actions", "report"), {
      eventName: "pull_request",
      event: prEvent,
      repository: BASE_REPOSITORY,
      workspace,
      inputs: { base: "main" },
    });
    expect(report.stderr).toBe("");
    // Fewer epochs regress the model: the step fails (exit 1), after writing the report to upload.
    expect(report.exitCode).toBe(1);
    const artifact = join(workspace, "almanac-report");
    expect(report.outputs).toEqual({
      "report-path": join(artifact, "report.md"),
      "pr-number-path": join(artifact, "pr-number"),
      "artifact-dir": artifact,
    });
    const markdown = readFileSync(join(artifact, "report.md"), "utf8");
    expect(markdown.startsWith(`${REPORT_MARKER}\n`)).toBe(true);
    expect(markdown).toContain("<summary>");
    expect(markdown.split("\n")[1]).toBe("**⚠️ Almanac: penguin-sex regressed · 1 regressed**");
    expect(markdown).toContain("models/penguin-sex/model.md changed");
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
