import { type CommitInfo, eventsForChange, type LifecycleChange } from "../lifecycle/events.ts";
import { LIFECYCLE_PATHSPECS } from "../lifecycle/paths.ts";
import { type PlannedChange, planHistory } from "../lifecycle/plan.ts";
import { snapshotCard, snapshotDrift, snapshotEvaluation } from "../lifecycle/snapshots.ts";
import type { HistoryEvent } from "../schemas/history.ts";
import { type Commit, readLog } from "./log.ts";
import { openObjectReader } from "./object-reader.ts";
import { assignPullRequests } from "./pull-request.ts";
import { assertFullHistory, hasHead } from "./refs.ts";

/** Options of {@link readHistory}. */
export interface ReadHistoryOptions {
  /** Only this model's events (its current id; older ids of a renamed folder are followed). */
  model?: string;
  /** Only these models' events (current ids), e.g. the models a pull request touches. */
  models?: readonly string[];
  /** Revision to read from; default HEAD. */
  revision?: string;
}

/**
 * The lifecycle events of every model (or one), NEWEST FIRST (git log order: a commit's
 * events come before its parents'; within a commit, in a fixed order per file). Reads the
 * repository in three git processes whatever its size: `rev-parse` (shallow check), ONE
 * `git log` pass and ONE `git cat-file --batch` for all blobs. Throws for a shallow clone
 * (the hint says `fetch-depth: 0`); returns [] for a repository without commits.
 */
export async function readHistory(root: string, options: ReadHistoryOptions = {}): Promise<HistoryEvent[]> {
  await assertFullHistory(root, "almanac history");
  if (options.revision === undefined && !(await hasHead(root))) return [];
  const commits = await readLog(root, {
    revisions: [options.revision ?? "HEAD"],
    paths: [...LIFECYCLE_PATHSPECS],
  });
  const planned = planHistory(commits, {
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.models === undefined ? {} : { models: new Set(options.models) }),
  });
  const texts = await readBlobTexts(root, planned);
  return buildEvents(commits, planned, texts);
}

/** Every blob the plan needs, as text, read through one cat-file process. */
async function readBlobTexts(root: string, planned: readonly PlannedChange[]): Promise<Map<string, string>> {
  const shas = new Set<string>();
  for (const change of planned) {
    if (change.oldBlob) shas.add(change.oldBlob);
    if (change.newBlob) shas.add(change.newBlob);
  }
  const texts = new Map<string, string>();
  if (shas.size === 0) return texts;
  const reader = openObjectReader(root);
  try {
    const list = [...shas];
    const objects = await reader.readMany(list);
    list.forEach((sha, index) => {
      const object = objects[index];
      if (object) texts.set(sha, object.data.toString("utf8"));
    });
  } finally {
    await reader.close();
  }
  return texts;
}

/** Turns planned changes and blob texts into events; snapshots are parsed once per blob. Pure. */
export function buildEvents(
  commits: readonly Commit[],
  planned: readonly PlannedChange[],
  texts: ReadonlyMap<string, string>,
): HistoryEvent[] {
  const pullRequests = assignPullRequests(commits);
  const cache = new Map<string, unknown>();
  const snapshot = <T>(sha: string | undefined, parse: (text: string) => T): T | undefined => {
    if (sha === undefined) return undefined;
    if (cache.has(sha)) return cache.get(sha) as T;
    const text = texts.get(sha);
    const value = text === undefined ? undefined : parse(text);
    cache.set(sha, value);
    return value;
  };
  const events: HistoryEvent[] = [];
  for (const change of planned) {
    const commit = commits[change.commit];
    if (!commit) continue;
    const info: CommitInfo = {
      sha: commit.sha,
      date: commit.date,
      author: commit.author,
      subject: commit.subject,
      pr: pullRequests.get(commit.sha) ?? null,
    };
    events.push(...eventsForChange(info, toLifecycleChange(change, snapshot)));
  }
  return events;
}

type Snapshotter = <T>(sha: string | undefined, parse: (text: string) => T) => T | undefined;

function toLifecycleChange(change: PlannedChange, snapshot: Snapshotter): LifecycleChange {
  const { model, path } = change;
  if (change.kind === "evaluation") {
    return {
      kind: "evaluation",
      model,
      path,
      before: snapshot(change.oldBlob, snapshotEvaluation),
      after: snapshot(change.newBlob, snapshotEvaluation),
    };
  }
  if (change.kind === "drift") {
    return {
      kind: "drift",
      model,
      path,
      before: snapshot(change.oldBlob, snapshotDrift),
      after: snapshot(change.newBlob, snapshotDrift),
    };
  }
  return {
    kind: "card",
    model,
    path,
    ...(change.renamedFrom !== undefined ? { renamedFrom: change.renamedFrom, renamedTo: change.renamedTo } : {}),
    before: snapshot(change.oldBlob, snapshotCard),
    after: snapshot(change.newBlob, snapshotCard),
  };
}
