import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../core/cli/main.ts";
import type { DiffResult, ModelComparison } from "../../core/diff/types.ts";
import { collectDiff } from "../../core/git/collect-diff.ts";
import { cardText, datasetYaml, evaluationJson } from "./fixtures.ts";
import { createTestRepo, type TestRepo } from "./test-repo.ts";

let repo: TestRepo;
let result: DiffResult;
const model = (id: string): ModelComparison => {
  const found = result.models.find((entry) => entry.model === id);
  if (!found) throw new Error(`${id} not in the diff`);
  return found;
};
const card = (id: string, version: string, params = "{ trees: 10 }", dataVersion = "1.0.0") =>
  cardText({ id, version: version, datasetVersion: dataVersion }).replace(
    "  command: node train.ts",
    `  command: node train.ts\n  params: ${params}`,
  );
const evaluation = (id: string, version: string, accuracy: number) =>
  evaluationJson({ id, version, metrics: { accuracy } });

beforeAll(async () => {
  repo = createTestRepo("almanac-bump-");
  repo.commit("Models at 0.1.0 (#1)", {
    "datasets/data/dataset.yaml": datasetYaml("data"),
    "models/churn/model.md": card("churn", "0.1.0"),
    "models/churn/train.ts": "// v1\n",
    "reports/models/churn/evaluation.json": evaluation("churn", "0.1.0", 0.7),
    "models/fraud/model.md": card("fraud", "0.2.0"),
    "models/fraud/train.ts": "// v1\n",
    "reports/models/fraud/evaluation.json": evaluation("fraud", "0.2.0", 0.9),
    "models/spam/model.md": card("spam", "0.2.0"),
    "reports/models/spam/evaluation.json": evaluation("spam", "0.2.0", 0.6),
    "models/tuned/model.md": card("tuned", "1.0.0"),
    "reports/models/tuned/evaluation.json": evaluation("tuned", "1.0.0", 0.7),
  });
  repo.commit("churn 0.2.0 (#2)", {
    "models/churn/model.md": card("churn", "0.2.0"),
    "reports/models/churn/evaluation.json": evaluation("churn", "0.2.0", 0.8),
  });
  repo.branch("pr");
  repo.commit("Retrain churn and fraud, re-evaluate spam (#3)", {
    // churn: new code and params under the same version.
    "models/churn/model.md": card("churn", "0.2.0", "{ trees: 50 }"),
    "models/churn/train.ts": "// v2\n",
    "reports/models/churn/evaluation.json": evaluation("churn", "0.2.0", 0.85),
    // fraud: new code, version bumped.
    "models/fraud/model.md": card("fraud", "0.3.0"),
    "models/fraud/train.ts": "// v2\n",
    "reports/models/fraud/evaluation.json": evaluation("fraud", "0.3.0", 0.91),
    // spam: only its report changes.
    "reports/models/spam/evaluation.json": evaluation("spam", "0.2.0", 0.61),
    // tuned: bumped, but evaluated with a change on top of a commit.
    "models/tuned/model.md": card("tuned", "1.1.0"),
    "reports/models/tuned/evaluation.json": evaluationJson({
      id: "tuned",
      version: "1.1.0",
      metrics: { accuracy: 0.75 },
      commit: "abc1234".padEnd(40, "0"),
      dirty: true,
      uncommitted: ["models/tuned/train.ts"],
    }),
  });
  result = await collectDiff(repo.dir, "main", "pr");
});
afterAll(() => repo.remove());

describe("a retrain that keeps the version", () => {
  it("warns that the version was not bumped, naming what changed", () => {
    expect(model("churn").warnings).toEqual([
      "version not bumped: 0.2.0 → 0.2.0, but train.ts, training.params changed: bump version in models/churn/model.md so the new model does not pass for the old one",
    ]);
    expect(model("fraud").warnings).toEqual([]);
    expect(model("spam").warnings).toEqual([]);
  });

  it("warns when the head evaluation was made with uncommitted changes", () => {
    expect(model("tuned").warnings).toEqual([
      "the head evaluation was made with uncommitted changes on top of abc1234 (models/tuned/train.ts): its numbers may not come from committed code; commit, then train or evaluate again",
    ]);
  });

  it("keeps the base version's point in the trend beside the head's", () => {
    expect(model("churn").trend.map(({ version, value, head }) => ({ version, value, head }))).toEqual([
      { version: "0.1.0", value: 0.7, head: false },
      { version: "0.2.0", value: 0.8, head: false },
      { version: "0.2.0", value: 0.85, head: true },
    ]);
    expect(model("fraud").trend.map((point) => [point.version, point.value, point.head])).toEqual([
      ["0.2.0", 0.9, false],
      ["0.3.0", 0.91, true],
    ]);
  });

  it("says so in the pull request comment, with both points in the chart and the table", async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => {} };
    await main(["--root", repo.dir, "report", "--base", "main", "--head", "pr"], io);
    const comment = out.join("");
    expect(comment).toContain("⚠️ version not bumped: 0.2.0 → 0.2.0, but train.ts, training.params changed");
    expect(comment).toContain('x-axis ["0.1.0", "0.2.0", "0.2.0 (this change)"]');
    expect(comment).toContain("| 0.2.0 | 0.8 |");
    expect(comment).toContain("| 0.2.0 (this change) | 0.85 |");
    expect(comment).toContain("⚠️ the head evaluation was made with uncommitted changes on top of abc1234");
    const dir = mkdtempSync(join(tmpdir(), "almanac-cmark-"));
    try {
      writeFileSync(join(dir, "comment.md"), comment);
      const html = execFileSync("cmark-gfm", ["-e", "table", join(dir, "comment.md")], { encoding: "utf8" });
      expect(html).toContain("<p>⚠️ version not bumped: 0.2.0 → 0.2.0, but train.ts, training.params changed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("versionNotBumped", () => {
  it("names a dataset version change", async () => {
    const { versionNotBumped } = await import("../../core/diff/version-bump.ts");
    const { parseModelCard } = await import("../../core/load/model-card.ts");
    const parse = (text: string) => parseModelCard(text, "models/churn/model.md").card;
    const base = parse(card("churn", "0.2.0"));
    const head = parse(card("churn", "0.2.0", "{ trees: 10 }", "1.1.0"));
    expect(versionNotBumped(base, head, { trainingFiles: [], dataset: null })).toBe(
      "version not bumped: 0.2.0 → 0.2.0, but the dataset (data@1.0.0 → data@1.1.0) changed: bump version in models/churn/model.md so the new model does not pass for the old one",
    );
    expect(versionNotBumped(base, parse(card("churn", "0.2.1")), { trainingFiles: ["train.ts"], dataset: null })).toBe(
      undefined,
    );
  });
});
