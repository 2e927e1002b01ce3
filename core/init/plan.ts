/** A file (or a package.json entry) init would have to overwrite: it refuses instead. */
export interface Conflict {
  /** Repository-relative path, e.g. `.node-version` or `package.json scripts.test`. */
  path: string;
  /** What is there and what init would write. */
  reason: string;
}

/** One file init writes. */
export interface FileChange {
  path: string;
  content: string;
  /** `create`: the file is new; `merge`: init adds to a file that exists (package.json, .gitignore, editor settings). */
  action: "create" | "merge";
  /** For a merge: what was added. */
  detail?: string;
}

/** Everything init would do, decided before anything is written. */
export interface InitPlan {
  changes: FileChange[];
  conflicts: Conflict[];
  /** Files already as init would write them. */
  unchanged: string[];
  /** Files init leaves alone on purpose (e.g. an existing README.md). */
  kept: string[];
}

/** An empty plan to add to. */
export function emptyPlan(): InitPlan {
  return { changes: [], conflicts: [], unchanged: [], kept: [] };
}

/** The first line of `text`, shortened, for a conflict message. */
export function preview(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== "") ?? "";
  return JSON.stringify(line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH)}…` : line);
}

const PREVIEW_LENGTH = 60;

/**
 * A file init owns outright: created when absent, fine when identical, a conflict when it
 * exists with other content (init never overwrites).
 */
export function planOwnedFile(plan: InitPlan, path: string, wanted: string, existing: string | undefined): void {
  if (existing === undefined) plan.changes.push({ path, content: wanted, action: "create" });
  else if (existing === wanted) plan.unchanged.push(path);
  else
    plan.conflicts.push({
      path,
      reason: `exists with other content (${preview(existing)}); init would write ${preview(wanted)}`,
    });
}

/** A merge result: the new text when something was added, or a conflict. */
export type MergeOutcome = { content: string; detail: string } | { conflict: string } | "unchanged";

/** Records the outcome of merging into `path` (created when `existing` is undefined). */
export function planMergedFile(
  plan: InitPlan,
  path: string,
  existing: string | undefined,
  outcome: MergeOutcome,
): void {
  if (outcome === "unchanged") plan.unchanged.push(path);
  else if ("conflict" in outcome) plan.conflicts.push({ path, reason: outcome.conflict });
  else if (existing === undefined) plan.changes.push({ path, content: outcome.content, action: "create" });
  else plan.changes.push({ path, content: outcome.content, action: "merge", detail: outcome.detail });
}
