import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { schemaComment, schemaReference } from "../../core/new/schema-reference.ts";

const PROJECT = resolve(import.meta.dirname, "../..");

describe("the $schema path of scaffolded files", () => {
  it("points into the installed package in a team's repository", async () => {
    const root = await mkdtemp(join(tmpdir(), "almanac-schema-ref-"));
    expect(schemaReference(root, "model-card.schema.json")).toBe(
      "../../node_modules/almanac/schemas/model-card.schema.json",
    );
  });

  it("points at the repository's own schemas/ in Almanac's checkout", () => {
    expect(schemaReference(PROJECT, "dataset-manifest.schema.json")).toBe("../../schemas/dataset-manifest.schema.json");
  });

  it("is the package's only when the repository lacks that very schema file", async () => {
    const root = await mkdtemp(join(tmpdir(), "almanac-schema-ref-"));
    await mkdir(join(root, "schemas"));
    await writeFile(join(root, "schemas", "other.schema.json"), "{}");
    expect(schemaReference(root, "model-card.schema.json")).toBe(
      "../../node_modules/almanac/schemas/model-card.schema.json",
    );
    expect(schemaComment("../../x.json")).toBe("# yaml-language-server: $schema=../../x.json");
  });
});
