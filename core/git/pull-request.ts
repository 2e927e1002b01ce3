import type { Commit } from "./log.ts";

const MERGE_SUBJECT = /^Merge pull request #(\d+) from /;
const SQUASH_SUFFIX = /\(#(\d+)\)\s*$/;

/**
 * The pull request number a commit subject names: GitHub's merge commits
 * ("Merge pull request #45 from owner/branch") and squash or rebase merges
 * ("Add churn model (#123)"); null when it names none.
 */
export function pullRequestFromSubject(subject: string): number | null {
  const match = MERGE_SUBJECT.exec(subject) ?? SQUASH_SUFFIX.exec(subject);
  if (!match?.[1]) return null;
  const number = Number.parseInt(match[1], 10);
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

/**
 * The pull request of every commit: its own subject's number when it has one, otherwise the
 * number of the mainline merge commit that brought it in. `commits` is newest first with the
 * tip first (as `readLog` returns it). Each commit is visited at most once: mainline merges
 * are processed oldest first, and the walk from a merge's side parents stops at commits an
 * earlier merge or the mainline already owns. O(commits).
 */
export function assignPullRequests(commits: readonly Commit[]): Map<string, number | null> {
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const result = new Map<string, number | null>();
  for (const commit of commits) result.set(commit.sha, pullRequestFromSubject(commit.subject));
  const mainline = firstParentChain(commits[0], bySha);
  const owned = new Set(mainline.map((commit) => commit.sha));
  for (const merge of mainline.reverse()) {
    if (merge.parents.length < 2) continue;
    const number = result.get(merge.sha) ?? null;
    const stack = merge.parents.slice(1);
    while (stack.length > 0) {
      const sha = stack.pop() as string;
      if (owned.has(sha)) continue;
      owned.add(sha);
      const commit = bySha.get(sha);
      if (!commit) continue;
      if (result.get(sha) === null) result.set(sha, number);
      stack.push(...commit.parents);
    }
  }
  return result;
}

function firstParentChain(tip: Commit | undefined, bySha: Map<string, Commit>): Commit[] {
  const chain: Commit[] = [];
  let current = tip;
  while (current) {
    chain.push(current);
    const parent = current.parents[0];
    current = parent === undefined ? undefined : bySha.get(parent);
  }
  return chain;
}
