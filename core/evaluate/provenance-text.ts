import type { Evaluation } from "../schemas/evaluation.ts";

/** Characters of a commit shown to people. */
const SHORT_SHA = 7;

/**
 * Where an evaluation's code came from, in words: `commit abc1234`, `uncommitted changes on
 * top of abc1234`, or `not committed` (made before the repository's first commit, or outside
 * git). Used by the CLI, the pull-request report and the catalogue alike. Pure.
 */
export function describeCodeState(provenance: Pick<Evaluation["provenance"], "commit" | "dirty">): string {
  if (provenance.commit === null) return "not committed";
  const short = provenance.commit.slice(0, SHORT_SHA);
  return provenance.dirty ? `uncommitted changes on top of ${short}` : `commit ${short}`;
}

/** Whether the evaluation was made on exactly a commit (no changes on top, not before one). Pure. */
export function isCommittedCode(provenance: Pick<Evaluation["provenance"], "commit" | "dirty">): boolean {
  return provenance.commit !== null && !provenance.dirty;
}

/**
 * The warning for an evaluation whose numbers may not come from committed code, naming a few
 * of the changed files; undefined for a clean commit. Pure.
 */
export function uncommittedWarning(
  provenance: Evaluation["provenance"],
  subject = "this evaluation",
  shown = 3,
): string | undefined {
  if (isCommittedCode(provenance)) return undefined;
  const files = provenance.uncommitted ?? [];
  const more = files.length > shown ? `, …` : "";
  const list = files.length > 0 ? ` (${files.slice(0, shown).join(", ")}${more})` : "";
  const state = provenance.commit === null ? "on code that is not committed" : `with ${describeCodeState(provenance)}`;
  return `${subject} was made ${state}${list}: its numbers may not come from committed code; commit, then train or evaluate again`;
}
