import { type CompareContext, compareModel } from "../diff/compare-model.ts";
import { compareDatasets } from "../diff/dataset-diff.ts";
import type { DiffResult, ModelComparison, ModelSide, TrendPoint } from "../diff/types.ts";
import type { HistoryEvent } from "../schemas/history.ts";
import { AlmanacError } from "../util/errors.ts";
import { affectedInPair } from "./affected.ts";
import { dataDrift } from "./data-drift.ts";
import { readHistory } from "./history.ts";
import { readModelSide } from "./model-side.ts";
import { openRefPair, type RefPair } from "./ref-pair.ts";
import { SHALLOW_HINT } from "./refs.ts";
import { listTree } from "./tree.ts";

const DRIFT_REPORT = /^reports\/drift\/([^/]+)\/[^/]+\.json$/;

/**
 * Collects both refs and compares every model the change touches (affected models, plus
 * models whose committed reports changed): the I/O edge of `almanac diff` and `almanac
 * report`. A bounded number of git processes: rev-parse, merge-base, diff, two ls-tree,
 * the history reads of the trends (core/git/history.ts) and one cat-file for every blob. Throws AlmanacError only when the
 * refs themselves cannot be compared (missing ref, shallow clone without a merge base).
 */
export async function collectDiff(root: string, baseRef: string, headRef = "HEAD"): Promise<DiffResult> {
  const pair = await openRefPair(root, baseRef, headRef);
  try {
    return await diffPair(pair);
  } finally {
    await pair.reader.close();
  }
}

async function diffPair(pair: RefPair): Promise<DiffResult> {
  const [baseTree, headTree] = await Promise.all([
    listTree(pair.root, pair.mergeBase, ["models", "reports/drift"]),
    listTree(pair.root, pair.head.commit, ["models", "reports/drift"]),
  ]);
  const affected = await affectedInPair(pair, { reports: true, trees: { head: headTree, base: baseTree } });
  const [baseDrift, headDrift] = [driftPaths(baseTree), driftPaths(headTree)];
  const trends = await readTrends(
    pair,
    affected.models.map((model) => model.renamedFrom ?? model.id),
  );
  const models: ModelComparison[] = [];
  const dataDrifts = new Map<string, Promise<CompareContext["dataDrift"]>>();
  for (const entry of affected.models) {
    const baseFolder = entry.renamedFrom ?? entry.id;
    const [base, head] = await Promise.all([
      readModelSide(pair.reader, {
        commit: pair.mergeBase,
        label: "base",
        folder: baseFolder,
        driftPaths: baseDrift.get(baseFolder) ?? [],
        withPredictions: entry.status !== "added" && entry.status !== "removed",
      }),
      readModelSide(pair.reader, {
        commit: pair.head.commit,
        label: "head",
        folder: entry.id,
        driftPaths: headDrift.get(entry.id) ?? [],
        withPredictions: entry.status !== "added" && entry.status !== "removed",
      }),
    ]);
    const primary = head.card?.evaluation.primary_metric ?? base.card?.evaluation.primary_metric;
    const evaluationChanged = JSON.stringify(base.evaluation) !== JSON.stringify(head.evaluation);
    const drift = dataDriftOnce(pair, base, head, dataDrifts);
    const context: CompareContext = {
      trend: primary
        ? trendOf(
            trends.events.get(baseFolder) ?? [],
            primary,
            evaluationChanged ? headPoint(head, primary, pair.head.commit) : undefined,
          )
        : [],
      ...(trends.problem ? { trendProblem: trends.problem } : {}),
      ...(drift ? { dataDrift: await drift } : {}),
      trainingFiles: changedTrainingFiles(baseTree, headTree, baseFolder, entry.id),
    };
    models.push(compareModel(entry, base, head, context));
  }
  return {
    base: { ref: pair.base.ref, commit: pair.base.commit },
    head: { ref: pair.head.ref, commit: pair.head.commit },
    mergeBase: pair.mergeBase,
    models,
    problems: [],
    notes: [...pair.notes, ...(pair.shallow ? [`shallow clone: ${SHALLOW_HINT}`] : [])],
  };
}

