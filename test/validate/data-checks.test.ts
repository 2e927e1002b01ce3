import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withDatabase } from "../../core/data/duckdb.ts";
import type { Diagnostic } from "../../core/util/diagnostic.ts";
import { validateRepository } from "../../core/validate/index.ts";
import { BIRDS_CSV, birdsManifest, createTinyRepo, lineOf } from "../support/tiny-repo.ts";

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** Validates a tiny repo whose data is `csv` (manifest pinned to it unless given) and returns its findings. */
async function findings(csv: string, manifest = birdsManifest(csv)): Promise<Diagnostic[]> {
  const root = await createTinyRepo({ data: csv, manifest });
  roots.push(root);
  return (await validateRepository(root)).diagnostics;
}

/** Replaces one cell: row is 1-based (data rows), column is the header name. */
function withCell(row: number, column: string, value: string, csv = BIRDS_CSV): string {
  const lines = csv.split("\n");
  const index = (lines[0] ?? "").split(",").indexOf(column);
  const cells = (lines[row] ?? "").split(",");
  cells[index] = value;
  lines[row] = cells.join(",");
  return lines.join("\n");
}

const manifest = birdsManifest();
const columnLine = (name: string, key: string) => {
  const start = lineOf(manifest, `- name: ${name}`);
  const offset = manifest
    .split("\n")
    .slice(start - 1)
    .findIndex((line) => line.trim().startsWith(`${key}:`));
  return start + offset;
};

function only(diagnostics: Diagnostic[]): Diagnostic {
  expect(diagnostics.map((d) => `${d.code} ${d.field}`)).toHaveLength(1);
  return diagnostics[0] as Diagnostic;
}

