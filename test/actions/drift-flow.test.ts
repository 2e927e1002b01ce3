import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { driftIssueMarker } from "../../core/github/drift-issues.ts";
import { type ActionRunOptions, runCompositeAction, runJavaScriptAction } from "../support/action-runner.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";
import { scheduleEvent, webhookExample } from "../support/webhook-events.ts";
import { ALMANAC_ROOT, createWorkspace } from "../support/workspace.ts";

/**
 * One job of the scheduled drift workflow, twice: the drift action computes the production model's
 * drift and the drift-issue action opens the model's issue; on a later run without drift it closes it.
 */
const REPOSITORY = "octo-org/octo-repo";
let server: GitHubApiServer;
let workspace: string;

/** The 2015 production data with temperatures 8 °C warmer: drift a KS test cannot miss. */
function writeWarmerYear(): string {
  const lines = readFileSync(join(workspace, "datasets/seattle-weather/current/2015.csv"), "utf8").trim().split("\n");
  const header = lines[0]!.split(",");
  const warm = new Set([header.indexOf("temp_max"), header.indexOf("temp_min")]);
  const shifted = lines.slice(1).map((line) =>
    line
      .split(",")
      .map((cell, i) => (warm.has(i) && cell !== "" ? String(Number(cell) + 8) : cell))
      .join(","),
  );
  mkdirSync(join(workspace, "monitoring"), { recursive: true });
  writeFileSync(join(workspace, "monitoring/2015-warmer.csv"), `${[lines[0], ...shifted].join("\n")}\n`);
  return "monitoring/2015-warmer.csv";
}

/**
 * A year like the reference: the 2013 training rows dated 2015 (labels dropped), so the card's
 * 2015 window sees no dataset drift and the issue clears. The real 2015 season drifts.
 */
function writeTypicalYear(): string {
  const lines = readFileSync(join(workspace, "datasets/seattle-weather/data/seattle-weather-2012-2014.csv"), "utf8")
    .trim()
    .split("\n");
  const rows = lines
    .slice(1)
    .filter((line) => line.split(",")[1]?.startsWith("2013-"))
    .map((line) => line.split(",").slice(0, 6).join(",").replace(",2013-", ",2015-"));
  mkdirSync(join(workspace, "monitoring"), { recursive: true });
  writeFileSync(
    join(workspace, "monitoring/2015-typical.csv"),
    `${["row_id,date,month,temp_max,temp_min,wind", ...rows].join("\n")}\n`,
  );
  return "monitoring/2015-typical.csv";
}

function job(
  eventName: string,
  event: object,
): Pick<ActionRunOptions, "eventName" | "event" | "repository" | "workspace" | "apiUrl" | "token"> {
  return { eventName, event, repository: REPOSITORY, workspace, apiUrl: server.url, token: "ghs_workflow_token" };
}

async function driftJob(eventName: string, event: object, current: string) {
  const drift = await runCompositeAction(join(ALMANAC_ROOT, "actions", "drift"), {
    ...job(eventName, event),
    inputs: { model: "seattle-rain", current },
  });
  expect(drift.stderr).toBe("");
  expect(drift.exitCode).toBe(0);
  const issue = await runJavaScriptAction(join(ALMANAC_ROOT, "actions", "drift-issue"), {
    ...job(eventName, event),
    inputs: { model: "seattle-rain", "report-path": drift.outputs["report-path"]! },
  });
  expect(issue.errors).toEqual([]);
  return { drift, issue };
}

beforeEach(async () => {
  server = await startGitHubApi(REPOSITORY);
  workspace = createWorkspace({ models: ["seattle-rain"], datasets: ["seattle-weather"] });
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

describe("scheduled drift job", () => {
  it("opens the model's drift issue when it drifts and closes it when the drift clears", async () => {
    const first = await driftJob("schedule", scheduleEvent(), writeWarmerYear());
    const date = new Date().toISOString().slice(0, 10);
    expect(first.drift.outputs).toMatchObject({
      drifted: "true",
      "report-path": `reports/drift/seattle-rain/${date}.json`,
    });
    expect(first.drift.summary.split("\n")[0]).toBe(`## Drift of seattle-rain on ${date}: ⚠️ drift`);
    expect(first.issue.outputs).toEqual({
      result: "opened",
      drifted: "true",
      "issue-number": "1",
      "issue-url": "https://github.com/octo-org/octo-repo/issues/1",
    });
    const issue = server.repository.issue(1)!;
    expect(issue).toMatchObject({ title: "Drift detected: seattle-rain", state: "open", labels: ["drift"] });
    expect(
      issue.body.startsWith(`${driftIssueMarker("seattle-rain")}\nModel \`seattle-rain\` drifted on ${date}`),
    ).toBe(true);
    expect(issue.body).toMatch(/\| `temp_max` \| `wasserstein_norm` \|/);
    expect(issue.body).toContain(
      `[report](https://github.com/octo-org/octo-repo/blob/main/reports/drift/seattle-rain/${date}.json) · [workflow run](https://github.com/octo-org/octo-repo/actions/runs/4242)`,
    );

    const second = await driftJob("workflow_dispatch", webhookExample("workflow_dispatch"), writeTypicalYear());
    expect(second.drift.outputs.drifted).toBe("false");
    expect(second.issue.outputs).toMatchObject({ result: "closed", drifted: "false", "issue-number": "1" });
    expect(issue).toMatchObject({ state: "closed", stateReason: "completed" });
    expect(server.repository.commentsOn(1).at(-1)?.body).toMatch(
      /\nDrift cleared on \d{4}-\d{2}-\d{2}: 1 of 4 columns drifted/,
    );
  });

  it("fails the drift step on bad input (exit 2) and leaves issues alone", async () => {
    const drift = await runCompositeAction(join(ALMANAC_ROOT, "actions", "drift"), {
      ...job("schedule", scheduleEvent()),
      inputs: { model: "seattle-rain", current: "monitoring/missing-*.csv" },
    });
    expect(drift.exitCode).toBe(2);
    expect(drift.outputs["report-path"]).toBe("");
    expect(server.requests).toEqual([]);
  });
});
