import { readFile } from "node:fs/promises";
import { type DatasetManifest, DatasetManifestSchema } from "../schemas/dataset-manifest.ts";
import { type Diagnostic, defineDiagnostic } from "../util/diagnostic.ts";
import { stripBom } from "./front-matter.ts";
import { parseYamlDocument, type YamlDocument } from "./yaml-document.ts";
import { validateWithSchema } from "./zod-diagnostics.ts";

const MANIFEST_EXAMPLE = "see `almanac new dataset --help` or schemas/dataset-manifest.schema.json";

/** A dataset manifest read from disk. */
export interface LoadedDatasetManifest {
  /** Path from the repository root, e.g. `datasets/penguins/dataset.yaml`. */
  file: string;
  /** Folder name under datasets/. */
  folder: string;
  manifest: DatasetManifest | undefined;
  document: YamlDocument | undefined;
  diagnostics: Diagnostic[];
}

/** Parses manifest text; `file` is only used in diagnostics. */
export function parseDatasetManifest(text: string, file: string): Omit<LoadedDatasetManifest, "folder"> {
  const yaml = stripBom(text);
  if (yaml.trim() === "") {
    return {
      file,
      manifest: undefined,
      document: undefined,
      diagnostics: [
        defineDiagnostic({
          file,
          code: "manifest.empty",
          message: "the file is empty",
          hint: "run `almanac new dataset <id> --from <file>` to write a manifest",
        }),
      ],
    };
  }
  const document = parseYamlDocument(yaml, file);
  if (document.diagnostics.length > 0)
    return { file, manifest: undefined, document, diagnostics: document.diagnostics };
  const { value, diagnostics } = validateWithSchema(DatasetManifestSchema, document, file, MANIFEST_EXAMPLE);
  return { file, manifest: value, document, diagnostics };
}

/** Reads and parses `datasets/<folder>/dataset.yaml` under `root`. */
export async function readDatasetManifest(root: string, file: string): Promise<LoadedDatasetManifest> {
  const text = await readFile(`${root}/${file}`, "utf8");
  const folder = file.split("/").at(-2) ?? "";
  return { ...parseDatasetManifest(text, file), folder };
}
