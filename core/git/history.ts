import { withArtifactStores } from "../artifacts/history-stores.ts";
import { type CommitInfo, eventsForChange, type LifecycleChange } from "../lifecycle/events.ts";
import { createPlanner, type PlannedChange } from "../lifecycle/plan.ts";
import { snapshotCard, snapshotDrift, snapshotEvaluation } from "../lifecycle/snapshots.ts";
import type { HistoryEvent } from "../schemas/history.ts";
import { type Commit, streamLog } from "./log.ts";
import { readModelsLog } from "./model-log.ts";
import { type GitObject, openObjectReader } from "./object-reader.ts";
import { assignPullRequests } from "./pull-request.ts";
import { assertFullHistory, hasHead } from "./refs.ts";

/** Up to this many models, history is read per model folder instead of diffing every commit. */
export const FEW_MODELS = 3;

/** Options of {@link readHistory}. */
export interface ReadHistoryOptions {
  /** Only this model's events (its current id; older ids of a renamed folder are followed). */
  model?: string;
  /** Only these models' events (current ids), e.g. the models a pull request touches. */
  models?: readonly string[];
  /** The caller already knows the clone is not shallow (spares a git process). */
  shallowChecked?: boolean;
  /** Revision to read from; default HEAD. */
  revision?: string;
}

/**
 * The lifecycle events of every model (or one), NEWEST FIRST (git log order: a commit's
 * events come before its parents'; within a commit, in a fixed order per file). Reads the
 * repository in four git processes whatever its size: two `rev-parse` (shallow check, HEAD),
 * ONE `git log` pass and ONE `git cat-file --batch` for all blobs, which starts reading while
 * the log is still streaming. For one model (or up to {@link FEW_MODELS}) the log pass is
 * replaced by core/git/model-log.ts: a graph walk and three single-path logs per model folder
 * (plus four per rename followed), which skip the diff of every other commit. Throws for a
 * shallow clone (the hint says `fetch-depth: 0`); returns [] for a repository without commits.
 */
export async function readHistory(root: string, options: ReadHistoryOptions = {}): Promise<HistoryEvent[]> {
  if (!options.shallowChecked) await assertFullHistory(root, "almanac history");
  if (options.revision === undefined && !(await hasHead(root))) return [];
  const planner = createPlanner({
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.models === undefined ? {} : { models: new Set(options.models) }),
  });
  const commits: Commit[] = [];
  const planned: PlannedChange[] = [];
  const blobs = new Map<string, Promise<GitObject | undefined>>();
  const reader = openObjectReader(root);
  try {
    const onCommit = (commit: Commit) => {
      const index = commits.push(commit) - 1;
      for (const change of planner.add(commit, index)) {
        planned.push(change);
        for (const sha of [change.oldBlob, change.newBlob]) {
          if (sha && !blobs.has(sha)) blobs.set(sha, reader.read(sha));
        }
      }
    };
    const revision = options.revision ?? "HEAD";
    const few = options.model !== undefined ? [options.model] : options.models;
    if (few !== undefined && few.length <= FEW_MODELS) {
      for (const commit of await readModelsLog(root, few, revision)) onCommit(commit);
    } else {
      await streamLog(root, { revisions: [revision] }, onCommit);
    }
    const texts = new Map<string, string>();
    for (const [sha, object] of blobs) {
      const value = await object;
      if (value) texts.set(sha, value.data.toString("utf8"));
    }
    return await withArtifactStores(root, buildEvents(commits, planned, texts));
  } finally {
    await reader.close();
  }
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
