/**
 * Bundles every JavaScript action (`actions/<name>/action.yml` with `runs.using: node24`) from
 * `src/index.ts` into the committed `dist/index.js`: one ESM file with its dependencies, as the
 * runner executes it without `npm install`.
 *
 *   node scripts/bundle-actions.ts           rebuild every dist/
 *   node scripts/bundle-actions.ts --check   exit 1 when a committed dist/ is stale
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { parse } from "yaml";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** A dependency of @actions/http-client calls `require` dynamically; ESM output needs one in scope. */
const REQUIRE_BANNER = [
  "// Bundled by scripts/bundle-actions.ts from src/; do not edit. Rebuild: node scripts/bundle-actions.ts",
  'import { createRequire as __almanacCreateRequire } from "node:module";',
  "const require = __almanacCreateRequire(import.meta.url);",
].join("\n");

/** Names of the actions that run on node24 from a bundle (the others are composite). */
export function bundledActions(root = ROOT): string[] {
  return readdirSync(join(root, "actions"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, "actions", entry.name, "action.yml")))
    .filter((entry) => {
      const action = parse(readFileSync(join(root, "actions", entry.name, "action.yml"), "utf8"));
      return action?.runs?.using === "node24";
    })
    .map((entry) => entry.name)
    .sort();
}

/** The bundle of one action, as text (deterministic for the same sources and esbuild version). */
export async function bundleAction(name: string, root = ROOT): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [`actions/${name}/src/index.ts`],
    outfile: `actions/${name}/dist/index.js`,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    banner: { js: REQUIRE_BANNER },
    minify: true,
    legalComments: "eof",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles.find((file) => file.path.endsWith("index.js"));
  if (!output) throw new Error(`esbuild produced no index.js for actions/${name}`);
  return output.text;
}

/** Path of the committed bundle. */
export function distPath(name: string, root = ROOT): string {
  return join(root, "actions", name, "dist", "index.js");
}

async function main(check: boolean): Promise<number> {
  let stale = 0;
  for (const name of bundledActions()) {
    const code = await bundleAction(name);
    const path = distPath(name);
    const current = existsSync(path) ? readFileSync(path, "utf8") : "";
    if (current === code) {
      console.log(`actions/${name}/dist/index.js is up to date (${(code.length / 1024).toFixed(0)} KiB)`);
      continue;
    }
    if (check) {
      console.error(`actions/${name}/dist/index.js is stale: run node scripts/bundle-actions.ts and commit dist/`);
      stale++;
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    writeFileSync(path, code);
    console.log(`wrote actions/${name}/dist/index.js (${(code.length / 1024).toFixed(0)} KiB)`);
  }
  return stale > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.includes("--check"));
}
