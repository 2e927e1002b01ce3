#!/usr/bin/env node
// The package's command. In a checkout it runs the TypeScript sources directly (Node 24 strips
// types); installed under node_modules, where Node refuses to strip types, it runs the compiled
// dist/cli/almanac.js that `npm run build:cli` (npm's prepare step) writes.
import { existsSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { fileURLToPath } from "node:url";

enableCompileCache();
const compiled = new URL("../dist/cli/almanac.js", import.meta.url);
const installed = fileURLToPath(import.meta.url)
  .split(/[\\/]/)
  .includes("node_modules");
const { main } = installed && existsSync(compiled) ? await import(compiled.href) : await import("../core/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
