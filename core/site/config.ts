import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import type { AstroInlineConfig } from "astro";
import { pagefindIndex } from "../../site/integrations/pagefind.ts";
import { releaseContentStore } from "../../site/integrations/release-content-store.ts";
import { COMPILED, PACKAGE_ROOT } from "../util/package-root.ts";

/**
 * The chart worker's script. Node strips types of the sources in a checkout, never under
 * node_modules, so an installed package starts the compiled copy `npm run build:cli` writes.
 */
export function chartWorkerScript(): string {
  const compiled = join(PACKAGE_ROOT, "dist", "cli", "render-worker.js");
  return COMPILED && existsSync(compiled) ? compiled : join(PACKAGE_ROOT, "core", "charts", "render-worker.ts");
}

/** Astro's log without its empty-collection warning (core/site/logger.ts), compiled when installed. */
export function logDestinationScript(): string {
  const compiled = join(PACKAGE_ROOT, "dist", "cli", "site-logger.js");
  return COMPILED && existsSync(compiled) ? compiled : join(PACKAGE_ROOT, "core", "site", "logger.ts");
}

/** What a catalogue build needs to know; everything else is the site's own. */
export interface CatalogueOptions {
  /** The registry repository the catalogue shows (its models/, datasets/, reports/ and git history). */
  repository: string;
  /** Where the static site is written. */
  outDir: string;
  /** Base path, e.g. `/models/` for a GitHub Pages project site (default `/`). */
  base?: string;
  /** The site's origin, for the sitemap and the feed. */
  site?: string;
  /**
   * Astro's working folder (its project root, content cache, Vite cache), outside the package
   * so an installed, possibly read-only node_modules/almanac is never written to.
   */
  workDir?: string;
}

/** The default site origin when SITE_URL is not set. */
export const DEFAULT_SITE_URL = "https://example.github.io";

/**
 * The default working folder of a repository's catalogue builds: one per repository under the
 * `.cache/` of the node_modules that holds Astro (the team's own, when Almanac is installed),
 * so Vite resolves Astro's modules from it, caches survive between builds, and nothing is
 * written into the package itself.
 */
export function defaultWorkDir(repository: string): string {
  const astro = createRequire(join(PACKAGE_ROOT, "package.json")).resolve("astro/package.json");
  const nodeModules = dirname(dirname(astro));
  const key = createHash("sha256").update(resolve(repository)).digest("hex").slice(0, WORK_DIR_KEY_LENGTH);
  return join(nodeModules, ".cache", "almanac-site", key);
}

/** Hex digits of the repository path's hash that name its working folder. */
const WORK_DIR_KEY_LENGTH = 12;

/**
 * Settings every catalogue build shares, whether Astro reads them from astro.config.mjs (this
 * checkout) or `almanac site` passes them inline (any repository, Almanac installed or not).
 */
export function sharedSettings(): AstroInlineConfig {
  // Charts render on worker threads while pages render on the main one; the bundled page code
  // cannot locate the worker script itself, so its path travels in the environment.
  process.env.ALMANAC_CHART_WORKER ??= chartWorkerScript();
  return {
    trailingSlash: "always",
    integrations: [mdx(), sitemap(), pagefindIndex(), releaseContentStore()],
    // Several pages in flight at once, so their charts keep the worker threads busy.
    build: { inlineStylesheets: "never", concurrency: 4 },
    devToolbar: { enabled: false },
    logger: { entrypoint: logDestinationScript() },
  };
}

/**
 * The whole Astro configuration of one repository's catalogue: pages from the package's site/,
 * data from `repository` (the loaders read `ALMANAC_ROOT`, set here for this process), output
 * to `outDir`, caches under `workDir`. No config file is read.
 */
export function catalogueConfig(options: CatalogueOptions): AstroInlineConfig {
  const repository = resolve(options.repository);
  const workDir = resolve(options.workDir ?? defaultWorkDir(repository));
  process.env.ALMANAC_ROOT = repository;
  return {
    ...sharedSettings(),
    configFile: false,
    root: workDir,
    srcDir: join(PACKAGE_ROOT, "site"),
    publicDir: join(PACKAGE_ROOT, "site", "public"),
    outDir: resolve(options.outDir),
    cacheDir: join(workDir, "cache"),
    site: options.site ?? DEFAULT_SITE_URL,
    base: options.base ?? "/",
    vite: {
      cacheDir: join(workDir, "vite"),
      // Pages and their modules live in the package; the dev server may serve them from there.
      server: { fs: { allow: [PACKAGE_ROOT, repository] } },
    },
  };
}
