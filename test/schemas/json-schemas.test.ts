import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { PUBLISHED_SCHEMAS } from "../../core/schemas/index.ts";
import { renderJsonSchema } from "../../core/schemas/json-schema.ts";

describe("generated JSON Schemas", () => {
  for (const published of PUBLISHED_SCHEMAS) {
    it(`schemas/${published.name}.schema.json is up to date (run npm run schemas)`, async () => {
      const committed = await readFile(`schemas/${published.name}.schema.json`, "utf8");
      expect(committed).toBe(renderJsonSchema(published));
    });
  }

  it("describes every field", () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      const properties = record.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, value] of Object.entries(properties ?? {})) {
        if (!value.description) missing.push(`${path}.${key}`);
        walk(value, `${path}.${key}`);
      }
      for (const key of ["items", "additionalProperties"]) walk(record[key], `${path}[]`);
      for (const key of ["anyOf", "oneOf", "allOf"])
        for (const item of (record[key] as unknown[]) ?? []) walk(item, path);
    };
    for (const published of PUBLISHED_SCHEMAS) walk(JSON.parse(renderJsonSchema(published)), published.name);
    expect(missing).toEqual([]);
  });
});
