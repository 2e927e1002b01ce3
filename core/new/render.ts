import { Document, isScalar, visit } from "yaml";
import { CARD_SECTIONS } from "../schemas/model-card.ts";

/** The editor hint on the first line of every manifest: JSON Schema autocompletion in VS Code and others. */
export const MANIFEST_SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/dataset-manifest.schema.json";
/** The editor hint on the first front matter line of every card. */
export const CARD_SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/model-card.schema.json";

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

/** Renders a dataset manifest object as YAML with the schema comment first. Deterministic. */
export function renderManifestText(manifest: Record<string, unknown>): string {
  return `${MANIFEST_SCHEMA_COMMENT}\n${renderYaml(manifest)}`;
}

/**
 * Renders a model card: `---`, the schema comment, the front matter, `---`, a title with a
 * lead paragraph, then every section of {@link CARD_SECTIONS} in order. Deterministic.
 */
export function renderModelCardText(
  frontMatter: Record<string, unknown>,
  title: string,
  lead: string,
  sections: CardSections,
): string {
  const body = CARD_SECTIONS.map((section) => `## ${section}\n\n${sections[section].trim()}\n`).join("\n");
  return `---\n${CARD_SCHEMA_COMMENT}\n${renderYaml(frontMatter)}---\n\n# ${title}\n\n${lead.trim()}\n\n${body}`;
}

/** `seattle-weather` → `Seattle weather`: a readable default name from an id. */
export function titleFromId(id: string): string {
  const words = id.replaceAll("-", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
