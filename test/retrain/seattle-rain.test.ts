import { createHash } from "node:crypto";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedArtifactPath } from "../../core/artifacts/cache.ts";
import { driftIssueMarker } from "../../core/github/drift-issues.ts";
import { retrainingBranch } from "../../core/github/retraining-pull-requests.ts";
import { readPullRequestState } from "../../core/retrain/pull-request-state.ts";
import { EvaluationSchema } from "../../core/schemas/evaluation.ts";
import { RetrainingRecordSchema } from "../../core/schemas/retraining.ts";
import { loadSiteData } from "../../site/lib/data/site-data.ts";
import { commitAll, git, trainedRepo } from "../artifacts/repo.ts";
import { runAstroBuild } from "../site/support/build-site.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";
import { PROJECT, runCli } from "../train/fixture-repo.ts";

/** The files a retrain writes, by path, with their bytes' hash (timing fields of provenance blanked). */
async function written(root: string): Promise<Record<string, string>> {
  const files = [
    "datasets/seattle-weather/dataset.yaml",
    "models/seattle-rain/model.md",
    "reports/models/seattle-rain/evaluation.json",
    "reports/models/seattle-rain/predictions.csv.gz",
    "reports/models/seattle-rain/retraining.json",
    "reports/models/seattle-rain/retraining.md",
  ];
  const out: Record<string, string> = {};
  for (const file of files) {
    let bytes = await readFile(join(root, file));
    if (file.endsWith("evaluation.json")) {
      const evaluation = JSON.parse(bytes.toString("utf8"));
      evaluation.provenance.duration_ms = null;
      evaluation.provenance.commit = null;
      bytes = Buffer.from(JSON.stringify(evaluation));
    }
    out[file] = createHash("sha256").update(bytes).digest("hex");
  }
  return out;
}

let root: string;
let store: string;
let artifact: string;
let start: string;

beforeAll(async () => {
  // seattle-rain 1.1.0 as in production: trained, committed, its artifact published to a file store.
  root = await trainedRepo([{ model: "seattle-rain", dataset: "seattle-weather" }]);
  store = `${root}-store`;
  artifact = JSON.parse(await readFile(join(root, "reports/models/seattle-rain/evaluation.json"), "utf8")).artifact
    .sha256;
  const card = join(root, "models/seattle-rain/model.md");
  await writeFile(
    card,
    (await readFile(card, "utf8")).replace("\nmonitoring:", `\nartifact:\n  store: file://${store}\nmonitoring:`),
  );
  // The 2015 season's drift reports (the last one drifted on temp_max and temp_min).
  await cp(join(PROJECT, "reports/drift/seattle-rain"), join(root, "reports/drift/seattle-rain"), { recursive: true });
  commitAll(root, "seattle-rain in production, with its store and drift reports");
  const published = await runCli(["publish", "seattle-rain"], root);
  expect(published.code, published.stderr).toBe(0);
  // Score from the store, not from the training run's cache.
  await rm(cachedArtifactPath(root, artifact), { force: true });
  start = git(root, "rev-parse", "HEAD");
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(store, { recursive: true, force: true });
});

