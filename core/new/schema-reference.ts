import { existsSync } from "node:fs";
import { join } from "node:path";

/** Where a repository's files find Almanac's JSON Schemas when Almanac is installed as a package. */
export const INSTALLED_SCHEMAS = "node_modules/almanac/schemas";

/**
 * The `$schema` path that a file two folders below the repository root (`models/<id>/model.md`,
 * `datasets/<id>/dataset.yaml`) writes in its `# yaml-language-server` comment: the repository's
 * own `schemas/` in Almanac's checkout, else the installed package's (`almanac init` adds Almanac
 * as a devDependency, so `npm install` puts it there).
 */
export function schemaReference(root: string, schemaFile: string): string {
  const own = existsSync(join(root, "schemas", schemaFile));
  return `../../${own ? "schemas" : INSTALLED_SCHEMAS}/${schemaFile}`;
}

/** The editor hint line that points YAML language servers at `reference`. */
export function schemaComment(reference: string): string {
  return `# yaml-language-server: $schema=${reference}`;
}
