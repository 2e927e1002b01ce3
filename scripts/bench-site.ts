/**
 * Benchmark of the catalogue build. Prints:
 * - the generated repository (1,000 models by default, with evaluations, drift reports and
 *   a git history of their lifecycles): `almanac site build` wall time and peak memory (RSS of the
 *   build process, from /usr/bin/time -v);
 * - the largest model page: HTML plus the CSS it links, and whether it has any script;
 * - the example catalogue (this repository, as `npm run build` builds it): build wall time.
 *
 *   node scripts/bench-site.ts [--models 1000] [--datasets 100] [--keep]
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateSiteFixtures } from "./generate-site-fixtures.ts";

const PROJECT_ROOT = resolve(import.meta.dirname, "..");
const CLI = join(PROJECT_ROOT, "bin/almanac.js");

interface Measured {
  seconds: number;
  /** User plus system CPU seconds of the build and its children (pagefind, git): the figure load on the machine does not inflate. */
  cpuSeconds: number;
  peakMegabytes: number;
  code: number;
  output: string;
}

/** Runs `almanac site build` under /usr/bin/time -v: wall time, and the peak RSS of the build. */
function measureBuild(repository: string, outDir: string): Promise<Measured> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const args = ["-v", process.execPath, CLI, "site", "build", "--root", repository, "--out", outDir];
    const child = spawn("/usr/bin/time", args, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const kilobytes = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(output)?.[1] ?? Number.NaN);
      const seconds = (label: string) =>
        Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(output)?.[1] ?? Number.NaN);
      resolvePromise({
        seconds: (performance.now() - started) / 1000,
        cpuSeconds: seconds("User") + seconds("System"),
        peakMegabytes: kilobytes / 1024,
        code: code ?? 1,
        output,
      });
    });
  });
}

/** The largest model page: its HTML bytes, the bytes of the CSS it links, and whether it has a script. */
async function largestModelPage(outDir: string) {
  const folders = await readdir(join(outDir, "models"));
  let largest = { id: "", html: 0, css: 0, scripts: 0 };
  for (const id of folders) {
    const file = join(outDir, "models", id, "index.html");
    const size = (await stat(file)).size;
    if (size <= largest.html) continue;
    const html = await readFile(file, "utf8");
    const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1] as string);
    let css = 0;
    for (const href of stylesheets) css += (await stat(join(outDir, href.replace(/^\/+/, "")))).size;
    largest = { id, html: size, css, scripts: (html.match(/<script/g) ?? []).length };
  }
  return largest;
}

async function countFiles(dir: string, suffix: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(suffix)).length;
}

function fail(what: string, measured: Measured): never {
  throw new Error(`${what} failed (exit ${measured.code}):\n${measured.output.slice(-4000)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: "string", default: "1000" },
      datasets: { type: "string", default: "100" },
      keep: { type: "boolean" },
    },
  });
  const loadBefore = loadavg()[0] ?? 0;
  const work = await mkdtemp(join(tmpdir(), "almanac-bench-site-"));
  try {
    const generating = performance.now();
    const repository = join(work, "repo");
    const summary = await generateSiteFixtures(repository, {
      kind: "generated",
      models: Number(values.models),
      datasets: Number(values.datasets),
      seed: 1,
    });
    const generated = (performance.now() - generating) / 1000;
    const reports = await countFiles(join(repository, "reports"), ".json");
    console.log(
      `generated ${summary.models} models, ${reports} reports and ${summary.commits} commits in ${generated.toFixed(1)} s`,
    );

    const big = await measureBuild(repository, join(work, "site"));
    if (big.code !== 0) fail("almanac site build of the generated repository", big);
    const pages = await countFiles(join(work, "site"), ".html");
    const page = await largestModelPage(join(work, "site"));
    const example = await measureBuild(PROJECT_ROOT, join(work, "examples-site"));
    if (example.code !== 0) fail("almanac site build of the examples", example);

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log(
      `\nmachine: ${availableParallelism()} cores; 1-minute load average ${loadBefore.toFixed(1)} before the run, ${(loadavg()[0] ?? 0).toFixed(1)} after (other work on the machine slows the wall times; CPU times are steadier)`,
    );
    console.log(`\n| figure | value | budget |`);
    console.log(`|---|---|---|`);
    console.log(
      `| almanac site build, ${summary.models} models (${pages} pages), wall time | ${big.seconds.toFixed(1)} s | < 60 s |`,
    );
    console.log(
      `| almanac site build, ${summary.models} models, CPU time (user + sys) | ${big.cpuSeconds.toFixed(1)} s | |`,
    );
    console.log(
      `| almanac site build, ${summary.models} models, peak memory (RSS) | ${big.peakMegabytes.toFixed(0)} MB | < 2048 MB |`,
    );
    console.log(
      `| largest model page (${page.id}): HTML + CSS | ${kb(page.html + page.css)} (${kb(page.html)} + ${kb(page.css)}) | < 150 KB |`,
    );
    console.log(`| largest model page: script elements | ${page.scripts} | 0 (no JavaScript needed) |`);
    console.log(`| almanac site build, example catalogue, wall time | ${example.seconds.toFixed(1)} s | < 15 s |`);
    console.log(
      `| almanac site build, example catalogue, CPU time (user + sys) | ${example.cpuSeconds.toFixed(1)} s | |`,
    );
    console.log(
      `| almanac site build, example catalogue, peak memory (RSS) | ${example.peakMegabytes.toFixed(0)} MB | |`,
    );
  } finally {
    if (values.keep) console.log(`\nkept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

await main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