describe("data checks on a CSV file", () => {
  it("passes the valid birds dataset with no findings", async () => {
    expect(await findings(BIRDS_CSV)).toEqual([]);
  });

  it("counts non-numeric text in a number column, with row and file line", async () => {
    const d = only(await findings(withCell(2, "wing_mm", "abc")));
    expect(d).toMatchObject({
      file: "datasets/birds/dataset.yaml",
      line: columnLine("wing_mm", "type"),
      field: "columns[2].type",
      code: "data.type",
      severity: "error",
    });
    expect(d.message).toBe(
      'data/birds.csv: number column "wing_mm": 1 row holds a value that is not a number, e.g. row 2 (line 3): "abc"',
    );
  });

  it("reports NaN and Infinity in a number column", async () => {
    const d = only(await findings(withCell(4, "wing_mm", "-Infinity", withCell(1, "wing_mm", "NaN"))));
    expect(d.code).toBe("data.nan");
    expect(d.message).toBe(
      'data/birds.csv: number column "wing_mm": 2 rows hold NaN or an infinite value, e.g. row 1 (line 2): "NaN", row 4 (line 5): "-Infinity"',
    );
  });

  it("rejects a fraction in an integer column", async () => {
    const d = only(await findings(withCell(5, "mass_g", "19.5")));
    expect(d).toMatchObject({ code: "data.type", field: "columns[3].type" });
    expect(d.message).toContain("not a whole number, e.g. row 5 (line 6)");
  });

  it("rejects an impossible date and a non-boolean", async () => {
    const diagnostics = await findings(withCell(3, "ringed", "maybe", withCell(2, "seen_on", "2024-13-40")));
    expect(diagnostics.map((d) => [d.code, d.field])).toEqual([
      ["data.type", "columns[4].type"],
      ["data.type", "columns[5].type"],
    ]);
  });

  it("reports a missing value in a column that is not nullable, at the column", async () => {
    const d = only(await findings(withCell(6, "species", "")));
    expect(d).toMatchObject({
      code: "data.null",
      field: "columns[1].nullable",
      line: lineOf(manifest, "- name: species"),
    });
    expect(d.message).toBe(
      'data/birds.csv: column "species" is not nullable, but 1 row has no value, e.g. row 6 (line 7)',
    );
  });

  it("reports values below min and above max with the extremes seen", async () => {
    const diagnostics = await findings(withCell(2, "mass_g", "70", withCell(1, "mass_g", "2")));
    expect(diagnostics.map((d) => [d.code, d.field, d.line])).toEqual([
      ["data.below-min", "columns[3].min", columnLine("mass_g", "min")],
      ["data.above-max", "columns[3].max", columnLine("mass_g", "max")],
    ]);
    expect(diagnostics[0]?.message).toBe(
      'data/birds.csv: column "mass_g": 1 row is below min 5 (smallest seen: 2), e.g. row 1 (line 2): "2"',
    );
  });

  it("checks dates against ISO min and max", async () => {
    const d = only(await findings(withCell(6, "seen_on", "2025-01-02")));
    expect(d).toMatchObject({ code: "data.above-max", field: "columns[4].max" });
    expect(d.message).toContain('(largest seen: 2025-01-02 00:00:00), e.g. row 6 (line 7): "2025-01-02"');
  });

  it("lists values outside the allowed categories", async () => {
    const d = only(await findings(withCell(4, "species", "Wren")));
    expect(d).toMatchObject({
      code: "data.value-not-allowed",
      field: "columns[1].values",
      line: columnLine("species", "values"),
    });
    expect(d.message).toContain('e.g. row 4 (line 5): "Wren"');
    expect(d.hint).toBe("allowed: robin, sparrow, wren; fix the values or add them to values");
  });

  it("finds repeated values of a unique column", async () => {
    const d = only(await findings(withCell(5, "row_id", "2", withCell(3, "row_id", "1"))));
    expect(d).toMatchObject({
      code: "data.duplicate",
      field: "columns[0].unique",
      line: columnLine("row_id", "unique"),
    });
    expect(d.message).toBe(
      'data/birds.csv: unique column "row_id": 2 rows repeat an earlier value, e.g. row 3 (line 4): "1", row 5 (line 6): "2"',
    );
  });

  it("shows at most five example rows but counts them all", async () => {
    let csv = BIRDS_CSV;
    for (let row = 1; row <= 6; row++) csv = withCell(row, "wing_mm", "n/a", csv);
    const d = only(await findings(csv));
    expect(d.message).toMatch(/6 rows hold values/);
    expect(d.message.match(/row \d/g)).toHaveLength(5);
  });

  it("compares the row count with the manifest", async () => {
    const d = only(await findings(BIRDS_CSV, birdsManifest(BIRDS_CSV, 7)));
    expect(d).toMatchObject({ code: "data.rows-mismatch", field: "files[0].rows", line: lineOf(manifest, "rows: 6") });
    expect(d.message).toBe("data/birds.csv has 6 data rows, the manifest says 7");
  });

  it("checks the dataset's row-count bounds", async () => {
    const d = only(await findings(BIRDS_CSV, birdsManifest().replace("    min: 3", "    min: 10")));
    expect(d).toMatchObject({ code: "data.rows-min", field: "checks.rows.min" });
    expect(d.message).toBe("the dataset has 6 rows, fewer than checks.rows.min 10");
  });

  it("checks null fractions from the column and from checks.null_fraction", async () => {
    const csv = withCell(4, "mass_g", "", withCell(2, "mass_g", "", withCell(1, "mass_g", "")));
    const text = birdsManifest(csv).replace("checks:\n", "checks:\n  null_fraction:\n    mass_g: 0.25\n");
    const diagnostics = await findings(csv, text);
    expect(diagnostics.map((d) => [d.code, d.field, d.line])).toEqual([
      ["data.null-fraction", "columns[3].max_null_fraction", lineOf(text, "max_null_fraction: 0.5")],
      ["data.null-fraction", "checks.null_fraction.mass_g", lineOf(text, "mass_g: 0.25")],
    ]);
    expect(diagnostics[0]?.message).toBe('column "mass_g" is 66.7% empty (4 of 6 rows), above max_null_fraction 0.5');
  });

  it("names a declared column the file lacks, with a did-you-mean hint", async () => {
    const csv = BIRDS_CSV.replace("wing_mm", "wing_mmm");
    const diagnostics = await findings(csv);
    expect(diagnostics.map((d) => [d.code, d.field, d.severity])).toEqual([
      ["data.column-undeclared", "files[0].path", "warning"],
      ["data.column-missing", "columns[2].name", "error"],
    ]);
    expect(diagnostics[1]?.hint).toBe('did you mean "wing_mmm"? Column names are case-sensitive.');
  });

  it("reports a ragged row with its line", async () => {
    const d = only(
      await findings(BIRDS_CSV.replace("2,robin,80.1,18,2024-03-02,false", "2,robin,80.1,18,2024-03-02,false,7")),
    );
    expect(d).toMatchObject({ code: "data.read-error", field: "files[0].path", line: lineOf(manifest, "- path:") });
    expect(d.message).toBe(
      "data/birds.csv cannot be read as csv: line 3: expected 6 columns, found 7 (a ragged row, or an unquoted delimiter)",
    );
  });

  it("reports a stray quote", async () => {
    const d = only(await findings(BIRDS_CSV.replace("4,wren", '4,"wren')));
    expect(d.message).toBe(
      "data/birds.csv cannot be read as csv: line 5: a quoted value is never closed (a stray quote, or a truncated file)",
    );
  });

  it("reports an empty file", async () => {
    const d = only(await findings("", birdsManifest("", 0)));
    expect(d.message).toBe("data/birds.csv cannot be read as csv: the file is empty (no header line)");
  });

  it("reads quoted cells with commas and a BOM with CRLF line endings", async () => {
    const csv = `\uFEFF${BIRDS_CSV.replace("1,sparrow", '"1","sparrow"').replaceAll("\n", "\r\n")}`;
    expect(await findings(csv)).toEqual([]);
  });
});

