import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** This checkout: the Almanac package a team's repository installs. */
export const ALMANAC_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A team's repository as a workflow sees it after `npm ci`: its own package.json with Almanac
 * installed (node_modules/almanac and node_modules/.bin/almanac), and, when asked, copies of all
 * or some of the example models and datasets.
 */
export function createWorkspace(options: { examples?: boolean; models?: string[]; datasets?: string[] } = {}): string {
  const root = mkdtempSync(join(tmpdir(), "almanac-workspace-"));
  writeFileSync(
    join(root, "package.json"),
    `${JSON.stringify({ name: "team-models", private: true, devDependencies: { almanac: "0.1.0" } }, null, 2)}\n`,
  );
  mkdirSync(join(root, "node_modules", ".bin"), { recursive: true });
  symlinkSync(ALMANAC_ROOT, join(root, "node_modules", "almanac"));
  symlinkSync("../almanac/bin/almanac.ts", join(root, "node_modules", ".bin", "almanac"));
  if (options.examples) {
    for (const folder of ["models", "datasets"])
      cpSync(join(ALMANAC_ROOT, folder), join(root, folder), { recursive: true });
  }
  for (const model of options.models ?? []) {
    cpSync(join(ALMANAC_ROOT, "models", model), join(root, "models", model), { recursive: true });
  }
  for (const dataset of options.datasets ?? []) {
    cpSync(join(ALMANAC_ROOT, "datasets", dataset), join(root, "datasets", dataset), { recursive: true });
  }
  return root;
}
