import { describe, expect, it } from "vitest";
import { diagnosticAnnotation, diagnosticAnnotations, workspacePath } from "../../core/github/annotations.ts";
import { markdownTable } from "../../core/github/markdown.ts";
import { defineDiagnostic } from "../../core/util/diagnostic.ts";

const finding = (n: number, severity: "error" | "warning") =>
  defineDiagnostic({
    file: `models/m${n}/model.md`,
    line: n,
    column: 3,
    code: "schema.value",
    message: `bad ${n}`,
    severity,
  });

describe("diagnosticAnnotation", () => {
  it("carries file, line, column, a title of code and field, and the hint", () => {
    const diagnostic = defineDiagnostic({
      file: "models/churn/model.md",
      line: 14,
      column: 5,
      field: "evaluation.gates.f1.min",
      code: "schema.type",
      message: 'expected number, received "high"',
      hint: "write a number, e.g. 0.9",
    });
    expect(diagnosticAnnotation(diagnostic, "/repo", "/repo")).toEqual({
      level: "error",
      message: 'expected number, received "high"\nhint: write a number, e.g. 0.9',
      properties: {
        file: "models/churn/model.md",
        startLine: 14,
        startColumn: 5,
        title: "schema.type: evaluation.gates.f1.min",
      },
    });
  });

  it("makes paths relative to the workspace when the CLI ran in a subfolder", () => {
    expect(workspacePath("/work/space/ml", "models/a/model.md", "/work/space")).toBe("ml/models/a/model.md");
    expect(workspacePath("/work/space", "models/a/model.md", undefined)).toBe("models/a/model.md");
  });
});

describe("diagnosticAnnotations", () => {
  it("keeps at most 10 annotations per level, as GitHub shows, and counts the rest", () => {
    const diagnostics = [...Array.from({ length: 12 }, (_, i) => finding(i + 1, "error")), finding(20, "warning")];
    const { annotations, omitted } = diagnosticAnnotations(diagnostics, "/repo", "/repo");
    expect(annotations.map((a) => `${a.level} ${a.properties.startLine}`)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `error ${i + 1}`),
      "warning 20",
    ]);
    expect(omitted).toBe(2);
  });
});

describe("markdownTable", () => {
  it("escapes pipes and newlines and neutralises HTML and mentions in cells", () => {
    expect(markdownTable(["a", "b"], [["x|y", "line\nbreak <img src=x> @team"]])).toBe(
      "| a | b |\n|---|---|\n| x\\|y | line break &lt;img src=x> @\u200dteam |",
    );
  });
});
