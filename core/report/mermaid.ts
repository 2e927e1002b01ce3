import type { TrendPoint } from "../diff/types.ts";
import { mermaidLabel } from "./escape.ts";

/** Points shown in a trend chart; older versions are dropped first. */
export const MAX_TREND_POINTS = 20;

/**
 * The y axis spans at least this share of the values' magnitude: without it, Mermaid's axis
 * zooms onto the values and a change of 0.0004 in an accuracy of 0.9 fills the chart like a cliff.
 */
export const MIN_Y_SPAN = 0.1;

/**
 * The y-axis range of a trend: the values' range plus 10 % on each side, widened to at least
 * {@link MIN_Y_SPAN} of the values' magnitude around their middle; values in [0, 1] (rates,
 * scores) keep the axis inside [0, 1], other non-negative values keep it above 0. Pure.
 *
 * @example trendAxis([0.9, 0.9004]) // [0.85518, 0.94522] (up to floating point): the 0.0004 change is 0.4 % of the axis
 */
export function trendAxis(values: readonly number[]): [number, number] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const magnitude = Math.max(Math.abs(low), Math.abs(high)) || 1;
  const span = Math.max((high - low) * 1.2, MIN_Y_SPAN * magnitude);
  const middle = (low + high) / 2;
  let bottom = middle - span / 2;
  let top = middle + span / 2;
  if (low >= 0 && bottom < 0) {
    top -= bottom;
    bottom = 0;
  }
  if (low >= 0 && high <= 1 && top > 1) {
    bottom = Math.max(0, bottom - (top - 1));
    top = 1;
  }
  return [bottom, top];
}

/** A number as Mermaid reads it: ASCII minus, up to 6 significant digits. Pure. */
export function mermaidNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * A Mermaid `xychart-beta` line chart of a metric across versions (the keyword GitHub renders;
 * the un-suffixed `xychart` of newer Mermaid may not parse there). Labels go through
 * {@link mermaidLabel}; the y axis comes from {@link trendAxis}, so small changes look small.
 * Returns the fenced block. Pure.
 */
export function trendChart(metric: string, points: readonly TrendPoint[]): string {
  const shown = points.slice(-MAX_TREND_POINTS);
  const values = shown.map((point) => point.value);
  const [bottom, top] = trendAxis(values);
  const label = mermaidLabel(metric);
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${label} across versions"`,
    `    x-axis [${shown.map((point) => `"${mermaidLabel(pointLabel(point, shown), 24)}"`).join(", ")}]`,
    `    y-axis "${label}" ${mermaidNumber(bottom)} --> ${mermaidNumber(top)}`,
    `    line [${values.map(mermaidNumber).join(", ")}]`,
    "```",
  ].join("\n");
}

/** A point's version, with "(this change)" when the point under review repeats a version label. */
function pointLabel(point: TrendPoint, points: readonly TrendPoint[]): string {
  const repeated = point.head && points.some((other) => !other.head && other.version === point.version);
  return repeated ? `${point.version} (this change)` : point.version;
}
