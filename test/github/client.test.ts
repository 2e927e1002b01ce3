import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitHubClient, parseRepository } from "../../core/github/client.ts";
import { primaryRateLimit, serverError } from "../support/github-api/faults.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";

let server: GitHubApiServer;
let log: string[];

beforeEach(async () => {
  server = await startGitHubApi("octo-org/octo-repo");
  server.repository.addIssue({ number: 1, title: "x" });
  log = [];
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

const client = () =>
  createGitHubClient({
    token: "ghs_local",
    baseUrl: `${server.url}/`,
    timeScale: 1,
    paceWrites: false,
    log: (l) => log.push(l),
  });
const listComments = () => client().rest.issues.listComments({ owner: "octo-org", repo: "octo-repo", issue_number: 1 });

describe("createGitHubClient", () => {
  it("refuses to start without a token", () => {
    expect(() => createGitHubClient({ token: "" })).toThrow(
      "no GitHub token: the GitHub API needs one to read and write comments and issues",
    );
    expect(() => createGitHubClient({ token: undefined })).toThrow(/no GitHub token/);
  });

  it("retries 5xx answers three times, then gives up with the status", async () => {
    server.inject(serverError("issues/list-comments", 10));
    await expect(listComments()).rejects.toMatchObject({ status: 500 });
    expect(server.calls("issues/list-comments")).toHaveLength(4);
  });

  it("waits out a primary rate limit until its reset", async () => {
    server.inject(primaryRateLimit("issues/list-comments", 2));
    const { data } = await listComments();
    expect(data).toEqual([]);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(
      /^GitHub rate limit for GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}\/comments: waiting [23] s \(retry 1 of 3\)$/,
    );
  });

  it("gives up at once on a rate limit longer than a CI job should wait", async () => {
    server.inject(primaryRateLimit("issues/list-comments", 3600));
    await expect(listComments()).rejects.toMatchObject({ status: 403 });
    expect(server.calls("issues/list-comments")).toHaveLength(1);
    expect(log.some((line) => /asks to wait 360[01] s \(> 600 s\); giving up/.test(line))).toBe(true);
  });
});

describe("parseRepository", () => {
  it("splits owner/repo and rejects anything else", () => {
    expect(parseRepository("octo-org/octo-repo")).toEqual({ owner: "octo-org", repo: "octo-repo" });
    expect(() => parseRepository("octo-org")).toThrow('expected a repository as owner/repo, received "octo-org"');
    expect(() => parseRepository(undefined)).toThrow('received ""');
  });
});
