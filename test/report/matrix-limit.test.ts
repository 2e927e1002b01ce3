import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AffectedEntry } from "../../core/git/affected.ts";
import { buildMatrix, checkMatrixSize, MAX_MATRIX_JOBS } from "../../core/report/affected.ts";
import { generateRepository } from "../../scripts/generate-repo.ts";
import { runCli } from "../support/tiny-repo.ts";

let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "almanac-1000-models-"));
  await generateRepository(root, { models: 1000, datasets: 10, rows: 20, trainScripts: false });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("GitHub's 256 jobs per matrix", () => {
  it("almanac models --matrix over 1,000 models fails naming the limit, instead of a matrix GitHub refuses", async () => {
    const run = await runCli(["--root", root, "models", "--matrix"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "almanac models --matrix: 1000 models in the matrix, more than GitHub Actions' limit of 256 jobs per matrix",
    );
    expect(run.stderr).toContain("select at most 256");
  }, 60_000);

  it("a selection within the limit still prints the matrix", async () => {
    const listed = await runCli(["--root", root, "models", "--json"]);
    const known = (JSON.parse(listed.stdout) as Array<{ id: string }>).map((m) => m.id).slice(0, MAX_MATRIX_JOBS);
    const run = await runCli(["--root", root, "models", ...known, "--matrix"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).include).toHaveLength(MAX_MATRIX_JOBS);
  }, 60_000);

  it("affected's matrix is held to the same limit", () => {
    const entry = (i: number): AffectedEntry =>
      ({
        id: `m${i}`,
        status: "modified",
        runner: "ubuntu-latest",
        timeoutMinutes: 5,
        reasons: [],
      }) as unknown as AffectedEntry;
    const matrix = buildMatrix(Array.from({ length: 1000 }, (_, i) => entry(i)));
    expect(() => checkMatrixSize(matrix, "almanac affected --matrix")).toThrow(
      "almanac affected --matrix: 1000 models in the matrix, more than GitHub Actions' limit of 256 jobs per matrix",
    );
    expect(() => checkMatrixSize({ include: matrix.include.slice(0, 256) }, "x")).not.toThrow();
  });
});
