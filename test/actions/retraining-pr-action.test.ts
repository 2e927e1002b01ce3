import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { retrainingMarker } from "../../core/retrain/titles.ts";
import { type RetrainingRecord, RetrainingRecordSchema } from "../../core/schemas/retraining.ts";
import { runJavaScriptAction } from "../support/action-runner.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";
import { scheduleEvent } from "../support/webhook-events.ts";
import { ALMANAC_ROOT } from "../support/workspace.ts";

const REPOSITORY = "octo-org/octo-repo";
let temp: string;
let bare: string;
let workspace: string;
let server: GitHubApiServer;

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-C", cwd, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

const RECORD: RetrainingRecord = RetrainingRecordSchema.parse({
  apiVersion: "almanac/v1",
  kind: "Retraining",
  model: { id: "seattle-rain", from: "1.1.0", to: "1.2.0" },
  dataset: { id: "seattle-weather", from: "1.0.0", to: "1.1.0", added: [], through: "2015-12-31" },
  trigger: null,
  production: { version: "1.1.0", artifact: "a".repeat(64) },
  comparison: { rows: 353, paired: true, confidence: 0.95, metrics: [] },
  gates: [],
  evaluation_passed: true,
  passed: true,
});

/** What the read-only retrain job uploads: the paths it changed, at their repository paths. */
function retrainingDir(extra: Record<string, string> = {}): string {
  const dir = join(temp, "retrain-seattle-rain");
  const card = readFileSync(join(workspace, "models/seattle-rain/model.md"), "utf8").replace(
    "version: 1.1.0",
    "version: 1.2.0",
  );
  const files: Record<string, string> = {
    "models/seattle-rain/model.md": card,
    "reports/models/seattle-rain/retraining.json": `${JSON.stringify(RECORD, null, 2)}\n`,
    "reports/models/seattle-rain/retraining.md": `${retrainingMarker("seattle-rain")}\n## Retrain seattle-rain on data through 2015-12-31\n`,
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

beforeEach(async () => {
  temp = mkdtempSync(join(tmpdir(), "almanac-retraining-pr-"));
  bare = join(temp, "origin.git");
  execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  workspace = join(temp, "workspace");
  execFileSync("git", ["clone", "--quiet", bare, workspace], { stdio: "ignore" });
  for (const path of ["models/seattle-rain", "reports/drift/seattle-rain"])
    cpSync(join(ALMANAC_ROOT, path), join(workspace, path), { recursive: true });
  git(workspace, "add", "-A");
  git(workspace, "-c", "user.name=t", "-c", "user.email=t@almanac.invalid", "commit", "--quiet", "-m", "production");
  git(workspace, "push", "--quiet", "origin", "HEAD:main");
  server = await startGitHubApi(REPOSITORY);
});

afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
  rmSync(temp, { recursive: true, force: true });
});

const job = (inputs: Record<string, string>) =>
  runJavaScriptAction(join(ALMANAC_ROOT, "actions", "retraining-pr"), {
    eventName: "schedule",
    event: scheduleEvent(),
    repository: REPOSITORY,
    apiUrl: server.url,
    token: "ghs_local",
    workspace,
    inputs: { model: "seattle-rain", base: "main", ...inputs },
  });

describe("actions/retraining-pr (the bundle, as the runner runs it)", () => {
  it("pushes the retraining to almanac/retrain/<model> and opens the pull request", async () => {
    const run = await job({ "retraining-dir": retrainingDir() });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ result: "opened", number: "1", url: "https://github.com/octo-org/octo-repo/pull/1" });
    expect(git(bare, "log", "-1", "--format=%s %an", "almanac/retrain/seattle-rain")).toBe(
      "Retrain seattle-rain on data through 2015-12-31 github-actions[bot]",
    );
    expect(git(bare, "diff", "--name-only", "main", "almanac/retrain/seattle-rain").split("\n")).toEqual([
      "models/seattle-rain/model.md",
      "reports/models/seattle-rain/retraining.json",
      "reports/models/seattle-rain/retraining.md",
    ]);
    expect(server.repository.issue(1)?.title).toBe("Retrain seattle-rain on data through 2015-12-31");
    // A later run without a retraining leaves the pull request as it is while the model still drifts.
    const later = await job({});
    expect(later.outputs.result).toBe("none");
  });

  it("refuses a retraining that carries any other file, and pushes nothing", async () => {
    const run = await job({
      "retraining-dir": retrainingDir({ "package.json": "{}", ".github/workflows/x.yml": "on: push" }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toContain(
      "the retraining of seattle-rain carries files it may not change: .github/workflows/x.yml, package.json",
    );
    expect(git(bare, "branch", "--list", "almanac/*")).toBe("");
    expect(server.repository.issues).toHaveLength(0);
  });
});
