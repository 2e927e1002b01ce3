import { readdir, readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// An adopter's `npm install` brings Almanac's dependencies, never its devDependencies: every
// package the CLI or the catalogue imports at run time must be a dependency. (The adopter test
// proves it end to end; this names the package that is missing in a second.)

const PROJECT = resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(await readFile(join(PROJECT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

/** Imports in the frontmatter and scripts of .astro and .mdx pages: bare packages and relative .ts modules. */
async function pageImports(): Promise<{ packages: Set<string>; modules: string[] }> {
  const packages = new Set<string>();
  const modules: string[] = [];
  const files = (await readdir(join(PROJECT, "site"), { recursive: true })).filter((file) =>
    /\.(astro|mdx)$/.test(file),
  );
  for (const file of files) {
    const text = await readFile(join(PROJECT, "site", file), "utf8");
    for (const match of text.matchAll(/(?:import|from)\s*["']([^"']+)["']/g)) {
      const specifier = match[1] as string;
      if (specifier.startsWith(".")) {
        if (specifier.endsWith(".ts")) modules.push(resolve(join(PROJECT, "site", file, ".."), specifier));
      } else if (!specifier.startsWith("astro:")) packages.add(packageOf(specifier));
    }
  }
  return { packages, modules };
}

/** Packages imported by `entryPoints` and every module they reach. */
async function externalPackages(entryPoints: string[]): Promise<Set<string>> {
  const result = await build({
    entryPoints,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    outdir: join(PROJECT, ".tmp-dependency-scan"),
    packages: "external",
    external: ["astro:*"],
    logLevel: "silent",
  });
  const packages = new Set<string>();
  for (const output of Object.values(result.metafile.outputs))
    for (const imported of output.imports)
      if (imported.external && !imported.path.startsWith("node:") && !imported.path.startsWith("astro:"))
        packages.add(packageOf(imported.path));
  return packages;
}

const isBuiltin = (name: string) => builtinModules.includes(name);

describe("Almanac's runtime dependencies", () => {
  it("hold every package the CLI, its worker threads and the catalogue import", async () => {
    const siteModules = (await readdir(join(PROJECT, "site"), { recursive: true }))
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
      .map((file) => join(PROJECT, "site", file));
    const pages = await pageImports();
    const imported = await externalPackages([
      join(PROJECT, "core/cli/main.ts"),
      join(PROJECT, "core/charts/render-worker.ts"),
      join(PROJECT, "core/site/logger.ts"),
      ...siteModules,
      ...pages.modules,
    ]);
    for (const name of pages.packages) imported.add(name);
    const missing = [...imported].filter((name) => !isBuiltin(name) && !(name in manifest.dependencies)).sort();
    expect(missing).toEqual([]);
    // Sanity: the scan sees the heavy runtime pieces.
    for (const name of ["@duckdb/node-api", "astro", "vega-lite", "zod"]) expect(imported).toContain(name);
  }, 60_000);

  it("leave the example models' and the tests' libraries to devDependencies", () => {
    for (const name of ["ml-random-forest", "ml-logistic-regression", "d3-dsv", "vega-datasets", "vitest", "esbuild"])
      expect(Object.keys(manifest.devDependencies)).toContain(name);
  });
});
