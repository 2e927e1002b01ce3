import { z } from "zod";
import type { PublishedSchema } from "./index.ts";

/** Renders one published schema as JSON Schema text (input shape: defaults are optional). */
export function renderJsonSchema(published: PublishedSchema): string {
  const json = z.toJSONSchema(published.schema, { io: "input", target: "draft-2020-12", unrepresentable: "any" });
  const document = {
    $id: `https://almanac.dev/schemas/${published.name}.schema.json`,
    title: published.title,
    ...json,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
