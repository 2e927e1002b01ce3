import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitHubClient, type GitHubClient } from "../../core/github/client.ts";
import { driftedColumnsTable, renderDriftIssueBody } from "../../core/github/drift-issue-body.ts";
import { driftIssueMarker, driftUpdateMarker, syncDriftIssue } from "../../core/github/drift-issues.ts";
import { LIVE_MENTION, readRendered, renderGfm } from "../support/cmark.ts";
import { driftReport } from "../support/drift-report-fixture.ts";
import { serverError } from "../support/github-api/faults.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";
import { BOT_LOGIN } from "../support/github-api/state.ts";

let server: GitHubApiServer;
let client: GitHubClient;
const repository = { owner: "octo-org", repo: "octo-repo" };
const links = { runUrl: "https://github.com/octo-org/octo-repo/actions/runs/42" };

beforeEach(async () => {
  server = await startGitHubApi("octo-org/octo-repo");
  client = createGitHubClient({ token: "ghs_local", baseUrl: server.url, timeScale: 1, paceWrites: false });
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

const sync = (date: string, drifted: boolean) =>
  syncDriftIssue(client, repository, {
    model: "penguin-species",
    report: driftReport(date, drifted),
    links,
    author: BOT_LOGIN,
  });

describe("syncDriftIssue", () => {
  it("opens one labelled issue, comments while drift persists, closes when it clears", async () => {
    expect(await sync("2026-01-01", false)).toEqual({ action: "none" });
    const opened = await sync("2026-01-02", true);
    expect(opened).toMatchObject({ action: "opened", issueNumber: 1 });
    const issue = server.repository.issue(1)!;
    expect(issue.title).toBe("Drift detected: penguin-species");
    expect(issue.labels).toEqual(["drift"]);
    expect(
      issue.body.startsWith(`${driftIssueMarker("penguin-species")}\nModel \`penguin-species\` drifted on 2026-01-02`),
    ).toBe(true);
    expect(server.calls("issues/create-label")).toHaveLength(1);

    expect(await sync("2026-01-03", true)).toMatchObject({ action: "commented", issueNumber: 1 });
    expect(await sync("2026-01-03", true)).toMatchObject({ action: "commented", issueNumber: 1 });
    expect(server.repository.commentsOn(1).map((c) => c.body.split("\n")[0])).toEqual([
      driftUpdateMarker("penguin-species", "2026-01-03"),
    ]);

    expect(await sync("2026-01-04", false)).toMatchObject({ action: "closed", issueNumber: 1 });
    expect(issue.state).toBe("closed");
    expect(issue.stateReason).toBe("completed");
    expect(server.repository.commentsOn(1).at(-1)?.body).toBe(
      `${driftUpdateMarker("penguin-species", "2026-01-04")}\nDrift cleared on 2026-01-04: 0 of 4 columns drifted (share 0; no dataset drift, threshold ≥ 0.5). Closing.\n\n[workflow run](https://github.com/octo-org/octo-repo/actions/runs/42)`,
    );
    expect(await sync("2026-01-05", true)).toMatchObject({ action: "opened", issueNumber: 2 });
  });

  it("finds the issue by title when its marker was edited away, and closes duplicates", async () => {
    server.repository.labels.add("drift");
    server.repository.addIssue({
      title: "Drift detected: penguin-species",
      body: "edited by a human",
      labels: ["drift"],
    });
    server.repository.addIssue({ title: "x", body: driftIssueMarker("penguin-species"), labels: ["drift"] });
    server.repository.addIssue({ title: "Drift detected: other-model", labels: ["drift"] });
    expect(await sync("2026-01-03", true)).toMatchObject({ action: "commented", issueNumber: 1 });
    expect(server.repository.issue(2)).toMatchObject({ state: "closed", stateReason: "not_planned" });
    expect(server.repository.issue(3)?.state).toBe("open");
  });

  it("retries a 500 from issue creation", async () => {
    server.inject(serverError("issues/create"));
    expect(await sync("2026-01-02", true)).toMatchObject({ action: "opened" });
    expect(server.repository.issues).toHaveLength(1);
  });
});

describe("driftedColumnsTable", () => {
  it("renders the drifted columns with escaped cells and direction-aware judgement", () => {
    expect(driftedColumnsTable(driftReport("2026-01-02", true))).toBe(
      [
        "| Column | Test | Statistic | Judged by | Threshold |",
        "|---|---|---:|---|---:|",
        "| `bill_length_mm` | `ks` | 0.41 | p = 1.23e-5 | 0.05 |",
        "| `flipper\\|length` | `ks` | 0.41 | p = 1.23e-5 | 0.05 |",
      ].join("\n"),
    );
  });
});

describe("drift issue bodies rendered by cmark-gfm", () => {
  const hostile = [
    "x`\n\n# Owned\n\n![pixel](https://evil.example/p.png) [click](https://evil.example)",
    "a|b`c``d\r\n## h",
    "<img src=x>@alice\u2028- item",
    "",
  ];

  it.each(hostile)("keeps a data-derived string inside one code span: %j", (name) => {
    const report = driftReport("2026-01-02", true);
    report.columns[0]!.column = name;
    report.reference.source = name;
    report.schema_changes = [{ column: name, change: "missing" }];
    const body = renderDriftIssueBody("penguin-species", report, {
      runUrl: "https://github.com/octo-org/octo-repo/actions/runs/42",
    });
    const html = renderGfm(body);
    const page = readRendered(html);
    expect(page.tags.filter((tag) => /^(h\d|img|a)$/.test(tag))).toEqual(["a"]);
    expect(page.text).not.toMatch(LIVE_MENTION);
    // The table keeps its five columns in every row.
    expect(html.match(/<tr>/g)).toHaveLength(3);
    for (const row of html.split("<tr>").slice(1)) expect(row.match(/<t[hd][ >]/g)).toHaveLength(5);
    // Outside code, nothing of the hostile string is left.
    for (const word of ["Owned", "pixel", "click", "item", "## h", "img"]) expect(page.text).not.toContain(word);
  });
});
