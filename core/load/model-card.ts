import { readFile } from "node:fs/promises";
import { type ModelCard, ModelCardSchema } from "../schemas/model-card.ts";
import type { Diagnostic } from "../util/diagnostic.ts";
import { splitFrontMatter } from "./front-matter.ts";
import { parseYamlDocument, type YamlDocument } from "./yaml-document.ts";
import { validateWithSchema } from "./zod-diagnostics.ts";

const CARD_EXAMPLE = "see `almanac new model --help` or schemas/model-card.schema.json for a complete example";

/** A model card read from disk: the validated front matter (when valid), its body and positions. */
export interface LoadedModelCard {
  /** Path from the repository root, e.g. `models/churn/model.md`. */
  file: string;
  /** Folder name under models/. */
  folder: string;
  card: ModelCard | undefined;
  /** The raw front matter data, even when invalid (for cross checks that can still run). */
  raw: unknown;
  body: string;
  document: YamlDocument | undefined;
  diagnostics: Diagnostic[];
}

/** Parses card text; `file` is only used in diagnostics. */
export function parseModelCard(text: string, file: string): Omit<LoadedModelCard, "folder"> {
  const split = splitFrontMatter(text, file);
  if (split.yaml === undefined) {
    return {
      file,
      card: undefined,
      raw: undefined,
      body: split.body,
      document: undefined,
      diagnostics: split.diagnostics,
    };
  }
  const document = parseYamlDocument(split.yaml, file, split.yamlLine - 1);
  if (document.diagnostics.length > 0) {
    return { file, card: undefined, raw: undefined, body: split.body, document, diagnostics: document.diagnostics };
  }
  const { value, diagnostics } = validateWithSchema(ModelCardSchema, document, file, CARD_EXAMPLE);
  return { file, card: value, raw: document.data, body: split.body, document, diagnostics };
}

/** Reads and parses `models/<folder>/model.md` under `root`. */
export async function readModelCard(root: string, file: string): Promise<LoadedModelCard> {
  const text = await readFile(`${root}/${file}`, "utf8");
  const folder = file.split("/").at(-2) ?? "";
  return { ...parseModelCard(text, file), folder };
}
