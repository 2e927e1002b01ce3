import { mkdir, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateRepository } from "../../core/validate/index.ts";
import { pathProblem } from "../../core/validate/integrity.ts";
import { BIRDS_CSV, birdsManifest, createTinyRepo, lineOf } from "../support/tiny-repo.ts";

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function tiny(options: Parameters<typeof createTinyRepo>[0] = {}): Promise<string> {
  const root = await createTinyRepo(options);
  roots.push(root);
  return root;
}

const codes = async (root: string) =>
  (await validateRepository(root)).diagnostics.map((d) => [d.code, d.field, d.severity]);

describe("data integrity", () => {
  it("reports a missing data file at its path", async () => {
    const root = await tiny();
    await rm(join(root, "datasets/birds/data/birds.csv"));
    const { diagnostics } = await validateRepository(root);
    expect(diagnostics).toEqual([
      {
        file: "datasets/birds/dataset.yaml",
        line: lineOf(birdsManifest(), "- path:"),
        column: 11,
        field: "files[0].path",
        severity: "error",
        code: "data.file-missing",
        message: "data/birds.csv does not exist",
        hint: "add the file, fix the path, or remove the entry from files",
      },
    ]);
  });

  it("reports a truncated file by size, hash and the cut row", async () => {
    const root = await tiny();
    await truncate(join(root, "datasets/birds/data/birds.csv"), BIRDS_CSV.length - 10);
    expect(await codes(root)).toEqual([
      ["data.read-error", "files[0].path", "error"],
      ["data.sha256-mismatch", "files[0].sha256", "error"],
      ["data.bytes-mismatch", "files[0].bytes", "error"],
    ]);
    const { diagnostics } = await validateRepository(root);
    expect(diagnostics[2]?.message).toBe(
      `data/birds.csv is ${BIRDS_CSV.length - 10} bytes, the manifest says ${BIRDS_CSV.length} (truncated?)`,
    );
    expect(diagnostics[0]?.message).toContain(
      "line 7: expected 6 columns, found 5 (a ragged row, or the file is truncated)",
    );
  });

  it("reports a file that is not what its hash says (same size)", async () => {
    const root = await tiny();
    await writeFile(join(root, "datasets/birds/data/birds.csv"), BIRDS_CSV.replace("76.5", "76.6"));
    const { diagnostics } = await validateRepository(root);
    expect(diagnostics.map((d) => d.code)).toEqual(["data.sha256-mismatch"]);
    expect(diagnostics[0]?.hint).toMatch(
      /^the data changed; if intended, set sha256: [0-9a-f]{64} \(and bytes, rows\) and bump version$/,
    );
  });

  it("refuses a path that climbs out of the dataset folder", async () => {
    const root = await tiny({ manifest: birdsManifest(BIRDS_CSV, 6, "../birds.csv") });
    expect(await codes(root)).toEqual([["data.path-escape", "files[0].path", "error"]]);
  });

  it("refuses an absolute path", async () => {
    const root = await tiny({ manifest: birdsManifest(BIRDS_CSV, 6, "/etc/passwd") });
    expect(await codes(root)).toEqual([["data.path-absolute", "files[0].path", "error"]]);
  });

  it("refuses a symlink that resolves outside the repository", async () => {
    const outside = join(tmpdir(), `almanac-outside-${process.pid}.csv`);
    await writeFile(outside, BIRDS_CSV);
    const root = await tiny({ manifest: birdsManifest(BIRDS_CSV, 6, "data/link.csv") });
    await symlink(outside, join(root, "datasets/birds/data/link.csv"));
    try {
      expect(await codes(root)).toEqual([["data.path-symlink-escape", "files[0].path", "error"]]);
    } finally {
      await rm(outside);
    }
  });

  it("follows a symlink that stays inside the repository", async () => {
    const root = await tiny({ manifest: birdsManifest(BIRDS_CSV, 6, "data/link.csv") });
    await mkdir(join(root, "shared"));
    await writeFile(join(root, "shared/birds.csv"), BIRDS_CSV);
    await symlink(join(root, "shared/birds.csv"), join(root, "datasets/birds/data/link.csv"));
    expect(await codes(root)).toEqual([]);
  });

  it("reports a path that is a folder", async () => {
    const root = await tiny({ manifest: birdsManifest(BIRDS_CSV, 6, "data") });
    expect(await codes(root)).toEqual([["data.not-a-file", "files[0].path", "error"]]);
  });

  it("warns that remote files are not checked locally, and stays valid", async () => {
    const manifest = birdsManifest().replace("  - path: data/birds.csv", "  - uri: s3://bucket/birds.csv");
    const root = await tiny({ manifest });
    const result = await validateRepository(root);
    expect(result.diagnostics.map((d) => [d.code, d.field, d.severity])).toEqual([
      ["data.remote-not-checked", "files[0].uri", "warning"],
    ]);
  });

  it("reports min and max that cannot be checked", async () => {
    const manifest = birdsManifest()
      .replace('min: "2024-01-01"', "min: soon")
      .replace("    max: 100", '    max: "big"');
    const root = await tiny({ manifest });
    expect(await codes(root)).toEqual([
      ["data.bound-invalid", "columns[2].max", "error"],
      ["data.bound-invalid", "columns[4].min", "error"],
    ]);
  });

  it("reports min larger than max", async () => {
    const root = await tiny({
      manifest: birdsManifest().replace("    min: 5\n    max: 50", "    min: 50\n    max: 5"),
    });
    const { diagnostics } = await validateRepository(root);
    expect(diagnostics.map((d) => [d.code, d.field, d.message])).toEqual([
      ["data.bound-invalid", "columns[3].min", 'min 50 of column "mass_g" is larger than max 5'],
    ]);
  });

  it("checks only the data of the selected paths", async () => {
    const root = await tiny();
    await rm(join(root, "datasets/birds/data/birds.csv"));
    expect((await validateRepository(root, { paths: ["models/bird-species"] })).diagnostics).toEqual([]);
    expect((await validateRepository(root, { paths: ["datasets/birds/"] })).diagnostics.map((d) => d.code)).toEqual([
      "data.file-missing",
    ]);
  });

  it("skips data checks with --no-data (skipData)", async () => {
    const root = await tiny();
    await rm(join(root, "datasets/birds/data/birds.csv"));
    expect((await validateRepository(root, { skipData: true })).diagnostics).toEqual([]);
  });
});

describe("pathProblem", () => {
  it.each([
    ["data/a.csv", undefined],
    ["a..b.csv", undefined],
    ["../a.csv", "data.path-escape"],
    ["data/../../a.csv", "data.path-escape"],
    ["data\\..\\..\\a.csv", "data.path-escape"],
    ["/tmp/a.csv", "data.path-absolute"],
    ["C:\\data\\a.csv", "data.path-absolute"],
  ])("%s → %s", (path, code) => {
    expect(pathProblem(path)?.code).toBe(code);
  });
});
