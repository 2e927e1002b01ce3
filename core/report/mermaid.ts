import type { TrendPoint } from "../diff/types.ts";
import { mermaidLabel } from "./escape.ts";

/** Points shown in a trend chart; older versions are dropped first. */
export const MAX_TREND_POINTS = 20;

/** A number as Mermaid reads it: ASCII minus, up to 6 significant digits. Pure. */
export function mermaidNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * A Mermaid `xychart-beta` line chart of a metric across versions (the keyword GitHub renders;
 * the un-suffixed `xychart` of newer Mermaid may not parse there). Labels go through
 * {@link mermaidLabel}; the y axis is padded by 10 % of the range so a flat line is visible.
 * Returns the fenced block. Pure.
 */
export function trendChart(metric: string, points: readonly TrendPoint[]): string {
  const shown = points.slice(-MAX_TREND_POINTS);
  const values = shown.map((point) => point.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low) * 0.1 || Math.abs(high) * 0.05 || 0.05;
  const label = mermaidLabel(metric);
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${label} across versions"`,
    `    x-axis [${shown.map((point) => `"${mermaidLabel(pointLabel(point, shown), 24)}"`).join(", ")}]`,
    `    y-axis "${label}" ${mermaidNumber(low - pad)} --> ${mermaidNumber(high + pad)}`,
    `    line [${values.map(mermaidNumber).join(", ")}]`,
    "```",
  ].join("\n");
}

/** A point's version, with "(this change)" when the point under review repeats a version label. */
function pointLabel(point: TrendPoint, points: readonly TrendPoint[]): string {
  const repeated = point.head && points.some((other) => !other.head && other.version === point.version);
  return repeated ? `${point.version} (this change)` : point.version;
}
