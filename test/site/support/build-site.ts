import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateSiteFixtures } from "../../../scripts/generate-site-fixtures.ts";

/** The project root: Almanac's checkout. */
export const PROJECT_ROOT = resolve(import.meta.dirname, "../../..");

/**
 * The environment without what Vitest injects (BASE_URL, MODE, NODE_ENV=test, VITEST…):
 * Vite inside the build would take `BASE_URL` over the configured base path.
 */
export function cleanEnvironment(): Record<string, string> {
  const injected = new Set(["BASE_URL", "MODE", "DEV", "PROD", "SSR", "NODE_ENV", "TEST"]);
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        !injected.has(entry[0]) &&
        !entry[0].startsWith("VITEST") &&
        !entry[0].startsWith("VITE_"),
    ),
  );
}

/** What the catalogue build printed and how it ended. */
export interface BuildResult {
  code: number;
  output: string;
  milliseconds: number;
}

/**
 * Builds the catalogue of the repository at `repository` into `outDir` the way users do,
 * `almanac site build` (each repository gets its own Astro working folder, so parallel builds
 * never share state). `env` adds variables such as BASE_PATH and SITE_REPO_URL.
 */
export function runAstroBuild(
  repository: string,
  outDir: string,
  env: Record<string, string> = {},
): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const cli = join(PROJECT_ROOT, "bin/almanac.js");
    const child = spawn(process.execPath, [cli, "site", "build", "--root", repository, "--out", outDir], {
      cwd: PROJECT_ROOT,
      env: { ...cleanEnvironment(), ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1", ...env },
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
    child.on("close", (code) => resolvePromise({ code: code ?? 1, output, milliseconds: performance.now() - started }));
  });
}

/** A built example catalogue: where it is and the base path it was built for. */
export interface BuiltSite {
  repository: string;
  outDir: string;
  base: string;
  repoUrl: string;
  build: BuildResult;
}

/**
 * Builds the example catalogue once: the examples with a git history (and the
 * injection-probe card) in a temp folder, served later under a GitHub Pages project base.
 */
export async function buildExampleSite(base = "/almanac/"): Promise<BuiltSite> {
  const work = await mkdtemp(join(tmpdir(), "almanac-site-"));
  const repository = join(work, "repo");
  await generateSiteFixtures(repository, { kind: "examples", from: PROJECT_ROOT, probe: true });
  const outDir = join(work, "site");
  const repoUrl = "https://github.com/example/almanac";
  const build = await runAstroBuild(repository, outDir, {
    BASE_PATH: base,
    SITE_REPO_URL: repoUrl,
    SITE_REPO_REF: "main",
  });
  if (build.code !== 0) throw new Error(`astro build failed (exit ${build.code}):\n${build.output}`);
  return { repository, outDir, base, repoUrl, build };
}
