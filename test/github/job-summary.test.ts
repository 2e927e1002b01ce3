import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { driftSummary, evaluationSummary, validateSummary } from "../../core/github/job-summary.ts";
import { EvaluationSchema } from "../../core/schemas/evaluation.ts";
import { defineDiagnostic } from "../../core/util/diagnostic.ts";
import { evaluationJson } from "../git/fixtures.ts";
import { driftReport } from "../support/drift-report-fixture.ts";

describe("driftSummary", () => {
  it("gives the verdict, the headline and the drifted columns", () => {
    expect(driftSummary("penguin-species", driftReport("2026-01-02", true))).toBe(
      [
        "## Drift of penguin-species on 2026-01-02: ⚠️ drift",
        "",
        "2 of 4 columns drifted (share 0.5; dataset drift, threshold ≥ 0.5).",
        "",
        "| Column | Test | Statistic | Judged by | Threshold |",
        "|---|---|---:|---|---:|",
        "| `bill_length_mm` | `ks` | 0.41 | p = 1.23e-5 | 0.05 |",
        "| `flipper\\|length` | `ks` | 0.41 | p = 1.23e-5 | 0.05 |",
        "",
      ].join("\n"),
    );
  });
});

describe("validateSummary", () => {
  it("escapes what a card put in a finding", () => {
    const finding = defineDiagnostic({
      file: "models/x/model.md",
      line: 3,
      column: 7,
      field: "name",
      code: "schema.value",
      message: 'received "<img src=x onerror=alert(1)> @org/team"',
    });
    expect(validateSummary([finding], { models: 1, datasets: 0 })).toBe(
      [
        "## Almanac validate: ❌ invalid",
        "",
        "1 model, 0 datasets: 1 error, 0 warnings.",
        "",
        "| Severity | Where | Field | Problem | How to fix |",
        "|---|---|---|---|---|",
        '| error | models/x/model.md:3:7 | name | received "&lt;img src=x onerror=alert(1)> @\u200dorg/team" | — |',
        "",
      ].join("\n"),
    );
  });
});

describe("evaluationSummary", () => {
  const evaluation = (state: { commit: string | null; dirty: boolean; uncommitted?: string[] }) =>
    EvaluationSchema.parse(JSON.parse(evaluationJson({ id: "churn", metrics: { accuracy: 0.9 }, ...state })));

  it("says when the evaluation was not made on a clean commit, and renders as text on GitHub", () => {
    const sha = "abc1234".padEnd(40, "0");
    const dirty = evaluationSummary(
      evaluation({ commit: sha, dirty: true, uncommitted: ["models/churn/train_v2.py"] }),
    );
    expect(dirty.split("\n\n")[1]).toMatch(/^⚠️ this evaluation was made with uncommitted changes on top of abc1234/);
    const html = execFileSync("cmark-gfm", ["-e", "table"], { input: dirty, encoding: "utf8" });
    expect(html).toContain(
      "<p>⚠️ this evaluation was made with uncommitted changes on top of abc1234 (models/churn/train_v2.py): its numbers may not come from committed code; commit, then train or evaluate again</p>",
    );
    expect(evaluationSummary(evaluation({ commit: null, dirty: true }))).toContain(
      "made on code that is not committed",
    );
    expect(evaluationSummary(evaluation({ commit: sha, dirty: false }))).not.toContain("⚠️");
  });
});
