import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../core/cli/main.ts";
import type { DiffResult, ModelComparison } from "../../core/diff/types.ts";
import { collectDiff } from "../../core/git/collect-diff.ts";
import { binaryPredictions, cardText, datasetYaml, evaluationJson } from "./fixtures.ts";
import { createTestRepo, type TestRepo } from "./test-repo.ts";

let repo: TestRepo;
/** A body long enough that git does not take the new card for the removed one, renamed. */
const NEW_BODY = `\n${Array.from({ length: 80 }, (_, i) => `Line ${i} of a card written from scratch.`).join("\n")}\n`;
let result: DiffResult;

const evaluation = (id: string, accuracy: number, version = "1.0.0") =>
  evaluationJson({ id, version, metrics: { accuracy: [accuracy, accuracy - 0.03, accuracy + 0.03] } });

beforeAll(async () => {
  repo = createTestRepo();
  const churnBase = binaryPredictions(800, 0.78, 1);
  const shiftedBase = binaryPredictions(400, 0.8, 5);
  repo.commit("Models (#1)", {
    "datasets/data/dataset.yaml": datasetYaml("data"),
    "models/churn/model.md": cardText({ id: "churn" }),
    "reports/models/churn/evaluation.json": evaluation("churn", churnBase.accuracy),
    "reports/models/churn/predictions.csv.gz": gzipSync(churnBase.csv),
    "models/fraud/model.md": cardText({ id: "fraud" }),
    "reports/models/fraud/evaluation.json": evaluation("fraud", 0.9),
    "models/spam/model.md": cardText({ id: "spam" }),
    "models/broken/model.md": cardText({ id: "broken" }).replace("version: 1.0.0", "version: [oops"),
    "reports/models/broken/evaluation.json": evaluation("broken", 0.8),
    "models/corrupt/model.md": cardText({ id: "corrupt" }),
    "reports/models/corrupt/evaluation.json": '{ "apiVersion": "almanac/v1", "metrics": ',
    "models/shifted/model.md": cardText({ id: "shifted" }),
    "reports/models/shifted/evaluation.json": evaluation("shifted", shiftedBase.accuracy),
    "reports/models/shifted/predictions.csv.gz": gzipSync(shiftedBase.csv),
  });
  repo.branch("pr");
  const churnHead = binaryPredictions(800, 0.9, 2);
  const shiftedHead = binaryPredictions(400, 0.8, 6, 200);
  repo.commit("Retrain and reorganise (#2)", {
    "models/churn/model.md": cardText({ id: "churn", version: "1.1.0" }),
    "reports/models/churn/evaluation.json": evaluation("churn", churnHead.accuracy, "1.1.0"),
    "reports/models/churn/predictions.csv.gz": gzipSync(churnHead.csv),
    "models/fraud": null,
    "reports/models/fraud": null,
    "models/newbie/model.md": cardText({ id: "newbie", body: NEW_BODY }),
    "reports/models/newbie/evaluation.json": evaluation("newbie", 0.65),
    "reports/models/spam/evaluation.json": evaluation("spam", 0.75),
    "models/broken/model.md": cardText({ id: "broken" }),
    "models/corrupt/model.md": cardText({ id: "corrupt", owners: ["@x"] }),
    "reports/models/corrupt/evaluation.json": evaluation("corrupt", 0.8),
    "models/shifted/model.md": cardText({ id: "shifted", version: "1.0.1" }),
    "reports/models/shifted/evaluation.json": evaluation("shifted", shiftedHead.accuracy, "1.0.1"),
    "reports/models/shifted/predictions.csv.gz": gzipSync(shiftedHead.csv),
  });
  result = await collectDiff(repo.dir, "main", "pr");
});

afterAll(() => repo.remove());

const model = (id: string) => result.models.find((m) => m.model === id) as ModelComparison;