describe("data checks on Parquet and JSON", () => {
  async function repoWith(format: "parquet" | "json" | "ndjson", select: string, edit = (m: string) => m) {
    const root = await createTinyRepo();
    roots.push(root);
    const ext = format === "ndjson" ? "ndjson" : format;
    const path = join(root, `datasets/birds/data/birds.${ext}`);
    const options =
      format === "parquet" ? "FORMAT parquet" : format === "json" ? "FORMAT json, ARRAY true" : "FORMAT json";
    await withDatabase((db) =>
      db.run(
        `COPY (SELECT ${select} FROM read_csv('${join(root, "datasets/birds/data/birds.csv")}')) TO '${path}' (${options})`,
      ),
    );
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(path);
    const text = edit(birdsManifest(bytes, 6, `data/birds.${ext}`).replace("format: csv", `format: ${format}`));
    await writeFile(join(root, "datasets/birds/dataset.yaml"), text);
    return (await validateRepository(root)).diagnostics;
  }

  for (const format of ["parquet", "json", "ndjson"] as const) {
    it(`passes valid ${format}`, async () => {
      expect(await repoWith(format, "*")).toEqual([]);
    });
  }

  it("finds a fraction in an integer column stored as DOUBLE, with its row", async () => {
    const diagnostics = await repoWith(
      "parquet",
      "* REPLACE (CASE WHEN row_id = 3 THEN 28.5 ELSE mass_g END AS mass_g)",
    );
    expect(diagnostics.map((d) => [d.code, d.field])).toEqual([["data.type", "columns[3].type"]]);
    expect(diagnostics[0]?.message).toContain('e.g. row 3: "28.5"');
  });

  it("reports a stored type that cannot hold the declared type", async () => {
    const diagnostics = await repoWith("parquet", "* REPLACE (42 AS seen_on)");
    expect(diagnostics.map((d) => [d.code, d.field])).toEqual([["data.column-type", "columns[4].type"]]);
    expect(diagnostics[0]?.message).toBe(
      'column "seen_on" is declared datetime, but data/birds.parquet stores it as INTEGER',
    );
  });

  it("reports NaN in a Parquet DOUBLE column", async () => {
    const diagnostics = await repoWith(
      "parquet",
      "* REPLACE (CASE WHEN row_id = 2 THEN 'NaN'::DOUBLE ELSE wing_mm END AS wing_mm)",
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["data.nan"]);
    expect(diagnostics[0]?.message).toContain('e.g. row 2: "nan"');
  });

  it("reports a file that is not what its format says", async () => {
    const root = await createTinyRepo({
      dataPath: "data/birds.parquet",
      manifest: birdsManifest(BIRDS_CSV, 6, "data/birds.parquet").replace("format: csv", "format: parquet"),
    });
    roots.push(root);
    const { diagnostics } = await validateRepository(root);
    expect(diagnostics.map((d) => d.code)).toEqual(["data.read-error"]);
    expect(diagnostics[0]?.message).toMatch(/^data\/birds.parquet cannot be read as parquet: /);
    expect(diagnostics[0]?.message).not.toContain("\n");
  });
});

describe("compressed and truncated files", () => {
  it("reads a gzipped CSV", async () => {
    const { gzipSync } = await import("node:zlib");
    const data = gzipSync(BIRDS_CSV);
    const root = await createTinyRepo({
      data,
      dataPath: "data/birds.csv.gz",
      manifest: birdsManifest(data, 6, "data/birds.csv.gz"),
    });
    roots.push(root);
    expect((await validateRepository(root)).diagnostics).toEqual([]);
  });

  it("reports a truncated JSON file", async () => {
    const json = JSON.stringify([
      { row_id: 1, species: "wren" },
      { row_id: 2, species: "robin" },
    ]).slice(0, 30);
    const manifest = birdsManifest(json, 2, "data/birds.json").replace("format: csv", "format: json");
    const root = await createTinyRepo({ data: json, dataPath: "data/birds.json", manifest });
    roots.push(root);
    const { diagnostics } = await validateRepository(root);
    expect(diagnostics.map((d) => d.code)).toEqual(["data.read-error"]);
    expect(diagnostics[0]?.message).toMatch(/^data\/birds\.json cannot be read as json: /);
  });
});

describe("datasets of several files", () => {
  it("checks uniqueness across files and sums rows", async () => {
    const [header, ...rows] = BIRDS_CSV.trim().split("\n");
    const first = `${header}\n${rows.slice(0, 3).join("\n")}\n`;
    const second = `${header}\n${[rows[3], rows[4], rows[5]?.replace(/^6,/, "1,")].join("\n")}\n`;
    const root = await createTinyRepo({ data: first });
    roots.push(root);
    await writeFile(join(root, "datasets/birds/data/more.csv"), second);
    const text = birdsManifest(first, 3).replace(
      "columns:",
      `  - path: data/more.csv\n    sha256: ${(await import("../support/tiny-repo.ts")).sha256(second)}\n    bytes: ${second.length}\n    rows: 3\ncolumns:`,
    );
    await writeFile(join(root, "datasets/birds/dataset.yaml"), text.replace("    min: 3\n    max: 100", "    min: 7"));
    const { diagnostics } = await validateRepository(root);
    expect(diagnostics.map((d) => [d.code, d.field])).toEqual([
      ["data.duplicate", "columns[0].unique"],
      ["data.rows-min", "checks.rows.min"],
    ]);
    expect(diagnostics[0]?.message).toBe('unique column "row_id": 1 row repeats a value of another file');
  });
});
