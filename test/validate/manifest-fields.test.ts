import { describe, expect, it } from "vitest";
import { parseDatasetManifest } from "../../core/load/dataset-manifest.ts";
import { birdsManifest, lineOf } from "../support/tiny-repo.ts";

const FILE = "datasets/birds/dataset.yaml";
const valid = birdsManifest();

/** [what, text to find, replacement, field, code, a string on the expected line (after the change)] */
const MUTATIONS: [string, string, string, string, string, string][] = [
  ["apiVersion", "apiVersion: almanac/v1", "apiVersion: almanac/v9", "apiVersion", "schema.value", "apiVersion:"],
  ["kind", "kind: Dataset", "kind: Model", "kind", "schema.value", "kind:"],
  ["id", "id: birds", "id: Birds", "id", "schema.invalid", "id: Birds"],
  ["version", "version: 1.0.0", "version: v1", "version", "schema.invalid", "version: v1"],
  [
    "description",
    "description: Garden birds measured at a ringing station.\n",
    "",
    "description",
    "schema.missing",
    "apiVersion:",
  ],
  ["license", "license: CC0-1.0", "license: [a, b]", "license", "schema.type", "license:"],
  [
    "source.name",
    "  name: Almanac test fixtures",
    "  nme: Almanac test fixtures",
    "source.nme",
    "schema.unknown-key",
    "nme:",
  ],
  [
    "source.url",
    "  name: Almanac test fixtures",
    "  name: x\n  url: not a url",
    "source.url",
    "schema.invalid",
    "url:",
  ],
  ["format", "format: csv", "format: xlsx", "format", "schema.value", "format:"],
  [
    "files[0].sha256",
    "    sha256: ",
    "    sha256: abc\n    x_sha256: ",
    "files[0].sha256",
    "schema.invalid",
    "sha256: abc",
  ],
  ["files[0].bytes", "    bytes: ", "    bytes: -1\n    x_bytes: ", "files[0].bytes", "schema.invalid", "bytes: -1"],
  ["files[0].rows", "    rows: 6", "    rows: many", "files[0].rows", "schema.type", "rows: many"],
  [
    "columns[0].type",
    "    type: integer\n    role: id",
    "    type: int\n    role: id",
    "columns[0].type",
    "schema.value",
    "type: int",
  ],
  ["columns[1].role", "    role: target", "    role: label", "columns[1].role", "schema.value", "role: label"],
  [
    "columns[3].nullable",
    "    nullable: true",
    "    nullable: sometimes",
    "columns[3].nullable",
    "schema.type",
    "nullable:",
  ],
  [
    "columns[3].max_null_fraction",
    "max_null_fraction: 0.5",
    "max_null_fraction: 1.5",
    "columns[3].max_null_fraction",
    "schema.invalid",
    "max_null_fraction",
  ],
  [
    "columns[1].values",
    "    values: [robin, sparrow, wren]",
    "    values: robin",
    "columns[1].values",
    "schema.type",
    "values: robin",
  ],
  ["columns[0].unique", "    unique: true", "    unique: 1", "columns[0].unique", "schema.type", "unique: 1"],
  ["columns[2].nam", "  - name: wing_mm", "  - nam: wing_mm", "columns[2].nam", "schema.unknown-key", "nam: wing_mm"],
  ["split.method", "  method: hash", "  method: random", "split.method", "schema.invalid", "method: random"],
  [
    "split.test_fraction",
    "  test_fraction: 0.3",
    "  test_fraction: 1.5",
    "split.test_fraction",
    "schema.invalid",
    "test_fraction",
  ],
  [
    "checks.rows.min",
    "    min: 3\n    max: 100",
    "    min: -3\n    max: 100",
    "checks.rows.min",
    "schema.invalid",
    "min: -3",
  ],
  [
    "checks.null_fraction",
    "checks:\n",
    "checks:\n  null_fraction:\n    mass_g: 2\n",
    "checks.null_fraction.mass_g",
    "schema.invalid",
    "mass_g: 2",
  ],
  ["unknown top-level key", "split:", "colums: []\nsplit:", "colums", "schema.unknown-key", "colums:"],
];

describe("dataset manifest fields (one valid document, one mutation per field)", () => {
  it("accepts the valid manifest", () => {
    const parsed = parseDatasetManifest(valid, FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.manifest?.columns.map((column) => column.name)).toEqual([
      "row_id",
      "species",
      "wing_mm",
      "mass_g",
      "seen_on",
      "ringed",
    ]);
  });

  it.each(MUTATIONS)("%s: names the field and its line", (_what, find, replace, field, code, needle) => {
    expect(valid.includes(find), `fixture contains ${JSON.stringify(find)}`).toBe(true);
    const text = valid.replace(find, replace);
    const { diagnostics } = parseDatasetManifest(text, FILE);
    const match = diagnostics.find((d) => d.field === field);
    expect(match, JSON.stringify(diagnostics, null, 2)).toBeDefined();
    expect(match).toMatchObject({ file: FILE, code, line: lineOf(text, needle), severity: "error" });
    expect(match?.message).not.toBe("");
    expect(match?.hint).not.toBe("");
  });

  it("suggests the closest key for a misspelt one", () => {
    const { diagnostics } = parseDatasetManifest(valid.replace("  - name: wing_mm", "  - nmae: wing_mm"), FILE);
    const unknown = diagnostics.find((d) => d.code === "schema.unknown-key");
    expect(unknown?.hint).toBe('did you mean "name"? Remove the key or fix its spelling.');
  });

  it("suggests the closest allowed value for a misspelt enum", () => {
    const { diagnostics } = parseDatasetManifest(valid.replace("    type: number", "    type: nubmer"), FILE);
    expect(diagnostics.find((d) => d.field === "columns[2].type")?.hint).toBe('did you mean "number"?');
  });
});
