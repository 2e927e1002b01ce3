import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { gitText, runGit } from "./process.ts";
import { hasHead, isShallowRepository } from "./refs.ts";

/**
 * Repositories with at least this many commits on HEAD get git's commit graph written once
 * before a one-model history: below it, walking the trees is already fast.
 */
export const COMMIT_GRAPH_MIN_COMMITS = 5_000;

/**
 * Writes git's commit graph with changed-path Bloom filters (`git commit-graph write --reachable
 * --changed-paths`) when the repository has none and is large, the way `git maintenance` keeps
 * it. A one-model history runs path-limited logs; without the filters git diffs the large
 * `models/` and `reports/` trees of every commit (about 0.6 s per path at 20,000 commits), with
 * them it skips the commits that cannot touch the path. It is a cache git itself reads and
 * updates; writing it never changes history. Returns true when it wrote one. A shallow clone,
 * an empty repository or a read-only `.git` is left alone.
 */
export async function ensureCommitGraph(root: string, minCommits = COMMIT_GRAPH_MIN_COMMITS): Promise<boolean> {
  const info = resolve(root, await gitText(root, ["rev-parse", "--git-path", "objects/info"]));
  if (existsSync(resolve(info, "commit-graph")) || existsSync(resolve(info, "commit-graphs"))) return false;
  if (!(await hasHead(root)) || (await isShallowRepository(root))) return false;
  const commits = Number(await gitText(root, ["rev-list", "--count", "HEAD"]));
  if (!(commits >= minCommits)) return false;
  const result = await runGit(root, ["commit-graph", "write", "--reachable", "--changed-paths"], {
    okCodes: [0, 1, 128],
  });
  return result.code === 0;
}
