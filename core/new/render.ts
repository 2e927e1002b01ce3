import { Document, isScalar, visit } from "yaml";
import { CARD_SECTIONS } from "../schemas/model-card.ts";
import { schemaComment } from "./schema-reference.ts";

/** The manifest's JSON Schema file, in Almanac's schemas/ folder. */
export const MANIFEST_SCHEMA_FILE = "dataset-manifest.schema.json";
/** The card's JSON Schema file, in Almanac's schemas/ folder. */
export const CARD_SCHEMA_FILE = "model-card.schema.json";

/** The body text of each card section, by section title. */
export type CardSections = Readonly<Record<(typeof CARD_SECTIONS)[number], string>>;

/**
 * YAML text for a plain object. Strings that YAML 1.1 readers (js-yaml, gray-matter) would
 * turn into booleans or dates (`yes`, `no`, `2022-01-01`) are quoted, and short lists of
 * scalars are written inline (`values: [a, b]`).
 */
export function renderYaml(value: Record<string, unknown>): string {
  const document = new Document(value, { version: "1.1" });
  visit(document, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, indent: 2, flowCollectionPadding: false });
}

/**
 * Renders a dataset manifest object as YAML with the editor's schema comment first (JSON Schema
 * autocompletion in VS Code and others; `schema` is the path from the manifest's folder, see
 * `schemaReference`). Deterministic.
 */
export function renderManifestText(manifest: Record<string, unknown>, schema: string): string {
  return `${schemaComment(schema)}\n${renderYaml(manifest)}`;
}

/**
 * Renders a model card: `---`, the schema comment (`schema`: the path from the card's folder),
 * the front matter, `---`, a title with a lead paragraph, then every section of
 * {@link CARD_SECTIONS} in order. Deterministic.
 */
export function renderModelCardText(
  frontMatter: Record<string, unknown>,
  title: string,
  lead: string,
  sections: CardSections,
  schema: string,
): string {
  const body = CARD_SECTIONS.map((section) => `## ${section}\n\n${sections[section].trim()}\n`).join("\n");
  return `---\n${schemaComment(schema)}\n${renderYaml(frontMatter)}---\n\n# ${title}\n\n${lead.trim()}\n\n${body}`;
}

/** `seattle-weather` → `Seattle weather`: a readable default name from an id. */
export function titleFromId(id: string): string {
  const words = id.replaceAll("-", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