/** Drift between the base and head data of a model's dataset, once per dataset, only when its files changed. */
function dataDriftOnce(
  pair: RefPair,
  base: ModelSide,
  head: ModelSide,
  cache: Map<string, Promise<CompareContext["dataDrift"]>>,
): Promise<CompareContext["dataDrift"]> | undefined {
  if (!base.dataset || !head.dataset) return undefined;
  const comparison = compareDatasets(base.dataset, head.dataset);
  if (!comparison?.filesChanged.length) return undefined;
  const key = `${base.dataset.id}@${base.dataset.version}→${head.dataset.id}@${head.dataset.version}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const computed = dataDrift(
    pair.reader,
    { commit: pair.mergeBase, manifest: base.dataset },
    { commit: pair.head.commit, manifest: head.dataset },
  );
  cache.set(key, computed);
  return computed;
}

function driftPaths(tree: ReadonlyMap<string, string>): Map<string, string[]> {
  const byModel = new Map<string, string[]>();
  for (const path of tree.keys()) {
    const model = DRIFT_REPORT.exec(path)?.[1];
    if (model) byModel.set(model, [...(byModel.get(model) ?? []), path]);
  }
  return byModel;
}

async function readTrends(pair: RefPair, ids: readonly string[]) {
  const events = new Map<string, HistoryEvent[]>();
  if (ids.length === 0) return { events };
  try {
    if (pair.shallow) throw new AlmanacError("the clone is shallow", { hint: SHALLOW_HINT });
    // The base's history: the head's evaluation is added as its own point, so a retrain that keeps
    // the version label never stands in for the base's evaluation of that version.
    const history = await readHistory(pair.root, { models: ids, revision: pair.mergeBase, shallowChecked: true });
    for (const event of history) {
      if (event.type === "evaluation_changed") events.set(event.model, [...(events.get(event.model) ?? []), event]);
    }
    return { events };
  } catch (error) {
    const why = error instanceof AlmanacError ? `${error.message} (${error.hint})` : String(error);
    return { events, problem: `no trend across versions: ${why}` };
  }
}

/**
 * The primary metric across versions, oldest first: for each version the newest evaluation of
 * it in the base's history (events come newest first), then the evaluation under review as its
 * own point, even when it keeps the last version's label. Pure.
 */
export function trendOf(events: readonly HistoryEvent[], primary: string, head?: TrendPoint): TrendPoint[] {
  const seen = new Set<string>();
  const points: TrendPoint[] = [];
  for (const event of events) {
    const value = event.metrics?.[primary];
    const version = event.to;
    if (value === undefined || !version || seen.has(version)) continue;
    seen.add(version);
    points.push({ version, value, commit: event.commit, head: false });
  }
  points.reverse();
  if (head) points.push(head);
  return points;
}

/** The head evaluation's primary metric as a trend point, when it has a value. */
function headPoint(head: ModelSide, primary: string, commit: string): TrendPoint | undefined {
  const value = head.evaluation?.metrics[primary]?.value;
  const version = head.evaluation?.model.version;
  if (value === undefined || value === null || version === undefined) return undefined;
  return { version, value, commit, head: true };
}

/** Files of a model's folder, model.md aside, added, changed or removed between the two trees. */
export function changedTrainingFiles(
  base: ReadonlyMap<string, string>,
  head: ReadonlyMap<string, string>,
  baseFolder: string,
  headFolder: string,
): string[] {
  const files = (tree: ReadonlyMap<string, string>, folder: string) => {
    const prefix = `models/${folder}/`;
    const out = new Map<string, string>();
    for (const [path, blob] of tree)
      if (path.startsWith(prefix) && path !== `${prefix}model.md`) out.set(path.slice(prefix.length), blob);
    return out;
  };
  const [before, after] = [files(base, baseFolder), files(head, headFolder)];
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
