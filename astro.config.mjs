// @ts-check

import { fileURLToPath } from "node:url";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import { defineConfig } from "astro/config";
import { pagefindIndex } from "./site/integrations/pagefind.ts";

/**
 * The catalogue: srcDir is site/, built into dist-site/. Environment:
 * - BASE_PATH: base path, e.g. /almanac/ for a GitHub Pages project site;
 * - SITE_URL: the site's origin, for the sitemap and feed;
 * - ALMANAC_ROOT: build the catalogue of another repository (tests, benchmarks);
 * - ALMANAC_SITE_OUT / ALMANAC_SITE_CACHE: output and cache folders (tests build in temp folders);
 * - SITE_REPO_URL (or GITHUB_REPOSITORY) and SITE_REPO_REF: links to source files, commits and pull requests;
 * - ALMANAC_CHART_WORKERS: threads that render charts (default: one per core; 0 renders on the main thread).
 */

// Charts render on worker threads while pages render on the main one; the bundled page code
// cannot locate the worker script itself, so its path travels in the environment.
process.env.ALMANAC_CHART_WORKER ??= fileURLToPath(new URL("./core/charts/render-worker.ts", import.meta.url));
export default defineConfig({
  srcDir: "site",
  outDir: process.env.ALMANAC_SITE_OUT ?? "dist-site",
  cacheDir: process.env.ALMANAC_SITE_CACHE ?? "node_modules/.astro",
  site: process.env.SITE_URL ?? "https://example.github.io",
  base: process.env.BASE_PATH ?? "/",
  trailingSlash: "always",
  integrations: [mdx(), sitemap(), pagefindIndex()],
  // Several pages in flight at once, so their charts keep the worker threads busy.
  build: { inlineStylesheets: "never", concurrency: 4 },
  devToolbar: { enabled: false },
});
