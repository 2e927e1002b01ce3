import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { close, createIndex } from "pagefind";

/** Only model and dataset pages carry searchable text; the rest need not even be parsed. */
const INDEXED_PAGES = "{models,datasets}/**/*.html";

/**
 * Tables are numbers and short codes ("no", "yes", "1.0.0"): indexed, every page matched
 * every short word. Search finds names, descriptions and card prose instead.
 */
const EXCLUDED = ["table", "svg"];

/**
 * Writes the Pagefind full-text index of the built site into `<outDir>/pagefind/` when
 * the build is done (only pages marked `data-pagefind-body`, i.e. models and datasets).
 * The search page loads it on demand; nothing else on the site needs JavaScript.
 */
export function pagefindIndex(): AstroIntegration {
  return {
    name: "almanac-pagefind",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const started = performance.now();
        const { index, errors } = await createIndex({ excludeSelectors: EXCLUDED });
        if (!index) throw new Error(`pagefind could not start: ${errors.join("; ")}`);
        try {
          const added = await index.addDirectory({ path: outDir, glob: INDEXED_PAGES });
          if (added.errors.length > 0) throw new Error(`pagefind could not index the site: ${added.errors.join("; ")}`);
          const written = await index.writeFiles({ outputPath: `${outDir}/pagefind` });
          if (written.errors.length > 0)
            throw new Error(`pagefind could not write its index: ${written.errors.join("; ")}`);
          logger.info(`indexed ${added.page_count} pages for search in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await close();
        }
      },
    },
  };
}
