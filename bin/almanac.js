#!/usr/bin/env node
// The package's command, in plain JavaScript with no static import: any Node can parse it, so on
// a Node too old for Almanac it prints one line (which Node, which is needed, how to get it)
// instead of a stack trace. Then, in a checkout, it runs the TypeScript sources directly (Node
// strips types); installed under node_modules, where Node refuses to strip types, it runs the
// compiled dist/cli/almanac.js that `npm run build:cli` (npm's prepare step) writes.
import("./node-version.cjs").then(async ({ default: version }) => {
  const problem = version.nodeVersionProblem(process.versions.node, process.execPath);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exitCode = 2;
    return;
  }
  const { existsSync } = await import("node:fs");
  const { enableCompileCache } = await import("node:module");
  const { fileURLToPath } = await import("node:url");
  // Cache compiled code between runs (OS temp folder): start-up of every verb drops by half.
  enableCompileCache();
  const compiled = new URL("../dist/cli/almanac.js", import.meta.url);
  const installed = fileURLToPath(import.meta.url)
    .split(/[\\/]/)
    .includes("node_modules");
  const { main } =
    installed && existsSync(compiled) ? await import(compiled.href) : await import("../core/cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
});
