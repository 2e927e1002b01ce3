import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EvaluationSchema } from "../../core/schemas/evaluation.ts";
import { formatDiagnosticLine, InvalidRepositoryError } from "../../site/lib/data/format.ts";
import { parseReport } from "../../site/lib/data/read-report.ts";
import { loadSiteData } from "../../site/lib/data/site-data.ts";
import { PROJECT_ROOT } from "./support/build-site.ts";
import { driftReport, evaluation } from "./support/fixtures.ts";

async function exampleRepository(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "almanac-site-data-"));
  for (const folder of ["models", "datasets"])
    await cp(join(PROJECT_ROOT, folder), join(root, folder), { recursive: true });
  return root;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe("parseReport", () => {
  it("accepts a valid report on the fast path", () => {
    const report = parseReport(
      json(evaluation("1.0.0", 0.9)),
      "reports/models/churn/evaluation.json",
      EvaluationSchema,
      "",
    );
    expect(report.diagnostics).toEqual([]);
    expect(report.value?.metrics.roc_auc?.value).toBe(0.9);
  });

  it("locates a schema error at its line and column", () => {
    const broken = json({ ...evaluation("1.0.0", 0.9), passed: "yes" });
    const report = parseReport(broken, "e.json", EvaluationSchema, "");
    const line = broken.split("\n").findIndex((text) => text.includes('"passed"')) + 1;
    expect(report.diagnostics.map(formatDiagnosticLine)).toEqual([
      `e.json:${line}:13 passed: expected boolean, received string "yes"\n    hint: change the value to a boolean`,
    ]);
  });

  it("reports malformed JSON with a position", () => {
    const report = parseReport('{\n  "a": [1,\n}', "e.json", EvaluationSchema, "");
    expect(report.value).toBeUndefined();
    expect(report.diagnostics[0]).toMatchObject({ file: "e.json", code: "yaml.syntax", line: 3 });
  });
});

describe("loadSiteData", () => {
  it("reads cards, manifests and reports, and warns without git history", async () => {
    const root = await exampleRepository();
    await mkdir(join(root, "reports/models/penguin-species"), { recursive: true });
    await writeFile(
      join(root, "reports/models/penguin-species/evaluation.json"),
      json({
        ...evaluation("1.0.0", 0.9),
        model: {
          id: "penguin-species",
          version: "1.0.0",
          task: "multiclass-classification",
          primary_metric: "macro_f1",
        },
      }),
    );
    await mkdir(join(root, "reports/drift/seattle-rain"), { recursive: true });
    await writeFile(
      join(root, "reports/drift/seattle-rain/2026-01-31.json"),
      json({ ...driftReport("2026-01-31", false, 0), model: "seattle-rain" }),
    );
    await writeFile(join(root, "reports/drift/seattle-rain/notes.json"), "{}");
    await mkdir(join(root, "reports/profiles/penguins"), { recursive: true });
    await writeFile(
      join(root, "reports/profiles/penguins/1.0.0.json"),
      json({
        apiVersion: "almanac/v1",
        kind: "DatasetProfile",
        dataset: "penguins",
        version: "1.0.0",
        source: { files: [], format: "csv" },
        rows: 0,
        columns: [],
      }),
    );
    const data = await loadSiteData(root);
    expect(data.models.map((model) => model.card.id)).toContain("penguin-species");
    expect(data.datasets.map((dataset) => dataset.manifest.id)).toContain("penguins");
    expect(data.evaluations.map((item) => item.model)).toEqual(["penguin-species"]);
    expect(data.driftReports.map((item) => `${item.model}/${item.date}`)).toEqual(["seattle-rain/2026-01-31"]);
    expect(data.profiles.map((item) => `${item.dataset}@${item.version}`)).toEqual(["penguins@1.0.0"]);
    expect(data.history).toEqual([]);
    expect(data.warnings.map((warning) => warning.code).sort()).toEqual(["report.drift-name", "site.no-git"]);
  });

  it("reads the lifecycle history of a git repository", async () => {
    const root = await exampleRepository();
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: "Ada",
      GIT_AUTHOR_EMAIL: "ada@example.com",
      GIT_COMMITTER_NAME: "Ada",
      GIT_COMMITTER_EMAIL: "ada@example.com",
      GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
      GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
    };
    execFileSync("git", ["init", "-q", "-b", "main"], { cwd: root, env });
    execFileSync("git", ["add", "."], { cwd: root, env });
    execFileSync("git", ["commit", "-q", "-m", "Add the examples (#1)"], { cwd: root, env });
    const data = await loadSiteData(root);
    const created = data.history.filter((event) => event.type === "created");
    expect(created.map((event) => event.model).sort()).toEqual(data.models.map((model) => model.card.id).sort());
    expect(created[0]).toMatchObject({ pr: 1, author: "Ada" });
  });

  it("fails once, listing every invalid card, manifest and report", async () => {
    const root = await exampleRepository();
    await mkdir(join(root, "reports/models/car-mpg"), { recursive: true });
    await writeFile(
      join(root, "reports/models/car-mpg/evaluation.json"),
      json({ ...evaluation("1.0.0", 0.9), passed: 1 }),
    );
    await mkdir(join(root, "reports/models/other"), { recursive: true });
    await writeFile(join(root, "reports/models/other/evaluation.json"), json(evaluation("1.0.0", 0.9)));
    await mkdir(join(root, "reports/profiles/cars"), { recursive: true });
    await writeFile(
      join(root, "reports/profiles/cars/2.0.0.json"),
      json({
        apiVersion: "almanac/v1",
        kind: "DatasetProfile",
        dataset: "cars",
        version: "1.0.0",
        source: { files: [], format: "csv" },
        rows: 0,
        columns: [],
      }),
    );
    const error = await loadSiteData(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRepositoryError);
    const lines = (error as InvalidRepositoryError).message.split("\n");
    expect(lines[0]).toBe("the repository does not validate: 3 errors in 3 files");
    expect(lines.filter((line) => !line.startsWith("    hint:")).slice(1, 4)).toEqual([
      expect.stringMatching(
        /^reports\/models\/car-mpg\/evaluation\.json:\d+:\d+ passed: expected boolean, received number 1$/,
      ),
      'reports/models/other/evaluation.json:1:1 model.id: the report is about "churn" but lies in the folder of "other"',
      "reports/profiles/cars/2.0.0.json:1:1 version: the profile is of version 1.0.0 but its file is named 2.0.0.json",
    ]);
  });
});
