// @ts-check
import { defineConfig } from "astro/config";

/** The catalogue: srcDir is site/, built into dist-site/. BASE_PATH serves it as a GitHub Pages project site. */
export default defineConfig({
  srcDir: "site",
  outDir: "dist-site",
  site: process.env.SITE_URL ?? "https://example.github.io",
  base: process.env.BASE_PATH ?? "/",
  trailingSlash: "always",
});
