import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The local artifact cache inside a repository; it ignores itself in git (a `*` .gitignore). */
export const CACHE_FOLDER = ".almanac/cache";

/**
 * Where the packed artifact with this digest lives in the repository's local cache:
 * `.almanac/cache/artifacts/sha256/<hex>`. Content-addressed, so two models or two runs with
 * the same files share one file, and a file there is trusted only after its digest is checked.
 */
export function cachedArtifactPath(root: string, sha256: string): string {
  return join(root, CACHE_FOLDER, "artifacts", "sha256", sha256);
}

/** Creates the cache folder with a .gitignore of `*`, so no adopter has to edit theirs. */
export async function ensureCache(root: string): Promise<string> {
  const folder = join(root, CACHE_FOLDER);
  await mkdir(join(folder, "artifacts", "sha256"), { recursive: true });
  const ignore = join(root, ".almanac", ".gitignore");
  if (!existsSync(ignore))
    await writeFile(ignore, "# Almanac's local cache (packed artifacts by digest): never committed\n*\n");
  return folder;
}
