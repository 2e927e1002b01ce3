import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitHubClient, type GitHubClient } from "../../core/github/client.ts";
import { REPORT_MARKER, upsertStickyComment } from "../../core/github/sticky-comment.ts";
import {
  concurrentCreate,
  deletedBeforeUpdate,
  forbidden,
  secondaryRateLimit,
  serverError,
} from "../support/github-api/faults.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";
import { BOT_LOGIN } from "../support/github-api/state.ts";

let server: GitHubApiServer;
let client: GitHubClient;
let log: string[];
const PR = 7;

beforeEach(async () => {
  server = await startGitHubApi("octo-org/octo-repo");
  server.repository.addPullRequest(PR, {
    sha: "a".repeat(40),
    ref: "feature",
    repoFullName: "fork/octo-repo",
    fork: true,
  });
  log = [];
  client = createGitHubClient({
    token: "ghs_local",
    baseUrl: server.url,
    timeScale: 1,
    paceWrites: false,
    log: (line) => log.push(line),
  });
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

const target = () => ({ owner: "octo-org", repo: "octo-repo", issueNumber: PR });
const post = (body: string) =>
  upsertStickyComment(client, target(), {
    marker: REPORT_MARKER,
    body,
    author: BOT_LOGIN,
    log: (line) => log.push(line),
  });
const stickies = () => server.repository.commentsOn(PR).filter((c) => c.body.startsWith(REPORT_MARKER));

describe("upsertStickyComment", () => {
  it("creates the comment when missing, then updates the same one in place", async () => {
    const first = await post(`${REPORT_MARKER}\n## Report\n\nv1`);
    expect(first.action).toBe("created");
    expect(first.body).toBe(`${REPORT_MARKER}\n## Report\n\nv1`);
    const second = await post(`${REPORT_MARKER}\n## Report\n\nv2`);
    expect(second).toMatchObject({ action: "updated", commentId: first.commentId, removed: [] });
    expect(stickies().map((c) => c.body)).toEqual([`${REPORT_MARKER}\n## Report\n\nv2`]);
    const third = await post(`${REPORT_MARKER}\n## Report\n\nv2`);
    expect(third.action).toBe("unchanged");
    expect(server.calls("issues/update-comment")).toHaveLength(1);
  });

  it("finds the marker on the third of three pages (250 comments) and never posts a second one", async () => {
    for (let i = 0; i < 230; i++) server.repository.addComment(PR, `chatter ${i}`, "octocat");
    const sticky = server.repository.addComment(PR, `${REPORT_MARKER}\nold`);
    for (let i = 0; i < 19; i++) server.repository.addComment(PR, `more ${i}`, "octocat");
    const result = await post("new report");
    expect(result).toMatchObject({ action: "updated", commentId: sticky.id });
    expect(server.calls("issues/list-comments").map((r) => r.path)).toEqual([
      "/repos/octo-org/octo-repo/issues/7/comments?per_page=100",
      "/repos/octo-org/octo-repo/issues/7/comments?per_page=100&page=2",
      "/repos/octo-org/octo-repo/issues/7/comments?per_page=100&page=3",
    ]);
    expect(server.calls("issues/create-comment")).toEqual([]);
    expect(stickies()).toHaveLength(1);
  });

  it("reads one page, not all three, when the sticky comment is early in 250 comments", async () => {
    const sticky = server.repository.addComment(PR, `${REPORT_MARKER}\nold`);
    for (let i = 0; i < 249; i++) server.repository.addComment(PR, `chatter ${i}`, "octocat");
    const result = await post("new report");
    expect(result).toMatchObject({ action: "updated", commentId: sticky.id });
    expect(server.requests.map((r) => r.operationId)).toEqual(["issues/list-comments", "issues/update-comment"]);
  });

  it("ignores a marker in someone else's comment", async () => {
    server.repository.addComment(PR, `${REPORT_MARKER}\nI am not the bot`, "mallory");
    const result = await post("report");
    expect(result.action).toBe("created");
    expect(server.repository.commentsOn(PR).map((c) => [c.login, c.body])).toEqual([
      ["mallory", `${REPORT_MARKER}\nI am not the bot`],
      [BOT_LOGIN, `${REPORT_MARKER}\nreport`],
    ]);
  });

  it("posts again when the update answers 404 (deleted meanwhile)", async () => {
    server.repository.addComment(PR, `${REPORT_MARKER}\nold`);
    server.inject(deletedBeforeUpdate());
    const result = await post("fresh");
    expect(result.action).toBe("recreated");
    expect(stickies().map((c) => c.body)).toEqual([`${REPORT_MARKER}\nfresh`]);
    expect(log).toContain(`comment 1000 was deleted meanwhile; posting it again`);
  });

  it("keeps one comment when a concurrent run created one just before ours", async () => {
    server.inject(concurrentCreate(`${REPORT_MARKER}\nother run`, true));
    const result = await post("this run");
    expect(result.action).toBe("updated");
    expect(result.removed).toHaveLength(1);
    expect(stickies().map((c) => c.body)).toEqual([`${REPORT_MARKER}\nthis run`]);
  });

  it("keeps one comment when a concurrent run created one just after ours", async () => {
    server.inject(concurrentCreate(`${REPORT_MARKER}\nother run`, false));
    const result = await post("this run");
    expect(result.action).toBe("created");
    expect(result.removed).toHaveLength(1);
    expect(stickies().map((c) => c.body)).toEqual([`${REPORT_MARKER}\nthis run`]);
  });

  it("removes duplicates left by earlier races, keeping the oldest", async () => {
    const oldest = server.repository.addComment(PR, `${REPORT_MARKER}\na`);
    server.repository.addComment(PR, `${REPORT_MARKER}\nb`);
    const result = await post("c");
    expect(result).toMatchObject({ action: "updated", commentId: oldest.id });
    expect(stickies().map((c) => c.id)).toEqual([oldest.id]);
  });

  it("retries a 500 and then succeeds", async () => {
    server.inject(serverError("issues/create-comment", 2));
    const result = await post("report");
    expect(result.action).toBe("created");
    expect(server.calls("issues/create-comment").map((r) => r.status)).toEqual([500, 500, 201]);
    expect(stickies()).toHaveLength(1);
  });

  it("removes the duplicate when GitHub applied a create but answered 500 (and the retry created again)", async () => {
    server.inject({
      operationId: "issues/create-comment",
      before: (repository, request) => {
        repository.addComment(PR, String(request.body?.body), BOT_LOGIN);
      },
      reply: () => ({ status: 502, body: { message: "Server Error" } }),
    });
    const result = await post("report");
    expect(server.calls("issues/create-comment").map((r) => r.status)).toEqual([502, 201]);
    expect(result).toMatchObject({ action: "created", commentId: 1000, removed: [1001] });
    expect(stickies().map((c) => [c.id, c.body])).toEqual([[1000, `${REPORT_MARKER}\nreport`]]);
  });

  it("waits out a secondary rate limit for the retry-after it was given", async () => {
    server.inject(secondaryRateLimit("issues/list-comments", 7));
    const result = await post("report");
    expect(result.action).toBe("created");
    expect(server.calls("issues/list-comments")[0]?.status).toBe(403);
    expect(log.some((line) => /secondary rate limit .*waiting 7 s \(retry 1 of 3\)/.test(line))).toBe(true);
  });

  it("fails clearly when comments are refused (403) and never retries the create", async () => {
    server.inject(forbidden("issues/create-comment"));
    await expect(post("report")).rejects.toThrow(
      /commenting on octo-org\/octo-repo#7 failed \(HTTP 403\): Resource not accessible by integration/,
    );
    expect(server.calls("issues/create-comment")).toHaveLength(1);
    expect(server.repository.comments).toEqual([]);
  });

  it("fails clearly on a locked conversation", async () => {
    server.repository.issue(PR)!.locked = true;
    await expect(post("report")).rejects.toThrow(/HTTP 403\): Unable to create comment because issue is locked/);
  });

  it("neutralises a fake marker, mentions and HTML in a hostile body", async () => {
    const hostile = [
      REPORT_MARKER,
      "hi @octo-org/security-team and @alice",
      "<!-- almanac-report -->",
      '<img src="https://evil.example/x.png" onerror="alert(1)">',
      "<details><summary>ok</summary>fine</details>",
    ].join("\n");
    const result = await post(hostile);
    expect(result.body).toBe(
      [
        REPORT_MARKER,
        "hi @\u200docto-org/security-team and @\u200dalice",
        "&lt;!-- almanac-report -->",
        '&lt;img src="https://evil.example/x.png" onerror="alert(1)">',
        "<details><summary>ok</summary>fine</details>",
      ].join("\n"),
    );
    await post(hostile);
    expect(stickies()).toHaveLength(1);
    expect(server.repository.commentsOn(PR)).toHaveLength(1);
  });

  it("cuts an oversized body to GitHub's 65,536-character limit with a note", async () => {
    const line = "| model | 0.91 | 0.93 |\n";
    const result = await post(`## Report\n\n${line.repeat(5000)}`);
    expect(result.body.length).toBeLessThanOrEqual(65_536);
    expect(result.body.length).toBeGreaterThan(65_000);
    expect(
      result.body.endsWith(
        "> This report was truncated to fit GitHub's comment size limit. The full report is in the workflow run's job summary.\n",
      ),
    ).toBe(true);
    expect(server.calls("issues/create-comment")[0]?.status).toBe(201);
  });
});
