import picomatch from "picomatch";
import type { FileChange } from "../git/log.ts";

/** Paths whose change affects every model: the toolkit itself and its lockfile. */
export const TOOLKIT_PATTERNS = ["core/**", "bin/**", "package.json", "package-lock.json"] as const;

/** What affected-model detection needs to know about one card. */
export interface CardTargets {
  /** Model id (its folder). */
  id: string;
  /** Dataset id the card trains on, or null when unreadable. */
  dataset: string | null;
  /** `training.dependencies` globs from the repository root. */
  dependencies: readonly string[];
}

/** One model a change touches, and why. */
export interface AffectedModel {
  id: string;
  /** added: new at head; removed: gone at head; renamed: folder moved; changed: otherwise. */
  status: "added" | "changed" | "removed" | "renamed";
  /** The folder it had at the base, for renamed models. */
  renamedFrom?: string;
  /** Why, one line each: `models/churn/model.md changed`, `dataset penguins changed (…)`. */
  reasons: string[];
}

const MAX_FILES_PER_REASON = 3;

/**
 * The models a set of changed files touches: a file in the model's folder, in its
 * dataset's folder, matching one of its `training.dependencies` globs, or anywhere in the
 * toolkit (core/, bin/, package.json, package-lock.json: then every model). Models present
 * only at the base are `removed`. Reports (reports/) are outputs: they affect nothing for
 * training, but with `reports` a changed evaluation or drift report counts (for the diff). Pure.
 */
export function computeAffected(
  changes: readonly FileChange[],
  head: readonly CardTargets[],
  base: readonly CardTargets[],
  options: { reports?: boolean } = {},
): AffectedModel[] {
  const paths = changes.flatMap((change) => (change.status === "R" ? [change.oldPath, change.path] : [change.path]));
  const isToolkit = picomatch([...TOOLKIT_PATTERNS], { dot: true });
  const toolkit = paths.filter((path) => isToolkit(path));
  const headIds = new Set(head.map((card) => card.id));
  const baseIds = new Set(base.map((card) => card.id));
  const renamedFrom = folderRenames(changes);
  const affected: AffectedModel[] = [];
  for (const card of head) {
    const reasons = reasonsFor(card, paths, toolkit);
    if (options.reports) reasons.push(...reportReasons(card.id, paths));
    if (reasons.length === 0) continue;
    const from = renamedFrom.get(card.id);
    const status = baseIds.has(card.id) ? "changed" : from !== undefined && !headIds.has(from) ? "renamed" : "added";
    affected.push({ id: card.id, status, ...(status === "renamed" ? { renamedFrom: from } : {}), reasons });
  }
  const renamedAway = new Set(affected.flatMap((model) => (model.renamedFrom ? [model.renamedFrom] : [])));
  for (const card of base) {
    if (headIds.has(card.id) || renamedAway.has(card.id)) continue;
    affected.push({ id: card.id, status: "removed", reasons: [`models/${card.id}/ removed`] });
  }
  return affected.sort((a, b) => a.id.localeCompare(b.id));
}

function reasonsFor(card: CardTargets, paths: readonly string[], toolkit: readonly string[]): string[] {
  const reasons: string[] = [];
  const inFolder = paths.filter((path) => path.startsWith(`models/${card.id}/`));
  if (inFolder.length > 0) reasons.push(`${listFiles(inFolder)} changed`);
  if (card.dataset !== null) {
    const data = paths.filter((path) => path.startsWith(`datasets/${card.dataset}/`));
    if (data.length > 0) reasons.push(`dataset ${card.dataset} changed (${listFiles(data)})`);
  }
  if (card.dependencies.length > 0) {
    const isDependency = picomatch([...card.dependencies], { dot: true });
    const matches = paths.filter((path) => isDependency(path));
    if (matches.length > 0) reasons.push(`training dependency changed (${listFiles(matches)})`);
  }
  if (toolkit.length > 0) reasons.push(`toolkit changed (${listFiles(toolkit)}): every model is affected`);
  return reasons;
}

function reportReasons(id: string, paths: readonly string[]): string[] {
  const reports = paths.filter(
    (path) => path.startsWith(`reports/models/${id}/`) || path.startsWith(`reports/drift/${id}/`),
  );
  return reports.length > 0 ? [`reports changed (${listFiles(reports)})`] : [];
}

/** Model folder renames, new folder → old folder, from renamed card files. */
function folderRenames(changes: readonly FileChange[]): Map<string, string> {
  const renames = new Map<string, string>();
  const card = /^models\/([^/]+)\/model\.md$/;
  for (const change of changes) {
    if (change.status !== "R") continue;
    const from = card.exec(change.oldPath)?.[1];
    const to = card.exec(change.path)?.[1];
    if (from && to) renames.set(to, from);
  }
  return renames;
}

function listFiles(paths: readonly string[]): string {
  const shown = paths.slice(0, MAX_FILES_PER_REASON).join(", ");
  const more = paths.length - MAX_FILES_PER_REASON;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
