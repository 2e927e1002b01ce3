import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** Sub-folders of `dir` that hold an index.html (one page each), 0 when `dir` is missing. */
async function pageFolders(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let count = 0;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const inner = await readdir(join(dir, entry.name)).catch((): string[] => []);
    if (inner.includes("index.html")) count += 1;
  }
  return count;
}

/** Every .html file under `dir`. */
async function htmlFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true }).catch((): string[] => []);
  return entries.filter((entry) => entry.endsWith(".html")).length;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * What a built catalogue holds, read from its pages: e.g.
 * "4 model pages, 4 dataset pages, 30 pages in all".
 */
export async function summarizeCatalogue(outDir: string): Promise<string> {
  const [models, datasets, pages] = await Promise.all([
    pageFolders(join(outDir, "models")),
    pageFolders(join(outDir, "datasets")),
    htmlFiles(outDir),
  ]);
  return `${plural(models, "model page")}, ${plural(datasets, "dataset page")}, ${plural(pages, "page")} in all`;
}