describe("collectDiff on a real repository", () => {
  it("compares every affected model", () => {
    expect(result.models.map((m) => `${m.model}:${m.status}:${m.verdict}`)).toEqual([
      "broken:changed:unchanged",
      "churn:changed:improved",
      "corrupt:changed:not_compared",
      "fraud:removed:removed",
      "newbie:added:failed",
      "shifted:changed:unchanged",
      "spam:changed:not_compared",
    ]);
  });

  it("pairs the retrained model on the same rows and judges it improved with its gates", () => {
    const churn = model("churn");
    expect(churn.pairing).toEqual({ paired: true, reason: "paired on the same 800 test rows" });
    const accuracy = churn.metrics[0];
    expect(accuracy?.metric).toBe("accuracy");
    expect(accuracy?.method).toBe("paired bootstrap");
    expect(accuracy?.interval?.[0]).toBeGreaterThan(0);
    expect(churn.gates.map((gate) => `${gate.kind}:${gate.passed}`)).toEqual(["min:true", "max_drop:true"]);
    expect(churn.trend.map((point) => point.version)).toEqual(["1.0.0", "1.1.0"]);
    expect(churn.problems).toEqual([]);
  });

  it("says the intervals are unpaired when the predictions cover other rows", () => {
    const shifted = model("shifted");
    expect(shifted.pairing?.paired).toBe(false);
    expect(shifted.metrics[0]?.method).toBe("unpaired bootstrap");
    expect(shifted.problems).toContain(
      "intervals are unpaired: the predictions do not cover the same rows (base 400, head 400, 200 row_ids in common)",
    );
  });

  it("explains a base without evaluation, a corrupt evaluation and a card invalid at the base", () => {
    expect(model("spam").problems[0]).toBe(
      "base: no reports/models/spam/evaluation.json at the base (run almanac evaluate and commit the report)",
    );
    expect(model("corrupt").problems[0]).toMatch(
      /^base: reports\/models\/corrupt\/evaluation.json at the base is not valid JSON \(/,
    );
    expect(model("broken").problems[0]).toMatch(/^card invalid at the base: models\/broken\/model.md:\d+:\d+/);
  });

  it("handles a new model (gates without baseline) and a removed one", () => {
    const newbie = model("newbie");
    expect(newbie.gates.map((gate) => gate.message)).toEqual([
      "accuracy 0.65 < min 0.7",
      "accuracy max_drop 0.02 not checked: no base evaluation (new model or none committed)",
    ]);
    expect(model("fraud").summary).toBe("removed (was v1.0.0)");
  });

  it("renders the report through the CLI (exit 1: a gate failed) and refuses a missing ref (exit 2, still a comment)", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
    expect(await main(["--root", repo.dir, "report", "--base", "main", "--head", "pr"], io)).toBe(1);
    const comment = out.join("");
    expect(comment.split("\n").slice(0, 2)).toEqual([
      "<!-- almanac-report -->",
      "**❌ Almanac: gates failed for newbie · 1 failed · 2 not compared · 1 removed · 1 improved · 2 unchanged within noise**",
    ]);
    expect(comment).toContain("| ❌ fail | accuracy | min | 0.7 | accuracy 0.65 &lt; min 0.7 |");
    out.length = 0;
    expect(await main(["--root", repo.dir, "report", "--base", "nope", "--head", "pr"], io)).toBe(2);
    expect(out.join("")).toContain("**❔ Almanac could not compare this change**");
    expect(out.join("")).toContain("> ref 'nope' does not exist in this repository");
    expect(err.join("\n")).toContain("error ref 'nope' does not exist in this repository");
    expect(await main(["--root", repo.dir, "diff", "--base", "nope"], io)).toBe(2);
  });
});

describe("a shallow clone", () => {
  let clone: string;
  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), "almanac-shallow-"));
    execFileSync("git", ["clone", "-q", "--depth", "1", "--branch", "pr", `file://${repo.dir}`, clone]);
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it("is refused by history with the fetch-depth hint", async () => {
    const err: string[] = [];
    const io = { stdout: () => {}, stderr: (t: string) => err.push(t) };
    expect(await main(["--root", clone, "history"], io)).toBe(2);
    expect(err.join("\n")).toContain("almanac history needs the full git history, but this is a shallow clone");
    expect(err.join("\n")).toContain("fetch-depth: 0");
  });

  it("still renders a report that says what to fix", async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => {} };
    expect(await main(["--root", clone, "report", "--base", "origin/main"], io)).toBe(2);
    expect(out.join("")).toContain("is a shallow clone, so 'origin/main' may not be fetched");
    expect(out.join("")).toContain("fetch-depth: 0");
  });
});
