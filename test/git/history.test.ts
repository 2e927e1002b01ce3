import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHistory } from "../../core/git/history.ts";
import { HistoryEventSchema } from "../../core/schemas/history.ts";
import { generateHistory } from "../../scripts/generate-history.ts";
import { cardText, driftJson, evaluationJson } from "./fixtures.ts";
import { createTestRepo, type TestRepo } from "./test-repo.ts";

let repo: TestRepo;
const shas: Record<string, string> = {};

beforeAll(() => {
  repo = createTestRepo();
  shas.add = repo.commit("Add churn model (#1)", { "models/churn/model.md": cardText({ id: "churn" }) });
  repo.branch("feature");
  shas.train = repo.commit(
    "Train churn",
    { "reports/models/churn/evaluation.json": evaluationJson({ id: "churn", metrics: { accuracy: 0.8, f1: 0.7 } }) },
    "Grace Hopper",
  );
  shas.bump = repo.commit("Bump churn", {
    "models/churn/model.md": cardText({ id: "churn", version: "1.1.0", stage: "staging" }),
  });
  repo.checkout("main");
  shas.other = repo.commit("Unrelated docs", { "docs/readme.md": "hello\n" });
  shas.merge = repo.merge("feature", "Merge pull request #45 from team/feature");
  repo.branch("owners");
  repo.commit("wip owners", {
    "models/churn/model.md": cardText({
      id: "churn",
      version: "1.1.0",
      stage: "staging",
      owners: ["@team/ml", "@alice"],
      body: "\n# Churn\n\nNew text.\n",
    }),
  });
  repo.checkout("main");
  shas.squash = repo.squash("owners", "Update churn owners (#123)", "Alan Turing");
  repo.git("mv", "models/churn", "models/churn-v2");
  repo.git("mv", "reports/models/churn", "reports/models/churn-v2");
  shas.rename = repo.commit("Rename churn (#130)", {});
  shas.fraud = repo.commit("Add fraud (#131)", {
    "models/fraud/model.md": cardText({ id: "fraud", dataset: "other" }),
  });
  shas.drift = repo.commit("Drift report", {
    "reports/drift/churn-v2/2025-02-01.json": driftJson("churn-v2", "2025-02-01", true),
  });
  shas.removeFraud = repo.commit("Remove fraud (#140)", { "models/fraud": null });
  shas.archive = repo.commit("Archive churn", {
    "models/churn-v2/model.md": cardText({
      id: "churn-v2",
      version: "1.1.0",
      stage: "archived",
      owners: ["@team/ml", "@alice"],
      body: "\n# Churn\n\nNew text.\n",
    }),
  });
});

afterAll(() => repo.remove());

const summary = (events: Awaited<ReturnType<typeof readHistory>>) =>
  events.map((event) => `${event.model} ${event.type} ${event.from ?? "-"}→${event.to ?? "-"} pr=${event.pr}`);

describe("readHistory", () => {
  it("derives every lifecycle event, newest first, with pull request numbers from merges and squashes", async () => {
    const events = await readHistory(repo.dir);
    expect(summary(events)).toEqual([
      "churn-v2 archived staging→archived pr=null",
      "churn-v2 card_edited -→- pr=null",
      "fraud removed 1.0.0→- pr=140",
      "churn-v2 drift_report_added -→drift pr=null",
      "fraud created -→1.0.0 pr=131",
      "churn-v2 renamed churn→churn-v2 pr=130",
      "churn-v2 owners_changed @team/ml→@team/ml, @alice pr=123",
      "churn-v2 card_edited -→- pr=123",
      "churn-v2 version_changed 1.0.0→1.1.0 pr=45",
      "churn-v2 stage_changed proposed→staging pr=45",
      "churn-v2 evaluation_changed -→1.0.0 pr=45",
      "churn-v2 created -→1.0.0 pr=1",
    ]);
    for (const event of events) expect(HistoryEventSchema.parse(event)).toEqual(event);
  });

  it("carries commit, author, date, subject, path and metrics", async () => {
    const events = await readHistory(repo.dir);
    const evaluation = events.find((event) => event.type === "evaluation_changed");
    expect(evaluation).toEqual({
      model: "churn-v2",
      type: "evaluation_changed",
      commit: shas.train,
      date: "2025-01-01T19:00:00+00:00",
      author: "Grace Hopper",
      pr: 45,
      subject: "Train churn",
      path: "reports/models/churn/evaluation.json",
      from: null,
      to: "1.0.0",
      version: "1.0.0",
      metrics: { accuracy: 0.8, f1: 0.7 },
    });
    const drift = events.find((event) => event.type === "drift_report_added");
    expect(drift?.metrics).toEqual({ drift_share: 0.6, drifted_columns: 3 });
  });

  it("follows a renamed model folder when asked for one model", async () => {
    const events = await readHistory(repo.dir, { model: "churn-v2" });
    expect(events.map((event) => event.type)).toEqual([
      "archived",
      "card_edited",
      "drift_report_added",
      "renamed",
      "owners_changed",
      "card_edited",
      "version_changed",
      "stage_changed",
      "evaluation_changed",
      "created",
    ]);
    expect(events.at(-1)?.commit).toBe(shas.add);
    expect(await readHistory(repo.dir, { model: "churn" })).toEqual([]);
  });

  it("reads the history up to another revision", async () => {
    const events = await readHistory(repo.dir, { revision: shas.merge as string });
    expect(summary(events)).toEqual([
      "churn version_changed 1.0.0→1.1.0 pr=45",
      "churn stage_changed proposed→staging pr=45",
      "churn evaluation_changed -→1.0.0 pr=45",
      "churn created -→1.0.0 pr=1",
    ]);
  });
});

