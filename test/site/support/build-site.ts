import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateSiteFixtures } from "../../../scripts/generate-site-fixtures.ts";

/** The project root (where astro.config.mjs is). */
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

/** What `astro build` printed and how it ended. */
export interface BuildResult {
  code: number;
  output: string;
  milliseconds: number;
}

/**
 * Runs `astro build` of the catalogue for the repository at `repository` into `outDir`,
 * with its own cache folder so parallel builds never share state.
 */
export function runAstroBuild(
  repository: string,
  outDir: string,
  env: Record<string, string> = {},
): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "node_modules/astro/bin/astro.mjs"), "build"], {
      cwd: PROJECT_ROOT,
      env: {
        ...cleanEnvironment(),
        ASTRO_TELEMETRY_DISABLED: "1",
        NO_COLOR: "1",
        ALMANAC_ROOT: repository,
        ALMANAC_SITE_OUT: outDir,
        ALMANAC_SITE_CACHE: `${outDir}-cache`,
        ...env,
      },
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
