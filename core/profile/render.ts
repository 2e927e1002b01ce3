import { formatNumber } from "../drift/render.ts";
import type { Profile, ProfileColumn } from "../schemas/profile.ts";
import { plural } from "../util/plural.ts";

function pad(cells: string[][]): string[] {
  const widths = cells[0]?.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? "").length))) ?? [];
  return cells.map((row) =>
    row
      .map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function describe(column: ProfileColumn): string {
  if (column.mean !== undefined && column.mean !== null)
    return `min ${formatNumber(column.min as number)}, median ${formatNumber(column.quantiles?.p50)}, max ${formatNumber(column.max as number)}, mean ${formatNumber(column.mean)}, std ${formatNumber(column.std)}`;
  if (column.top) {
    const shown = column.top.values.slice(0, 3).map(({ value, count }) => `${value} ${count}`);
    const more = column.top.values.length > 3 || column.top.rest > 0 ? ", …" : "";
    return `top ${shown.join(", ")}${more}`;
  }
  if (column.min !== null) return `${column.min} … ${column.max}`;
  return "";
}

/** A profile as a table for people: per column its type, counts, nulls, distinct values and a one-line summary. */
export function renderProfile(profile: Profile): string {
  const title = profile.dataset
    ? `${profile.dataset} ${profile.version ?? ""}`.trim()
    : profile.source.files.join(", ");
  const merged = profile.merged_from
    ? `, merged from ${plural(profile.merged_from, "profile")}`
    : profile.shard
      ? `, shard ${profile.shard.index}/${profile.shard.count} by ${profile.shard.by}`
      : "";
  const rows = profile.columns.map((column) => [
    column.name,
    column.type,
    String(column.count),
    String(column.nulls),
    `${column.distinct_method === "exact" ? "" : column.distinct_method === "estimate" ? "~" : "≥"}${column.distinct}`,
    describe(column),
  ]);
  return [
    `${title}: ${plural(profile.rows, "row")}, ${plural(profile.columns.length, "column")}${merged}`,
    ...pad([["column", "type", "count", "nulls", "distinct", "summary"], ...rows]).map((line) => `  ${line}`),
  ].join("\n");
}