describe("readHistory on a generated repository", () => {
  let generated: Awaited<ReturnType<typeof generateHistory>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "almanac-generated-"));
    generated = await generateHistory(dir, { models: 12, datasets: 3, commits: 20, rows: 500 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives each model the same events per model as the full pass (renames and merges included)", async () => {
    const all = await readHistory(dir);
    expect(generated.renamedModel).toBeDefined();
    for (const model of generated.models) {
      const one = await readHistory(dir, { model });
      expect(one).toEqual(all.filter((event) => event.model === model));
    }
    const renamed = await readHistory(dir, { model: generated.renamedModel as string });
    expect(renamed.filter((event) => event.type === "renamed")).toHaveLength(1);
    expect(renamed.filter((event) => event.type === "created")).toHaveLength(1);
  });

  it("is deterministic: the same options give the same commits", async () => {
    const again = mkdtempSync(join(tmpdir(), "almanac-generated-"));
    try {
      await generateHistory(again, { models: 12, datasets: 3, commits: 20, rows: 500 });
      const head = (path: string) =>
        execFileSync("git", ["-C", path, "rev-parse", "main", "pr/retrain"], { encoding: "utf8" });
      expect(head(again)).toBe(head(dir));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe("readHistory of a rewritten drift report", () => {
  let rewritten: TestRepo;
  const commits: Record<string, string> = {};

  beforeAll(() => {
    rewritten = createTestRepo();
    rewritten.commit("Add rain (#1)", { "models/rain/model.md": cardText({ id: "rain" }) });
    const tests: Record<string, [string, number]> = { month: ["chisquare", 0.05], temp_max: ["ks", 0.05] };
    commits.added = rewritten.commit("Drift report", {
      "reports/drift/rain/2016-01-01.json": driftJson("rain", "2016-01-01", false, 0.1, tests),
    });
    commits.reformatted = rewritten.commit("Reformat report", {
      "reports/drift/rain/2016-01-01.json": `${driftJson("rain", "2016-01-01", false, 0.1, tests).trimEnd()}\n\n`,
    });
    commits.rejudged = rewritten.commit("Judge temperatures by effect size (#7)", {
      "models/rain/model.md": cardText({ id: "rain", body: "\n# Rain\n\nNew tests.\n" }),
      "reports/drift/rain/2016-01-01.json": driftJson("rain", "2016-01-01", true, 0.6, {
        month: ["chisquare", 0.05],
        temp_max: ["wasserstein_norm", 0.1],
        temp_min: ["wasserstein_norm", 0.1],
      }),
    });
  });

  afterAll(() => rewritten.remove());

  it("records a new verdict as drift_report_rejudged (from → to), and a rewrite with the same verdict as nothing", async () => {
    const events = await readHistory(rewritten.dir);
    expect(summary(events)).toEqual([
      "rain card_edited -→- pr=7",
      "rain drift_report_rejudged no drift→drift pr=7",
      "rain drift_report_added -→no drift pr=null",
      "rain created -→1.0.0 pr=1",
    ]);
    const rejudged = events[1];
    expect(rejudged).toMatchObject({
      commit: commits.rejudged,
      path: "reports/drift/rain/2016-01-01.json",
      metrics: { drift_share: 0.6, drifted_columns: 3 },
      // What changed in the card's monitoring tests, read from the two reports.
      retested: ["temp_max: ks 0.05 → wasserstein_norm 0.1", "temp_min: none → wasserstein_norm 0.1"],
    });
    for (const event of events) expect(HistoryEventSchema.parse(event)).toEqual(event);
  });
});
