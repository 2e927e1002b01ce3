import { readdir, readFile } from "node:fs/promises";
import type { z } from "zod";
import { parseYamlDocument } from "../../../core/load/yaml-document.ts";
import { validateWithSchema } from "../../../core/load/zod-diagnostics.ts";
import { type Diagnostic, defineDiagnostic } from "../../../core/util/diagnostic.ts";

/** A report file read and checked against its schema. */
export interface LoadedReport<T> {
  /** Path from the repository root. */
  file: string;
  value: T | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Parses a JSON report with its zod schema. The fast path is `JSON.parse`; only an
 * invalid file is parsed again with positions (JSON is YAML), so every finding names
 * its line and column like the card and manifest diagnostics do.
 */
export function parseReport<T extends z.ZodType>(
  text: string,
  file: string,
  schema: T,
  example: string,
): LoadedReport<z.infer<T>> {
  try {
    const result = schema.safeParse(JSON.parse(text));
    if (result.success) return { file, value: result.data, diagnostics: [] };
  } catch {
    // Not JSON: the positioned parse below says where.
  }
  const document = parseYamlDocument(text, file);
  if (document.diagnostics.length > 0) return { file, value: undefined, diagnostics: document.diagnostics };
  const { value, diagnostics } = validateWithSchema(schema, document, file, example);
  return { file, value, diagnostics };
}

/** Reads and parses one report file under `root`. */
export async function readReport<T extends z.ZodType>(
  root: string,
  file: string,
  schema: T,
  example: string,
): Promise<LoadedReport<z.infer<T>>> {
  let text: string;
  try {
    text = await readFile(`${root}/${file}`, "utf8");
  } catch (error) {
    const diagnostic = defineDiagnostic({
      file,
      code: "report.unreadable",
      message: `cannot read the report: ${(error as Error).message}`,
      hint: "check the file's permissions, or delete it and write it again with almanac",
    });
    return { file, value: undefined, diagnostics: [diagnostic] };
  }
  return parseReport(text, file, schema, example);
}

/** Folder names directly under `dir` (none when it does not exist), sorted. */
export async function listFolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/** `.json` files directly under `dir`, sorted. */
export async function listJsonFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
