import type { ChartDefinition } from "../../../core/charts/chart.ts";
import { formatNumber } from "../../../core/charts/chart.ts";
import { type ColumnDistribution, distributionChart } from "../../../core/charts/distribution.ts";
import type { ProfileColumn } from "../../../core/schemas/profile.ts";
import type { LoadedProfile } from "../data/reports.ts";

/** Bars a profile histogram is drawn with at most: neighbouring bins merge until it fits. */
export const MAX_DISPLAY_BINS = 20;
/** Columns a dataset page charts at most; the table lists all. */
export const MAX_PROFILE_CHARTS = 24;

/** A dataset's profile as its page shows it. */
export interface ProfileView {
  file: string;
  version: string;
  /** False when the profile is of another version than the manifest's (the latest one is shown). */
  current: boolean;
  rows: number;
  columns: ProfileColumn[];
  charts: ChartDefinition[];
}

/** Merges neighbouring bins (pairs, then pairs of pairs…) until at most `max` remain; the edges stay exact. */
export function coarsenBins(edges: readonly number[], counts: readonly number[], max = MAX_DISPLAY_BINS) {
  let currentEdges = [...edges];
  let currentCounts = [...counts];
  while (currentCounts.length > max) {
    const nextCounts: number[] = [];
    const nextEdges: number[] = [currentEdges[0] as number];
    for (let index = 0; index < currentCounts.length; index += 2) {
      nextCounts.push((currentCounts[index] ?? 0) + (currentCounts[index + 1] ?? 0));
      nextEdges.push(currentEdges[Math.min(index + 2, currentEdges.length - 1)] as number);
    }
    currentEdges = nextEdges;
    currentCounts = nextCounts;
  }
  return { edges: currentEdges, counts: currentCounts };
}

/** A column's distribution as shares of its non-null rows: histogram bins for numbers, top values (and "other") for categories. */
export function profileDistribution(column: ProfileColumn): ColumnDistribution | undefined {
  const total = column.count;
  if (total === 0) return undefined;
  if (column.histogram) {
    const { edges, counts } = coarsenBins(column.histogram.edges, column.histogram.counts);
    const labels = counts.map((_, index) => `[${formatNumber(edges[index])}, ${formatNumber(edges[index + 1])})`);
    return { column: column.name, labels, series: { rows: counts.map((count) => count / total) } };
  }
  if (column.top && column.top.values.length > 0) {
    const shown = column.top.values.slice(0, MAX_DISPLAY_BINS);
    const other = total - shown.reduce((sum, value) => sum + value.count, 0);
    const labels = [...shown.map((value) => value.value), ...(other > 0 ? ["(other)"] : [])];
    const shares = [...shown.map((value) => value.count / total), ...(other > 0 ? [other / total] : [])];
    return { column: column.name, labels, series: { rows: shares } };
  }
  return undefined;
}

/**
 * The profile of the manifest's version when there is one, else the latest profiled version.
 * Columns in `unCharted` (the manifest's id columns: every value distinct, a flat histogram
 * says nothing) keep their table row but get no chart.
 */
export function buildProfileView(
  profiles: readonly LoadedProfile[] | undefined,
  version: string,
  unCharted: ReadonlySet<string> = new Set(),
): ProfileView | undefined {
  if (!profiles || profiles.length === 0) return undefined;
  const chosen = profiles.find((profile) => profile.version === version) ?? (profiles.at(-1) as LoadedProfile);
  const charts = chosen.profile.columns
    .filter((column) => !unCharted.has(column.name))
    .map(profileDistribution)
    .filter((distribution): distribution is ColumnDistribution => distribution !== undefined)
    .slice(0, MAX_PROFILE_CHARTS)
    .map((distribution) => distributionChart(distribution));
  return {
    file: chosen.file,
    version: chosen.version,
    current: chosen.version === version,
    rows: chosen.profile.rows,
    columns: chosen.profile.columns,
    charts,
  };
}
