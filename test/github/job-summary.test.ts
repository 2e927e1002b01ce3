import { describe, expect, it } from "vitest";
import { driftSummary, validateSummary } from "../../core/github/job-summary.ts";
import { defineDiagnostic } from "../../core/util/diagnostic.ts";
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
