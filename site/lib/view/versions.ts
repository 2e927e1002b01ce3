import type { HistoryEvent } from "../../../core/schemas/history.ts";

/** One model version as the version table lists it (MLflow's registry lists the same). */
export interface VersionRow {
  version: string;
  /** When the version appeared (its card's version changed, or the model was created). */
  date: string;
  author: string;
  pr: number | null;
  commit: string;
  /** Stage changes while this was the card's version, oldest first: "staging → production". */
  stages: { from: string | null; to: string | null; date: string }[];
  /** The packed model of this version's latest evaluation, when one was published: digest, size, pull command. */
  artifact: { sha256: string; size: number; pull: string } | undefined;
}

/**
 * The versions of a model, newest first, from its lifecycle events (given newest first):
 * each `created` or `version_changed` starts a row; stage changes and archiving go to the
 * version current at the time. Events before the first version (none, normally) are ignored.
 */
export function buildVersionRows(eventsNewestFirst: readonly HistoryEvent[]): VersionRow[] {
  const rows: VersionRow[] = [];
  for (const event of [...eventsNewestFirst].reverse()) {
    const started = event.type === "created" || event.type === "version_changed";
    const version = started ? (event.to ?? event.version) : undefined;
    if (started && version) {
      rows.push({
        version,
        date: event.date,
        author: event.author,
        pr: event.pr,
        commit: event.commit,
        stages: [],
        artifact: undefined,
      });
      continue;
    }
    if (event.type === "evaluation_changed" && event.artifact) {
      const row = rows.findLast((candidate) => candidate.version === (event.version ?? event.to));
      if (row) row.artifact = { sha256: event.artifact.sha256, size: event.artifact.size, pull: event.artifact.pull };
    }
    if ((event.type === "stage_changed" || event.type === "archived") && rows.length > 0)
      rows.at(-1)?.stages.push({ from: event.from ?? null, to: event.to ?? null, date: event.date });
  }
  return rows.reverse();
}
