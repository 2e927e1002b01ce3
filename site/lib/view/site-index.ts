import type { HistoryEvent } from "../../../core/schemas/history.ts";
import type { EvaluationCurves } from "../data/curves.ts";
import type { LoadedDriftReport, LoadedEvaluation, LoadedProfile } from "../data/reports.ts";
import type { SiteDataset, SiteModel } from "../data/site-data.ts";

/** A model's latest evaluation, with the curves drawn from its committed predictions when there are any. */
export type SiteEvaluation = LoadedEvaluation & { curves?: EvaluationCurves | undefined };

/** The catalogue's data, indexed for page building: one pass, then O(1) lookups per page. */
export interface SiteIndex {
  /** Models sorted by name, then id. */
  models: SiteModel[];
  modelsById: Map<string, SiteModel>;
  datasets: Map<string, SiteDataset>;
  evaluations: Map<string, SiteEvaluation>;
  /** Drift reports per model, oldest first. */
  drift: Map<string, LoadedDriftReport[]>;
  /** Lifecycle events per model, newest first. */
  history: Map<string, HistoryEvent[]>;
  /** Profiles per dataset, by version. */
  profiles: Map<string, LoadedProfile[]>;
  /** Every lifecycle event, newest first. */
  events: HistoryEvent[];
}

/** The inputs of {@link buildSiteIndex}: the content collections' data. */
export interface SiteIndexInput {
  models: readonly SiteModel[];
  datasets: readonly SiteDataset[];
  evaluations: readonly SiteEvaluation[];
  driftReports: readonly LoadedDriftReport[];
  profiles: readonly LoadedProfile[];
  history: readonly HistoryEvent[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Orders semantic versions numerically (1.10.0 after 1.9.0); pre-release suffixes compare as text. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[.+-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const left = parts(a);
  const right = parts(b);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const x = left[index] ?? -1;
    const y = right[index] ?? -1;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x).localeCompare(String(y));
  }
  return 0;
}

/** Newest first by date; ties keep their given order (git log order within one commit). */
export function sortEventsNewestFirst(events: readonly HistoryEvent[]): HistoryEvent[] {
  return events
    .map((event, index) => ({ event, index, time: Date.parse(event.date) }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map(({ event }) => event);
}

/** Indexes the collections. Pure. */
export function buildSiteIndex(input: SiteIndexInput): SiteIndex {
  const models = [...input.models].sort(
    (a, b) => a.card.name.localeCompare(b.card.name) || a.card.id.localeCompare(b.card.id),
  );
  const drift = groupBy(input.driftReports, (report) => report.model);
  for (const reports of drift.values()) reports.sort((a, b) => a.date.localeCompare(b.date));
  const events = sortEventsNewestFirst(input.history);
  const profiles = groupBy(input.profiles, (profile) => profile.dataset);
  for (const list of profiles.values()) list.sort((a, b) => compareVersions(a.version, b.version));
  return {
    models,
    modelsById: new Map(models.map((model) => [model.card.id, model])),
    datasets: new Map(input.datasets.map((dataset) => [dataset.manifest.id, dataset])),
    evaluations: new Map(input.evaluations.map((evaluation) => [evaluation.model, evaluation])),
    drift,
    history: groupBy(events, (event) => event.model),
    profiles,
    events,
  };
}
