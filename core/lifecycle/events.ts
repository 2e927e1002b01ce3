import { pullCommand } from "../artifacts/format.ts";
import type { HistoryEvent, HistoryEventType } from "../schemas/history.ts";
import type { CardSnapshot, DriftSnapshot, EvaluationSnapshot } from "./snapshots.ts";

/** The commit an event comes from. */
export interface CommitInfo {
  sha: string;
  date: string;
  author: string;
  subject: string;
  pr: number | null;
}

/** What one commit did to one lifecycle file, with the snapshots before and after. */
export type LifecycleChange =
  | CardChange
  | { kind: "evaluation"; model: string; path: string; before?: EvaluationSnapshot; after?: EvaluationSnapshot }
  | { kind: "drift"; model: string; path: string; before?: DriftSnapshot; after?: DriftSnapshot };

/** A change to a model card; `renamedFrom` is the folder it had before, for renames. */
export interface CardChange {
  kind: "card";
  model: string;
  path: string;
  renamedFrom?: string;
  renamedTo?: string;
  before?: CardSnapshot;
  after?: CardSnapshot;
}

/** The lifecycle events one change produces, in a fixed order. Pure. */
export function eventsForChange(commit: CommitInfo, change: LifecycleChange): HistoryEvent[] {
  const base = {
    model: change.model,
    commit: commit.sha,
    date: commit.date,
    author: commit.author,
    pr: commit.pr,
    subject: commit.subject,
    path: change.path,
  };
  const make = (type: HistoryEventType, fields: Partial<HistoryEvent> = {}): HistoryEvent => ({
    ...base,
    type,
    ...fields,
  });
  if (change.kind === "evaluation") return evaluationEvents(change, make);
  if (change.kind === "drift") return driftEvents(change, make);
  return cardEvents(change, make);
}

type Make = (type: HistoryEventType, fields?: Partial<HistoryEvent>) => HistoryEvent;

function evaluationEvents(change: Extract<LifecycleChange, { kind: "evaluation" }>, make: Make): HistoryEvent[] {
  const { before, after } = change;
  if (!after) return [];
  if (before && sameMetrics(before, after)) return [];
  return [
    make("evaluation_changed", {
      from: before?.version ?? null,
      to: after.version,
      version: after.version,
      ...(after.readable ? { metrics: after.metrics } : {}),
      ...(after.artifact && after.version
        ? { artifact: { ...after.artifact, store: null, pull: pullCommand(change.model, after.version) } }
        : {}),
    }),
  ];
}

function sameMetrics(a: EvaluationSnapshot, b: EvaluationSnapshot): boolean {
  return (
    a.readable === b.readable &&
    a.version === b.version &&
    a.artifact?.sha256 === b.artifact?.sha256 &&
    JSON.stringify(a.metrics) === JSON.stringify(b.metrics)
  );
}

const verdictOf = (snapshot: DriftSnapshot): string | null =>
  snapshot.drifted === null ? null : snapshot.drifted ? "drift" : "no drift";

/**
 * A new report is `drift_report_added`; a report rewritten with another verdict or another
 * count of drifted columns (e.g. after the card's monitoring tests changed) is
 * `drift_report_rejudged`, from the old verdict to the new, so a timeline built from the
 * events always ends where the committed report stands.
 */
function driftEvents(change: Extract<LifecycleChange, { kind: "drift" }>, make: Make): HistoryEvent[] {
  const { before, after } = change;
  if (!after) return [];
  const metrics: Record<string, number> = {};
  if (after.driftShare !== null) metrics.drift_share = after.driftShare;
  if (after.driftedColumns !== null) metrics.drifted_columns = after.driftedColumns;
  if (!before) return [make("drift_report_added", { to: verdictOf(after), metrics })];
  if (before.drifted === after.drifted && before.driftedColumns === after.driftedColumns) return [];
  const retested = retestedColumns(before.tests, after.tests);
  return [
    make("drift_report_rejudged", {
      from: verdictOf(before),
      to: verdictOf(after),
      metrics,
      ...(retested.length > 0 ? { retested } : {}),
    }),
  ];
}

/**
 * The columns whose test or threshold differs between two reports of one date, e.g.
 * `temp_max: ks 0.05 → wasserstein_norm 0.1` (a column only on one side: `→ none`, `none →`). Pure.
 */
export function retestedColumns(before: Record<string, string>, after: Record<string, string>): string[] {
  const columns = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return columns
    .filter((column) => before[column] !== after[column])
    .map((column) => `${column}: ${before[column] ?? "none"} → ${after[column] ?? "none"}`);
}

function cardEvents(change: CardChange, make: Make): HistoryEvent[] {
  const { before, after } = change;
  const events: HistoryEvent[] = [];
  if (change.renamedFrom !== undefined) {
    events.push(
      make("renamed", { from: change.renamedFrom, to: change.renamedTo ?? null, version: after?.version ?? null }),
    );
  }
  if (!before && after) {
    events.push(make("created", { from: null, to: after.version, version: after.version }));
    if (after.stage === "archived")
      events.push(make("archived", { from: null, to: "archived", version: after.version }));
    return events;
  }
  if (before && !after) return [make("removed", { from: before.version, to: null, version: before.version })];
  if (before && after) events.push(...cardDiffEvents(before, after, make));
  return events;
}

function cardDiffEvents(before: CardSnapshot, after: CardSnapshot, make: Make): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const version = after.version;
  if (before.version !== after.version) {
    events.push(make("version_changed", { from: before.version, to: after.version, version }));
  }
  if (before.stage !== after.stage) {
    const type = after.stage === "archived" ? "archived" : "stage_changed";
    events.push(make(type, { from: before.stage, to: after.stage, version }));
  }
  const owners = (snapshot: CardSnapshot) => snapshot.owners.join(", ");
  if (owners(before) !== owners(after)) {
    events.push(make("owners_changed", { from: owners(before) || null, to: owners(after) || null, version }));
  }
  if (before.dataset !== after.dataset) {
    events.push(make("dataset_changed", { from: before.dataset, to: after.dataset, version }));
  }
  if (before.rest !== after.rest || before.body !== after.body || before.readable !== after.readable) {
    events.push(make("card_edited", { version }));
  }
  return events;
}
