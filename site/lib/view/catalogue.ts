import type { ChartDefinition } from "../../../core/charts/chart.ts";
import { sparklineChart } from "../../../core/charts/sparkline.ts";
import type { Task } from "../../../core/schemas/metrics.ts";
import { STAGES, type Stage } from "../../../core/schemas/model-card.ts";
import { slugify } from "../urls.ts";
import { DRIFT_STATE_LABELS, DRIFT_STATES, type DriftState, driftState } from "./drift-state.ts";
import { metricHistory, metricLabel } from "./metric-history.ts";
import { MIN_TREND_POINTS } from "./model-view.ts";
import type { SiteIndex } from "./site-index.ts";
import { newestFirst, summarizeEvent } from "./timeline.ts";

/** One model as the catalogue lists it. */
export interface CatalogueRow {
  id: string;
  name: string;
  description: string | undefined;
  version: string;
  stage: Stage;
  task: Task;
  owners: string[];
  primary: { metric: string; label: string; value: number | null; ci: [number, number] | null } | undefined;
  sparkline: ChartDefinition | undefined;
  /** Evaluated versions (the sparkline needs two). */
  versions: number;
  drift: DriftState;
  lastChange: { date: string; summary: string } | undefined;
}

/** The facets the catalogue filters by. */
export const FACETS = ["stage", "task", "owner", "drift"] as const;
export type FacetKey = (typeof FACETS)[number];

/** One value of a facet with its URL slug and how many models have it. */
export interface FacetValue {
  slug: string;
  label: string;
  count: number;
}

export const FACET_LABELS: Record<FacetKey, string> = { stage: "Stage", task: "Task", owner: "Owner", drift: "Drift" };

const TASK_LABELS: Record<Task, string> = {
  "binary-classification": "Binary classification",
  "multiclass-classification": "Multiclass classification",
  regression: "Regression",
};

/** One-word label of a task, for narrow table columns. */
export function shortTaskLabel(task: Task): string {
  return TASK_LABELS[task].split(" ")[0] as string;
}

/** Human label of a task. */
export function taskLabel(task: Task): string {
  return TASK_LABELS[task];
}

/** Builds the catalogue rows, in the index's order (by name). */
export function buildCatalogueRows(index: SiteIndex): CatalogueRow[] {
  return index.models.map(({ card }) => {
    const evaluation = index.evaluations.get(card.id)?.evaluation;
    const events = index.history.get(card.id) ?? [];
    const primaryName = card.evaluation.primary_metric;
    const metric = evaluation?.metrics[primaryName];
    const series = metricHistory(events, evaluation)
      .filter((entry) => entry.values[primaryName] !== undefined)
      .map((entry) => ({ version: entry.version, value: entry.values[primaryName] as number }));
    const latest = newestFirst(events)[0];
    return {
      id: card.id,
      name: card.name,
      description: card.description,
      version: card.version,
      stage: card.stage,
      task: card.task,
      owners: card.owners,
      primary: evaluation
        ? { metric: primaryName, label: metricLabel(primaryName), value: metric?.value ?? null, ci: metric?.ci ?? null }
        : undefined,
      sparkline: series.length >= MIN_TREND_POINTS ? sparklineChart(metricLabel(primaryName), series) : undefined,
      versions: series.length,
      drift: driftState(index.drift.get(card.id)),
      lastChange: latest ? { date: latest.date, summary: summarizeEvent(latest, primaryName) } : undefined,
    };
  });
}

/** The slugs a row has for a facet (several for owners). */
export function rowFacetSlugs(row: CatalogueRow, facet: FacetKey): string[] {
  if (facet === "stage") return [row.stage];
  if (facet === "task") return [row.task];
  if (facet === "drift") return [row.drift];
  return row.owners.map(slugify);
}

/** Every facet value present (stages and drift states in their natural order, owners by name). */
export function buildFacets(rows: readonly CatalogueRow[]): Record<FacetKey, FacetValue[]> {
  const count = (facet: FacetKey, slug: string) =>
    rows.filter((row) => rowFacetSlugs(row, facet).includes(slug)).length;
  const owners = new Map<string, string>();
  for (const row of rows)
    for (const owner of row.owners) if (!owners.has(slugify(owner))) owners.set(slugify(owner), owner);
  const present = (values: FacetValue[]) => values.filter((value) => value.count > 0);
  return {
    stage: present(STAGES.map((stage) => ({ slug: stage, label: stage, count: count("stage", stage) }))),
    task: present(
      (Object.keys(TASK_LABELS) as Task[]).map((task) => ({
        slug: task,
        label: TASK_LABELS[task],
        count: count("task", task),
      })),
    ),
    owner: [...owners.entries()]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([slug, label]) => ({ slug, label, count: count("owner", slug) })),
    drift: present(
      DRIFT_STATES.map((state) => ({ slug: state, label: DRIFT_STATE_LABELS[state], count: count("drift", state) })),
    ),
  };
}

/** The rows with a facet value. */
export function filterRows(rows: readonly CatalogueRow[], facet: FacetKey, slug: string): CatalogueRow[] {
  return rows.filter((row) => rowFacetSlugs(row, facet).includes(slug));
}
