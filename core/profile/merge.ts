import { API_VERSION } from "../schemas/common.ts";
import type { Profile, ProfileColumn, ProfileTop } from "../schemas/profile.ts";
import { usageError } from "../util/errors.ts";
import { mergeHistograms } from "./lattice.ts";
import { meanOf, mergeMoments, stdOf } from "./moments.ts";
import { TOP_VALUES } from "./profile-table.ts";
import { quantilesFromHistogram, quantilesFromList } from "./quantiles.ts";
import { checkShards } from "./shard.ts";
import { mergeSketches, quantilesOfSketch } from "./sketch.ts";

/**
 * Merging shard profiles into the profile of the whole. Exact: rows, counts, nulls, min, max,
 * moments (so mean and standard deviation), histograms (power-of-two lattices nest), quantile
 * sketches (bucket counts add) and top values when every shard listed all its values.
 * Approximate: quantiles (read from the merged sketch, within its relative accuracy; from the
 * merged histogram, within one bin width, for profiles without sketches), distinct counts (a lower bound unless all values are
 * listed) and top values of shards that did not list all their values (counts are lower bounds).
 */

function extreme(values: ReadonlyArray<number | string | null>, pick: "min" | "max"): number | string | null {
  let best: number | string | null = null;
  for (const value of values) {
    if (value === null) continue;
    if (best === null || (pick === "min" ? value < best : value > best)) best = value;
  }
  return best;
}

function mergeTops(parts: ReadonlyArray<ProfileColumn>, count: number): ProfileTop | undefined {
  const tops = parts.map((part) => part.top);
  if (tops.every((top) => top === undefined)) return undefined;
  const counts = new Map<string, number>();
  for (const top of tops)
    for (const { value, count: n } of top?.values ?? []) counts.set(value, (counts.get(value) ?? 0) + n);
  const complete = parts.every((part) => part.count === 0 || part.top?.complete === true);
  const values = [...counts]
    .map(([value, n]) => ({ value, count: n }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, TOP_VALUES);
  const rest = count - values.reduce((total, entry) => total + entry.count, 0);
  return { values, rest, complete: complete && rest === 0 };
}

function mergeColumn(name: string, parts: ProfileColumn[], missingRows: number): ProfileColumn {
  const first = parts[0] as ProfileColumn;
  const types = new Set(parts.map((part) => part.type));
  if (types.size > 1)
    throw usageError(
      `column "${name}" has different types in the profiles: ${[...types].join(", ")}`,
      "merge profiles of the same dataset schema",
    );
  const count = parts.reduce((total, part) => total + part.count, 0);
  const nulls = parts.reduce((total, part) => total + part.nulls, 0) + missingRows;
  const top = mergeTops(parts, count);
  const exactDistinct = top?.complete === true;
  const merged: ProfileColumn = {
    name,
    type: first.type,
    duckdb_type: first.duckdb_type,
    count,
    nulls,
    distinct: exactDistinct ? (top as ProfileTop).values.length : Math.max(...parts.map((part) => part.distinct)),
    distinct_method: exactDistinct ? "exact" : "lower_bound",
    min: extreme(
      parts.map((part) => part.min),
      "min",
    ),
    max: extreme(
      parts.map((part) => part.max),
      "max",
    ),
  };
  if (parts.some((part) => part.moments)) {
    const moments = mergeMoments(parts.flatMap((part) => (part.moments ? [part.moments] : [])));
    const histogram = mergeHistograms(parts.flatMap((part) => (part.histogram ? [part.histogram] : [])));
    Object.assign(merged, { mean: meanOf(moments), std: stdOf(moments), moments });
    const valued = parts.filter((part) => part.count > 0);
    const sketch = valued.every((part) => part.sketch)
      ? mergeSketches(valued.map((part) => part.sketch as NonNullable<ProfileColumn["sketch"]>))
      : undefined;
    if (sketch) {
      merged.quantiles = quantilesFromList(quantilesOfSketch(sketch, merged.min as number, merged.max as number));
      merged.quantiles_method = "sketch";
    } else if (histogram) {
      merged.quantiles = quantilesFromHistogram(histogram, merged.min as number, merged.max as number);
      merged.quantiles_method = "histogram";
    }
    if (histogram) merged.histogram = histogram;
    if (sketch) merged.sketch = sketch;
  }
  if (top) merged.top = top;
  return merged;
}

/** Merges profiles of disjoint parts of one dataset (shards, days) into the profile of the whole. */
export function mergeProfiles(profiles: readonly Profile[], labels?: readonly string[]): Profile {
  if (profiles.length < 2)
    throw usageError("--merge needs at least two profiles", "e.g. almanac profile --merge a.json b.json");
  checkShards(profiles, labels ?? profiles.map((_, i) => `profile ${i + 1}`));
  const names: string[] = [];
  for (const profile of profiles)
    for (const column of profile.columns) if (!names.includes(column.name)) names.push(column.name);
  const columns = names.map((name) => {
    const parts = profiles.flatMap((profile) => profile.columns.filter((column) => column.name === name));
    const missingRows = profiles
      .filter((profile) => !profile.columns.some((column) => column.name === name))
      .reduce((total, profile) => total + profile.rows, 0);
    return mergeColumn(name, parts, missingRows);
  });
  const datasets = new Set(profiles.map((profile) => `${profile.dataset ?? ""}@${profile.version ?? ""}`));
  const one = profiles[0] as Profile;
  return {
    apiVersion: API_VERSION,
    kind: "DatasetProfile",
    ...(datasets.size === 1 && one.dataset ? { dataset: one.dataset } : {}),
    ...(datasets.size === 1 && one.version ? { version: one.version } : {}),
    source: { files: [...new Set(profiles.flatMap((profile) => profile.source.files))], format: one.source.format },
    rows: profiles.reduce((total, profile) => total + profile.rows, 0),
    merged_from: profiles.reduce((total, profile) => total + (profile.merged_from ?? 1), 0),
    columns,
  };
}