describe("almanac retrain seattle-rain (2015 drift → dataset 1.1.0, model 1.2.0)", () => {
  it("--dry-run says what it would do and writes nothing", async () => {
    const { code, stdout } = await runCli(["retrain", "seattle-rain", "--dry-run"], root);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe(
      "would retrain seattle-rain 1.1.0 → 1.2.0 on dataset seattle-weather 1.0.0 → 1.1.0 (data through 2015-12-31)",
    );
    expect(stdout).toContain("  + datasets/seattle-weather/labelled/2015-q4.csv: 92 rows, 2015-10-01 … 2015-12-31");
    expect(git(root, "status", "--porcelain")).toBe("");
  });

  it("makes the next versions, compares with the production artifact on the same rows, and re-running gives the same files", async () => {
    const first = await runCli(["retrain", "seattle-rain"], root);
    expect(first.stderr).not.toContain("Error");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const record = RetrainingRecordSchema.parse(
      JSON.parse(await readFile(join(root, "reports/models/seattle-rain/retraining.json"), "utf8")),
    );
    expect(record.model).toEqual({ id: "seattle-rain", from: "1.1.0", to: "1.2.0" });
    expect(record.dataset.from).toBe("1.0.0");
    expect(record.dataset.to).toBe("1.1.0");
    expect(record.dataset.added.map((file) => `${file.path}:${file.rows}`)).toEqual([
      "datasets/seattle-weather/labelled/2015-q1.csv:90",
      "datasets/seattle-weather/labelled/2015-q2.csv:91",
      "datasets/seattle-weather/labelled/2015-q3.csv:92",
      "datasets/seattle-weather/labelled/2015-q4.csv:92",
    ]);
    expect(record.dataset.through).toBe("2015-12-31");
    expect(record.trigger).toMatchObject({
      drift_report: "reports/drift/seattle-rain/2016-01-01.json",
      drifted: true,
      drifted_columns: ["temp_max", "temp_min"],
    });
    expect(record.production).toEqual({ version: "1.1.0", artifact });
    expect(record.comparison.paired).toBe(true);
    const auc = record.comparison.metrics.find((metric) => metric.metric === "roc_auc");
    expect(auc?.method).toBe("paired DeLong");
    expect(auc?.ci?.[0]).toBeLessThan(auc?.ci?.[1] as number);

    const evaluation = EvaluationSchema.parse(
      JSON.parse(await readFile(join(root, "reports/models/seattle-rain/evaluation.json"), "utf8")),
    );
    expect(evaluation.model.version).toBe("1.2.0");
    expect(evaluation.provenance.dataset.version).toBe("1.1.0");
    expect(evaluation.provenance.rows.test).toBe(record.comparison.rows);
    expect(auc?.retrained).toBe(evaluation.metrics.roc_auc?.value);

    // The card and manifest changed only where they had to.
    const diff = git(root, "diff", "--unified=0", "--", "models", "datasets");
    expect(diff.split("\n").filter((line) => /^[-+][^-+]/.test(line))).toEqual([
      "-version: 1.0.0",
      "+version: 1.1.0",
      ...record.dataset.added.flatMap((file) => [
        `+  - path: ${file.path.replace("datasets/seattle-weather/", "")}`,
        `+    sha256: ${file.sha256}`,
        `+    bytes: ${file.bytes}`,
        `+    rows: ${file.rows}`,
      ]),
      '-    max: "2014-12-31"',
      '+    max: "2015-12-31"',
      "-version: 1.1.0",
      "+version: 1.2.0",
      "-  version: 1.0.0",
      "+  version: 1.1.0",
    ]);
    const validated = await runCli(["validate"], root);
    expect(validated.code, validated.stdout).toBe(0);

    const report = await readFile(join(root, "reports/models/seattle-rain/retraining.md"), "utf8");
    expect(report.split("\n").slice(0, 2)).toEqual([
      "<!-- almanac-retrain: seattle-rain -->",
      "## Retrain seattle-rain on data through 2015-12-31",
    ]);
    expect(report).toContain("Compared `seattle-rain@1.1.0 (production artifact)` → `seattle-rain@1.2.0 (retrained)`");

    // Re-running from the same start gives the same files.
    const files = await written(root);
    git(root, "checkout", "-q", "--", ".");
    git(root, "clean", "-qfd", "reports");
    expect(git(root, "rev-parse", "HEAD")).toBe(start);
    const second = await runCli(["retrain", "seattle-rain"], root);
    expect(second.code).toBe(0);
    expect(await written(root)).toEqual(files);
  }, 300_000);

  it("gives the catalogue the lineage, and the pull request its title and body", { timeout: 180_000 }, async () => {
    const data = await loadSiteData(root);
    const loaded = data.evaluations.find((entry) => entry.model === "seattle-rain");
    expect(loaded?.retraining?.trigger?.drift_report).toBe("reports/drift/seattle-rain/2016-01-01.json");
    expect(loaded?.retraining?.dataset.added).toHaveLength(4);
    // The model page's lineage section, as built by `almanac site build`.
    commitAll(root, "Retrain seattle-rain on data through 2015-12-31");
    const out = `${root}-site`;
    const build = await runAstroBuild(root, out);
    expect(build.code, build.output).toBe(0);
    const page = await readFile(join(out, "models/seattle-rain/index.html"), "utf8");
    const lineage = page.slice(page.indexOf('id="lineage"'), page.indexOf("</section>", page.indexOf('id="lineage"')));
    const text = lineage.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain(
      "Version 1.2.0 was retrained from 1.1.0 by almanac retrain after the drift report of 2016-01-01 (drifted: temp_max, temp_min)",
    );
    expect(text).toContain("datasets/seattle-weather/labelled/2015-q4.csv 92 2015-10-01 … 2015-12-31");
    expect(text).toContain(`(artifact ${artifact.slice(0, 12)} ) on the same 353 test rows: passed`);
    await rm(out, { recursive: true, force: true });

    const state = await readPullRequestState(root, "seattle-rain");
    expect(state.drifted).toBe(true);
    expect(state.retrained?.title).toBe("Retrain seattle-rain on data through 2015-12-31");
    const server: GitHubApiServer = await startGitHubApi("octo-org/octo-repo");
    const saved = { ...process.env };
    Object.assign(process.env, {
      GITHUB_TOKEN: "ghs_local",
      GITHUB_REPOSITORY: "octo-org/octo-repo",
      GITHUB_API_URL: server.url,
    });
    try {
      // The drift flow's open issue for the model: the pull request links to it.
      server.repository.addIssue({
        title: "Drift detected: seattle-rain",
        body: driftIssueMarker("seattle-rain"),
        labels: ["drift"],
      });
      const opened = await runCli(["retraining-pr", "seattle-rain", "--json"], root);
      expect(opened.code, opened.stderr).toBe(0);
      expect(JSON.parse(opened.stdout)).toEqual({
        action: "opened",
        number: 2,
        url: "https://github.com/octo-org/octo-repo/pull/2",
      });
      const pull = server.repository.issue(2);
      expect(pull?.title).toBe("Retrain seattle-rain on data through 2015-12-31");
      expect(pull?.head?.ref).toBe(retrainingBranch("seattle-rain"));
      expect(pull?.body.endsWith("Drift issue: https://github.com/octo-org/octo-repo/issues/1\n")).toBe(true);
      const again = await runCli(["retraining-pr", "seattle-rain"], root);
      expect(again.stdout).toBe("seattle-rain: updated #2 https://github.com/octo-org/octo-repo/pull/2\n");
      expect(server.violations).toEqual([]);
    } finally {
      process.env = saved;
      await server.close();
    }
  });

  it("stops with a clear message and writes nothing when production has no published artifact", async () => {
    git(root, "reset", "-q", "--hard", start);
    git(root, "clean", "-qfd", "reports");
    // Never published: not in the store, and not in the local cache either.
    await rm(store, { recursive: true, force: true });
    await rm(cachedArtifactPath(root, artifact), { force: true });
    const before = git(root, "status", "--porcelain");
    const { code, stderr } = await runCli(["retrain", "seattle-rain"], root);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `holds no artifact for seattle-rain@1.1.0\n  hint: publish it first: almanac publish seattle-rain`,
    );
    expect(stderr).toContain(
      "seattle-rain: cannot score the test rows with the production version 1.1.0's published artifact",
    );
    expect(git(root, "status", "--porcelain")).toBe(before);
    expect((await readdir(join(root, "reports/models/seattle-rain"))).sort()).toEqual([
      "evaluation.json",
      "predictions.csv.gz",
    ]);
  }, 120_000);
});
