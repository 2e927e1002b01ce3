import { type FileChange, parseRawEntries } from "./log.ts";
import { runGit } from "./process.ts";

/**
 * Lists the blobs under `paths` at a commit, path → blob id, in ONE `git ls-tree` process.
 * Submodules and symlinks are listed too (their ids are not blobs Almanac reads).
 */
export async function listTree(root: string, commit: string, paths: readonly string[]): Promise<Map<string, string>> {
  const { stdout } = await runGit(root, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", ...paths]);
  return parseTree(stdout.toString("utf8"));
}

/** Parses `git ls-tree -r -z` output (`mode type sha\tpath\0`). Pure. */
export function parseTree(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const entry of text.split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab === -1) continue;
    const [, type, sha = ""] = entry.slice(0, tab).split(" ");
    if (type === "blob") entries.set(entry.slice(tab + 1), sha);
  }
  return entries;
}

/**
 * Files that differ between two commits, with renames (-M), in ONE `git diff` process.
 * Pass the merge base as `base` to get what a pull request changes.
 */
export async function changedFiles(root: string, base: string, head: string): Promise<FileChange[]> {
  const { stdout } = await runGit(root, ["diff", "--raw", "-z", "--no-abbrev", "-M", base, head, "--"]);
  return parseRawEntries(stdout.toString("utf8"));
}
