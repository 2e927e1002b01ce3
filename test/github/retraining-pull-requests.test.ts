import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitHubClient, type GitHubClient } from "../../core/github/client.ts";
import { retrainingBranch, syncRetrainingPullRequest } from "../../core/github/retraining-pull-requests.ts";
import { retrainingMarker } from "../../core/retrain/report.ts";
import { forbidden, serverError } from "../support/github-api/faults.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";

let server: GitHubApiServer;
let client: GitHubClient;
const repository = { owner: "octo-org", repo: "octo-repo" };
const branch = retrainingBranch("seattle-rain");
const DRIFT_ISSUE = "https://github.com/octo-org/octo-repo/issues/7";

beforeEach(async () => {
  server = await startGitHubApi("octo-org/octo-repo");
  client = createGitHubClient({ token: "ghs_local", baseUrl: server.url, timeScale: 1, paceWrites: false });
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

const report = (through: string) =>
  `${retrainingMarker("seattle-rain")}\n## Retrain seattle-rain on data through ${through}\n\n**✅ passes**\n`;

const sync = (options: { drifted: boolean; through?: string; dispatch?: boolean }) =>
  syncRetrainingPullRequest(client, repository, {
    model: "seattle-rain",
    branch,
    base: "main",
    drifted: options.drifted,
    ...(options.through
      ? {
          retrained: {
            title: `Retrain seattle-rain on data through ${options.through}`,
            body: report(options.through),
          },
        }
      : {}),
    driftIssueUrl: DRIFT_ISSUE,
    clearedBecause: "the drift report of 2016-04-01 found no drift",
    ...(options.dispatch ? { dispatchWorkflow: "pull-request.yml" } : {}),
  });

describe("syncRetrainingPullRequest", () => {
  it("opens one pull request per model, updates it on later runs, closes it with a comment when drift clears", async () => {
    expect(await sync({ drifted: false })).toEqual({ action: "none" });
    const opened = await sync({ drifted: true, through: "2015-09-30" });
    expect(opened).toEqual({
      action: "opened",
      number: 1,
      url: "https://github.com/octo-org/octo-repo/pull/1",
    });
    const pull = server.repository.issue(1);
    expect(pull).toMatchObject({
      title: "Retrain seattle-rain on data through 2015-09-30",
      base: "main",
      state: "open",
      head: { ref: "almanac/retrain/seattle-rain" },
    });
    expect(pull?.body).toBe(`${report("2015-09-30").trimEnd()}\n\nDrift issue: ${DRIFT_ISSUE}\n`);

    expect(await sync({ drifted: true, through: "2015-12-31" })).toMatchObject({ action: "updated", number: 1 });
    expect(server.repository.issues).toHaveLength(1);
    expect(pull?.title).toBe("Retrain seattle-rain on data through 2015-12-31");
    expect(pull?.body.split("\n")[1]).toBe("## Retrain seattle-rain on data through 2015-12-31");
    expect(server.calls("pulls/create")).toHaveLength(1);

    expect(await sync({ drifted: true })).toEqual({
      action: "none",
      number: 1,
      url: "https://github.com/octo-org/octo-repo/pull/1",
    });
    expect(await sync({ drifted: false })).toMatchObject({ action: "closed", number: 1 });
    expect(pull?.state).toBe("closed");
    expect(server.repository.commentsOn(1).map((comment) => comment.body)).toEqual([
      "Drift cleared: the drift report of 2016-04-01 found no drift. Closing this retraining pull request.",
    ]);
    expect(await sync({ drifted: true, through: "2016-03-31" })).toMatchObject({ action: "opened", number: 2 });
  });

  it("finds the pull request by its branch when the marker was edited away, and closes duplicates", async () => {
    const head = { sha: "a".repeat(40), repoFullName: "octo-org/octo-repo", fork: false };
    server.repository.addIssue({ title: "Edited by a human", body: "no marker", head: { ...head, ref: branch } });
    server.repository.addIssue({ title: "x", body: report("2015-06-30"), head: { ...head, ref: "other" } });
    server.repository.addIssue({
      title: "Another model",
      body: retrainingMarker("penguin-sex"),
      head: { ...head, ref: "y" },
    });
    expect(await sync({ drifted: true, through: "2015-12-31" })).toMatchObject({ action: "updated", number: 1 });
    expect(server.repository.issue(2)?.state).toBe("closed");
    expect(server.repository.commentsOn(2).map((comment) => comment.body)).toEqual(["Superseded by #1."]);
    expect(server.repository.issue(3)?.state).toBe("open");
  });

  it("dispatches the pull-request workflow on the branch (a GITHUB_TOKEN pull request starts none)", async () => {
    expect(await sync({ drifted: true, through: "2015-12-31", dispatch: true })).toMatchObject({
      action: "opened",
      dispatched: true,
    });
    expect(server.repository.dispatches).toEqual([{ workflow: "pull-request.yml", ref: branch }]);
  });

  it("retries a 500 when opening", async () => {
    server.inject(serverError("pulls/create"));
    expect(await sync({ drifted: true, through: "2015-12-31" })).toMatchObject({ action: "opened", number: 1 });
    expect(server.repository.issues).toHaveLength(1);
  });

  it("says which permission is missing when the token cannot write pull requests", async () => {
    server.inject(forbidden("pulls/create"));
    await expect(sync({ drifted: true, through: "2015-12-31" })).rejects.toMatchObject({
      message: expect.stringContaining("opening the retraining pull request of seattle-rain"),
      hint: expect.stringContaining("pull-requests: write"),
    });
    expect(server.repository.issues).toHaveLength(0);
  });
});
