import { access, mkdir, mkdtemp, rename, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { usageError } from "../util/errors.ts";

/** Scratch space inside the repository (git-ignored), so the final rename never crosses devices. */
const STAGING_PARENT = ".almanac-tmp";

/** Whether a path exists. */
export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Throws a usage error (exit 2) when `relative` already exists under root: `almanac new` never overwrites. */
export async function refuseExisting(root: string, relative: string): Promise<void> {
  if (await exists(join(root, relative)))
    throw usageError(
      `${relative} already exists; almanac new never overwrites`,
      "choose another id, or remove the folder yourself if you mean to replace it",
    );
}

/**
 * Runs `work` with a fresh staging folder under `<root>/.almanac-tmp/`, laid out like a
 * repository, and removes it afterwards whatever happens.
 */
export async function withStaging<T>(root: string, work: (staging: string) => Promise<T>): Promise<T> {
  await mkdir(join(root, STAGING_PARENT), { recursive: true });
  const staging = await mkdtemp(join(root, STAGING_PARENT, "new-"));
  try {
    return await work(staging);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rmdir(join(root, STAGING_PARENT)).catch(() => {});
  }
}

/**
 * Moves a finished folder from staging into the repository with one rename, so the folder
 * appears whole or not at all; refuses when the target appeared meanwhile.
 */
export async function publishFolder(staging: string, root: string, relative: string): Promise<void> {
  await refuseExisting(root, relative);
  await mkdir(join(root, relative, ".."), { recursive: true });
  await rename(join(staging, relative), join(root, relative));
}
