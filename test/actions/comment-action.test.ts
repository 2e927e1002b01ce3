import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPORT_MARKER } from "../../core/github/sticky-comment.ts";
import { type ActionRunOptions, runJavaScriptAction } from "../support/action-runner.ts";
import { forbidden, secondaryRateLimit, serverError } from "../support/github-api/faults.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";
import {
  BASE_REPOSITORY,
  FORK_REPOSITORY,
  forkPullRequestEvent,
  webhookExample,
  workflowRunEvent,
} from "../support/webhook-events.ts";
import { ALMANAC_ROOT, createWorkspace } from "../support/workspace.ts";

const ACTION = join(ALMANAC_ROOT, "actions", "comment");
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const REPORT = `${REPORT_MARKER}\n## Almanac report\n\n| Model | macro_f1 | Δ |\n|---|---:|---:|\n| penguin-species | 0.968 | +0.004 |\n`;

let server: GitHubApiServer;
let workspace: string;

/** The artifact as the pull request workflow uploaded it (attacker-controlled). */
function writeArtifact(report: string, prNumber: string): string {
  const dir = join(workspace, "artifact");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "report.md"), report);
  writeFileSync(join(dir, "pr-number"), prNumber);
  return dir;
}

function options(overrides: Partial<ActionRunOptions> = {}): ActionRunOptions {
  return {
    eventName: "workflow_run",
    event: workflowRunEvent({
      repository: BASE_REPOSITORY,
      headSha: HEAD,
      headBranch: "changes",
      headRepository: FORK_REPOSITORY,
      pullRequests: [],
    }),
    repository: BASE_REPOSITORY,
    apiUrl: server.url,
    token: "ghs_workflow_token",
    workspace,
    inputs: { "report-path": "artifact/report.md", "pr-number-path": "artifact/pr-number" },
    ...overrides,
  };
}

beforeEach(async () => {
  server = await startGitHubApi(BASE_REPOSITORY);
  server.repository.addPullRequest(2, { sha: HEAD, ref: "changes", repoFullName: FORK_REPOSITORY, fork: true });
  workspace = createWorkspace();
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

describe("comment action (dist/index.js under the runner's contract)", () => {
  it("posts the report on the fork's pull request, then updates the same comment on a rerun", async () => {
    writeArtifact(REPORT, "2\n");
    const first = await runJavaScriptAction(ACTION, options());
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toEqual({
      result: "created",
      "comment-id": "1000",
      "comment-url": "https://github.com/Codertocat/Hello-World/issues/2#issuecomment-1000",
      "pull-request": "2",
    });
    expect(first.summary).toBe(
      "Almanac report comment created on #2: https://github.com/Codertocat/Hello-World/issues/2#issuecomment-1000\n",
    );
    expect(server.repository.commentsOn(2).map((c) => c.body)).toEqual([REPORT]);

    writeArtifact(REPORT.replace("0.968", "0.971"), "2");
    const second = await runJavaScriptAction(ACTION, options());
    expect(second.outputs.result).toBe("updated");
    expect(server.repository.commentsOn(2).map((c) => c.body)).toEqual([REPORT.replace("0.968", "0.971")]);
  });

  it("fails without posting when the artifact names another pull request", async () => {
    server.repository.addPullRequest(5, {
      sha: "d".repeat(40),
      ref: "main",
      repoFullName: BASE_REPOSITORY,
      fork: false,
    });
    writeArtifact(REPORT, "5");
    const run = await runJavaScriptAction(ACTION, options());
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      "refusing to comment: the report claims pull request #5, but its head is in Codertocat/Hello-World, the run's in mallory/Hello-World\n" +
        "hint: the artifact is written by pull request code and cannot be trusted; a report is only posted on the pull request whose run produced it",
    ]);
    expect(server.repository.comments).toEqual([]);
  });

  it("fails clearly without a token", async () => {
    writeArtifact(REPORT, "2");
    const run = await runJavaScriptAction(ACTION, options({ token: "" }));
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(/^no GitHub token: the GitHub API needs one/);
    expect(server.requests).toEqual([]);
  });

  it("fails clearly when commenting is refused (403), posting nothing", async () => {
    writeArtifact(REPORT, "2");
    server.inject(forbidden("issues/create-comment"));
    const run = await runJavaScriptAction(ACTION, options());
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(
      /^commenting on Codertocat\/Hello-World#2 failed \(HTTP 403\): Resource not accessible by integration/,
    );
    expect(server.calls("issues/create-comment")).toHaveLength(1);
    expect(server.repository.comments).toEqual([]);
  });

  it("rides out a 500 and a secondary rate limit with retry-after", async () => {
    writeArtifact(REPORT, "2");
    server.inject(serverError("pulls/get")).inject(secondaryRateLimit("issues/list-comments", 1));
    const run = await runJavaScriptAction(ACTION, options());
    expect(run.errors).toEqual([]);
    expect(run.outputs.result).toBe("created");
    expect(server.calls("pulls/get").map((r) => r.status)).toEqual([500, 200]);
    expect(server.calls("issues/list-comments").map((r) => r.status)).toEqual([403, 200, 200]);
    expect(run.stdout).toContain(
      "GitHub secondary rate limit for GET /repos/Codertocat/Hello-World/issues/2/comments?per_page=100: waiting 1 s (retry 1 of 3)",
    );
    expect(server.repository.commentsOn(2)).toHaveLength(1);
  });

  it("posts a hostile, oversized report safely: one comment, one marker, no live HTML or mentions", async () => {
    const hostile = `${REPORT_MARKER}\n<!-- almanac-report -->\n@octo-org/owners <img src=x onerror=alert(1)>\n${"| a | b |\n".repeat(20_000)}`;
    writeArtifact(hostile, "2");
    const run = await runJavaScriptAction(ACTION, options());
    expect(run.errors).toEqual([]);
    const [comment, ...rest] = server.repository.commentsOn(2);
    expect(rest).toEqual([]);
    expect(comment!.body.length).toBeLessThanOrEqual(65_536);
    expect(comment!.body.split(REPORT_MARKER)).toHaveLength(2);
    expect(
      comment!.body.startsWith(`${REPORT_MARKER}\n&lt;!-- almanac-report -->\n@\u200docto-org/owners &lt;img src=x`),
    ).toBe(true);
    expect(comment!.body).toMatch(/This report was truncated to fit GitHub's comment size limit/);
  });

  it("checks the number against a pull_request event from a fork (whose token is read-only)", async () => {
    writeArtifact(REPORT, "2");
    server.inject(forbidden("issues/create-comment"));
    const run = await runJavaScriptAction(
      ACTION,
      options({ eventName: "pull_request", event: forkPullRequestEvent("opened") }),
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toContain(
      "a token from a fork's pull_request run is always read-only: post from a workflow_run workflow instead",
    );
  });

  it("refuses events that carry no pull request (workflow_dispatch)", async () => {
    writeArtifact(REPORT, "2");
    const run = await runJavaScriptAction(
      ACTION,
      options({ eventName: "workflow_dispatch", event: webhookExample("workflow_dispatch") }),
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(/^cannot tell which pull request a workflow_dispatch event is for/);
    expect(server.requests).toEqual([]);
  });
});
