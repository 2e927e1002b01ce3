import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Database } from "../data/duckdb.ts";
import { MAX_UNCOMMITTED_FILES } from "../schemas/evaluation.ts";
import { VERSION } from "../version.ts";

const run = promisify(execFile);

/** Where an evaluation's code came from: the commit, and the changes on top of it. */
export interface GitState {
  commit: string | null;
  dirty: boolean;
  /** The first changed files (from the repository root), when dirty. */
  uncommitted?: string[];
}

/**
 * The repository's commit and whether its working tree has uncommitted changes, untracked files
 * included, outside reports/ (Almanac's own output does not make a run dirty). Before the first
 * commit the commit is null and every file is uncommitted; outside git, null and clean.
 */
export async function gitState(root: string): Promise<GitState> {
  const inside = await run("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root }).catch(() => undefined);
  if (inside?.stdout.trim() !== "true") return { commit: null, dirty: false };
  const [head, status] = await Promise.all([
    run("git", ["rev-parse", "--verify", "--quiet", "HEAD"], { cwd: root }).catch(() => ({ stdout: "" })),
    run("git", ["status", "--porcelain", "-z", "--untracked-files=all", "--", ".", ":(exclude)reports"], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    }),
  ]);
  const files = porcelainPaths(status.stdout);
  return {
    commit: head.stdout.trim() || null,
    dirty: files.length > 0,
    ...(files.length > 0 ? { uncommitted: files.slice(0, MAX_UNCOMMITTED_FILES) } : {}),
  };
}

/** The paths of `git status --porcelain -z` (a rename's source entry skipped). Pure. */
export function porcelainPaths(output: string): string[] {
  const entries = output.split("\0").filter((entry) => entry !== "");
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as string;
    paths.push(entry.slice(3));
    if (entry[0] === "R" || entry[0] === "C") i++;
  }
  return paths;
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
