import { existsSync } from "node:fs";
import { rename } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AstroIntegration } from "astro";
import { collectGarbage } from "../lib/collect-garbage.ts";

/** Astro's content layer singleton (not exported by the package: imported from its file). */
interface ContentLayerSingleton {
  get(): unknown;
  dispose(): void;
}

/** The module through which Astro's bundled pages read the collections' data store (resolved id). */
const RESOLVED_DATA_STORE_MODULE = "\0astro:data-layer-content";
/** The store's file in Astro's cache folder (its single-file storage, the default). */
const DATA_STORE_FILE = "data-store.json";

/**
 * Keeps the collections' data out of the bundler and out of memory it no longer needs, so a
 * catalogue of 10,000 models builds in a few GB:
 * - the pages read the data store (`data-store.json` in Astro's cache folder) from disk when
 *   they are prerendered, instead of receiving it inlined as one string literal of the bundle
 *   (Astro's way): bundling that literal took ~200 MB of native memory per 1,000 models, which
 *   the bundler did not give back to the system for the rest of the build;
 * - when the build starts, Astro's content layer, and with it the whole mutable copy of the
 *   store it synced (every card, report and event, parsed), is let go: Astro keeps it in a
 *   module-level singleton though a build never reads it again.
 */
export function releaseContentStore(): AstroIntegration {
  let store: { file: string; aside: string } | undefined;
  return {
    name: "almanac-release-content-store",
    hooks: {
      "astro:config:setup": ({ command, config, updateConfig }) => {
        if (command !== "build") return;
        const file = fileURLToPath(new URL(DATA_STORE_FILE, config.cacheDir));
        store = { file, aside: `${file}.building` };
        updateConfig({ vite: { plugins: [dataStoreFromDisk(store.aside)] } });
      },
      "astro:build:start": async ({ logger }) => {
        // Astro's bundler plugin inlines the file when it finds it; set aside, it finds none and
        // the plugin below gives the pages a module that reads it when they run instead.
        if (store && existsSync(store.file)) await rename(store.file, store.aside);
        const layer = await contentLayerSingleton();
        if (!layer) {
          logger.debug("Astro's content layer singleton was not found: its store stays in memory");
          return;
        }
        layer.dispose();
        // Then collect: V8 sized its heap for the sync's peak and would otherwise let the bundler's
        // and the pages' garbage pile up to that size on top of what it no longer needs.
        collectGarbage();
      },
      "astro:build:done": async () => {
        // Back in place for the next build, whose loaders skip the entries it already holds.
        if (store && existsSync(store.aside)) await rename(store.aside, store.file);
      },
    },
  };
}

/** Where Astro's own files are. */
function astroRoot(): string {
  return dirname(createRequire(import.meta.url).resolve("astro/package.json"));
}

/**
 * A Vite plugin that makes `astro:data-layer-content` (in a build) a module reading the data
 * store's file when the pages run: the Map Astro's runtime expects, unflattened once.
 */
function dataStoreFromDisk(file: string) {
  const devalue = pathToFileURL(createRequire(join(astroRoot(), "package.json")).resolve("devalue")).href;
  return {
    name: "almanac-data-store-from-disk",
    transform(_code: string, id: string) {
      if (id !== RESOLVED_DATA_STORE_MODULE) return undefined;
      // Collected before (the bundler's garbage) and after (the text and the flat array, as large
      // again as the Map): the Map alone stays, and the heap is sized for it, not for the three.
      const code = [
        'import { existsSync, readFileSync } from "node:fs";',
        'import { setFlagsFromString } from "node:v8";',
        'import { runInNewContext } from "node:vm";',
        `import { unflatten } from ${JSON.stringify(devalue)};`,
        `const file = ${JSON.stringify(file)};`,
        'const collect = () => { setFlagsFromString("--expose-gc"); runInNewContext("gc")(); };',
        "function load() {",
        "  if (!existsSync(file)) return new Map();",
        "  collect();",
        '  const map = unflatten(JSON.parse(readFileSync(file, "utf8")));',
        "  collect();",
        "  return map;",
        "}",
        "export default load();",
      ].join("\n");
      return { code, map: { mappings: "" } };
    },
  };
}

/** The `globalContentLayer` of the Astro this build runs, or undefined when its file has moved. */
async function contentLayerSingleton(): Promise<ContentLayerSingleton | undefined> {
  try {
    const module = (await import(pathToFileURL(join(astroRoot(), "dist", "content", "instance.js")).href)) as {
      globalContentLayer?: ContentLayerSingleton;
    };
    const layer = module.globalContentLayer;
    return layer && typeof layer.dispose === "function" && typeof layer.get === "function" ? layer : undefined;
  } catch {
    return undefined;
  }
}
