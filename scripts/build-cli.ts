/**
 * Compiles the CLI for installation as a package. Node runs TypeScript directly, but never from
 * node_modules (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING): an installed Almanac runs
 * dist/cli/almanac.js, ESM with every npm dependency left external (DuckDB is native) and each
 * verb's code in chunks beside it (dist/cli/chunk-*.js) loaded when the verb runs, as the sources
 * load them (one file holding every verb made each command compile all of them: ~0.06 s more),
 * dist/cli/render-worker.js, the chart worker thread the catalogue build starts,
 * dist/cli/parse-worker.js, the threads that parse a large registry's cards, and
 * dist/cli/site-logger.js, the catalogue build's log (Astro imports both by path).
 * Run: node scripts/build-cli.ts [outdir]   (npm runs it on `prepare`, i.e. on install from git)
 */
import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";

/** Builds dist/cli (or `outdir`): almanac.js, render-worker.js and the files the CLI reads at run time. */
export async function buildCli(outdir = "dist/cli"): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: {
      almanac: "core/cli/main.ts",
      "render-worker": "core/charts/render-worker.ts",
      "parse-worker": "core/load/parse-worker.ts",
      "sort-worker": "core/stats/sort-worker.ts",
      "site-logger": "core/site/logger.ts",
    },
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22.12",
    packages: "external",
    legalComments: "none",
    splitting: true,
    chunkNames: "chunk-[name]-[hash]",
    logLevel: "warning",
  });
  // `almanac new model` reads its training template beside the code (new URL("./templates/…")).
  await cp("core/new/templates", join(outdir, "templates"), { recursive: true });
}

if (import.meta.main) await buildCli(process.argv[2]);
