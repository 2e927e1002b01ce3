import { describe, expect, it } from "vitest";
import {
  appendToBlockSequence,
  editFrontMatterScalars,
  editYamlScalars,
  wholeRange,
} from "../../core/lifecycle/yaml-edit.ts";
import { bumpVersion } from "../../core/retrain/bump.ts";

const MANIFEST = [
  "# a comment that stays",
  "version: 1.0.0   # trailing comment",
  "files:",
  "  - path: data/a.csv",
  "    sha256: aaa",
  "    rows: 3",
  "columns:",
  "  - { name: date, type: datetime, role: timestamp, max: '2014-12-31' }",
  "",
].join("\r\n");

describe("byte-preserving YAML edits", () => {
  it("replaces only the values' characters, keeping comments, quotes and CRLF", () => {
    const edited = editYamlScalars(MANIFEST, wholeRange(MANIFEST), [
      { path: ["version"], value: "1.1.0" },
      { path: ["columns", 0, "max"], value: "2015-12-31" },
    ]);
    expect(edited).toBe(
      MANIFEST.replace("version: 1.0.0 ", "version: 1.1.0 ").replace("max: '2014-12-31'", "max: '2015-12-31'"),
    );
  });

  it("appends list items in the list's own indentation and line endings", () => {
    const edited = appendToBlockSequence(
      MANIFEST,
      wholeRange(MANIFEST),
      ["files"],
      [
        [
          ["path", "labelled/b.csv"],
          ["rows", 2],
        ],
      ],
    );
    expect(edited).toBe(
      MANIFEST.replace("    rows: 3\r\n", "    rows: 3\r\n  - path: labelled/b.csv\r\n    rows: 2\r\n"),
    );
  });

  it("refuses a flow list and names the path", () => {
    const text = "files: [{ path: a.csv }]\n";
    expect(() => appendToBlockSequence(text, wholeRange(text), ["files"], [[["path", "b.csv"]]])).toThrow(
      "files is not a block list with at least one item",
    );
  });

  it("edits a card's front matter and leaves the body alone", () => {
    const card = '---\nversion: 1.1.0\ndataset:\n  version: "1.0.0"\n---\n\nversion: 1.1.0 in the body\n';
    expect(
      editFrontMatterScalars(card, [
        { path: ["version"], value: "1.2.0" },
        { path: ["dataset", "version"], value: "1.1.0" },
      ]),
    ).toBe('---\nversion: 1.2.0\ndataset:\n  version: "1.1.0"\n---\n\nversion: 1.1.0 in the body\n');
  });

  it("names a missing value", () => {
    expect(() => editYamlScalars("a: 1\n", wholeRange("a: 1\n"), [{ path: ["b"], value: "2" }])).toThrow(
      "b is not a value that can be changed",
    );
  });
});

describe("bumpVersion", () => {
  it("raises the minor or patch part and drops a pre-release", () => {
    expect(bumpVersion("1.1.0", "minor")).toBe("1.2.0");
    expect(bumpVersion("1.1.0", "patch")).toBe("1.1.1");
    expect(bumpVersion("2.0.0-rc.1", "minor")).toBe("2.1.0");
    expect(() => bumpVersion("one", "minor")).toThrow('"one" is not a semantic version');
  });
});
