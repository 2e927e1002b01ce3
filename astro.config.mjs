// @ts-check

import { defineConfig } from "astro/config";
import { DEFAULT_SITE_URL, sharedSettings } from "./core/site/config.ts";

/**
 * The catalogue when Astro is run directly in this checkout (`npx astro build|dev`). Users run
 * `almanac site build|dev|preview` instead, which passes the same settings inline for any
 * repository (core/site/config.ts) and reads no config file. Environment:
 * - BASE_PATH: base path, e.g. /almanac/ for a GitHub Pages project site;
 * - SITE_URL: the site's origin, for the sitemap and feed;
 * - ALMANAC_ROOT: build the catalogue of another repository (tests, benchmarks);
 * - ALMANAC_SITE_OUT / ALMANAC_SITE_CACHE: output and cache folders (tests build in temp folders);
 * - SITE_REPO_URL (or GITHUB_REPOSITORY) and SITE_REPO_REF: links to source files, commits and pull requests;
 * - ALMANAC_CHART_WORKERS: threads that render charts (default: one per core; 0 renders on the main thread).
 */
export default defineConfig({
  ...sharedSettings(),
  srcDir: "site",
  outDir: process.env.ALMANAC_SITE_OUT ?? "dist-site",
  cacheDir: process.env.ALMANAC_SITE_CACHE ?? "node_modules/.astro",
  site: process.env.SITE_URL ?? DEFAULT_SITE_URL,
  base: process.env.BASE_PATH ?? "/",
});
