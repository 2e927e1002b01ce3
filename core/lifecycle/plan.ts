import type { Commit, FileChange } from "../git/log.ts";
import { classifyPath } from "./paths.ts";

/** A lifecycle file change attributed to a model by its CURRENT id, with the blobs to read. */
export interface PlannedChange {
  /** Index of the commit in the list given to {@link planHistory}. */
  commit: number;
  kind: "card" | "evaluation" | "drift";
  model: string;
  path: string;
  oldBlob: string | undefined;
  newBlob: string | undefined;
  /** For a renamed card: the folder before and after. */
  renamedFrom?: string;
  renamedTo?: string;
}

/** Which models to keep: one (`model`) or a set (`models`); all when neither. */
export interface PlanFilter {
  model?: string;
  models?: ReadonlySet<string>;
}

/**
 * Attributes every lifecycle change in `commits` (newest first, as `readLog` returns them)
 * to a model's current id, following renamed model folders backwards in time: once a
 * commit renames models/a to models/b, older changes to models/a belong to b's current id.
 * Keeps only the filtered models' changes. Pure; reads no blobs.
 */
export function planHistory(commits: readonly Commit[], filter: PlanFilter = {}): PlannedChange[] {
  const planner = createPlanner(filter);
  return commits.flatMap((commit, index) => planner.add(commit, index));
}

/**
 * The incremental form of {@link planHistory}: feed commits newest first (e.g. as `git log`
 * prints them) and get each one's planned changes at once. The planner keeps the rename
 * aliases seen so far.
 */
export function createPlanner(filter: PlanFilter = {}): { add(commit: Commit, index: number): PlannedChange[] } {
  const alias = new Map<string, string>();
  const current = (folder: string) => alias.get(folder) ?? folder;
  const keep = (model: string) =>
    (filter.model === undefined || model === filter.model) && (filter.models === undefined || filter.models.has(model));
  return {
    add(commit, index) {
      const renames = new Map<string, string>();
      for (const change of commit.changes) {
        if (change.status !== "R") continue;
        const from = classifyPath(change.oldPath);
        const to = classifyPath(change.path);
        if (from?.kind === "card" && to?.kind === "card") renames.set(from.folder, to.folder);
      }
      const idOf = (folder: string) => current(renames.get(folder) ?? folder);
      const planned: PlannedChange[] = [];
      for (const change of splitForeignRenames(commit.changes)) {
        const target = classifyPath(change.path);
        if (!target || target.kind === "predictions") continue;
        const model = idOf(target.folder);
        if (!keep(model)) continue;
        const renamed = change.status === "R" && target.kind === "card";
        planned.push({
          commit: index,
          kind: target.kind,
          model,
          path: change.path,
          oldBlob: change.oldBlob,
          newBlob: change.newBlob,
          ...(renamed ? { renamedFrom: classifyPath(change.oldPath)?.folder, renamedTo: target.folder } : {}),
        });
      }
      for (const [from, to] of renames) {
        alias.set(from, current(to));
        if (!renames.has(to)) alias.delete(to);
      }
      return planned;
    },
  };
}

/**
 * A rename between two different kinds of file (a card moved out of models/, a template
 * moved in) is a deletion plus an addition for the lifecycle.
 */
function splitForeignRenames(changes: readonly FileChange[]): FileChange[] {
  const result: FileChange[] = [];
  for (const change of changes) {
    if (change.status !== "R" || classifyPath(change.oldPath)?.kind === classifyPath(change.path)?.kind) {
      result.push(change);
      continue;
    }
    result.push({ ...change, status: "D", path: change.oldPath, newBlob: undefined });
    result.push({ ...change, status: "A", oldPath: change.path, oldBlob: undefined });
  }
  return result;
}
