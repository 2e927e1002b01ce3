import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Database } from "../data/duckdb.ts";
import { VERSION } from "../version.ts";

const run = promisify(execFile);

/**
 * The repository's commit and whether its working tree has uncommitted changes, untracked files
 * included, outside reports/ (Almanac's own output does not make a run dirty); null/false outside
 * git.
 */
export async function gitState(root: string): Promise<{ commit: string | null; dirty: boolean }> {
  try {
    const [{ stdout: head }, { stdout: status }] = await Promise.all([
      run("git", ["rev-parse", "HEAD"], { cwd: root }),
      run("git", ["status", "--porcelain", "--", ".", ":(exclude)reports"], { cwd: root, maxBuffer: 64 * 1024 * 1024 }),
    ]);
    return { commit: head.trim(), dirty: status.trim() !== "" };
  } catch {
    return { commit: null, dirty: false };
  }
}

/** Almanac's own version, from its package.json. */
export async function toolVersion(): Promise<string> {
  return VERSION;
}

/** Versions of what computed the numbers: Node, DuckDB, platform. */
export async function runtimeVersions(db: Database): Promise<Record<string, string>> {
  const duckdb = String((await db.all("SELECT version() AS v"))[0]?.v ?? "unknown");
  return { node: process.versions.node, duckdb, platform: `${process.platform}-${process.arch}` };
}
