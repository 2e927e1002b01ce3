import { plural } from "../util/plural.ts";
import { CHART_CONFIG, type ChartDefinition, DATA_SOURCE, formatNumber } from "./chart.ts";
import { INK, REFERENCE_COLOR } from "./palette.ts";

/** A metric at one model version; the interval is known for evaluations that kept it. */
export interface TrendPoint {
  version: string;
  value: number;
  low?: number | null;
  high?: number | null;
}

/**
 * One metric across model versions (oldest left), with the confidence interval as a
 * vertical rule where known. One chart per metric (small multiples laid out by the
 * page): unfaceted charts render several times faster than one faceted chart.
 *
 * @example trendChart("Accuracy", [{version: "1.0.0", value: 0.9}, {version: "1.1.0", value: 0.95}]).description
 * // "Accuracy over 2 versions, from 0.9 (1.0.0) to 0.95 (1.1.0)."
 */
export function trendChart(metricLabel: string, points: readonly TrendPoint[]): ChartDefinition {
  const values = points.map((point, order) => ({
    version: point.version,
    order,
    value: point.value,
    low: point.low ?? null,
    high: point.high ?? null,
  }));
  const x = {
    field: "version",
    type: "ordinal",
    sort: { field: "order", op: "min" },
    title: "Model version",
    axis: { labelAngle: -30, labelLimit: 70 },
  } as const;
  return {
    kind: "trend",
    title: `${metricLabel} across versions`,
    description: describeTrend(metricLabel, points),
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: CHART_CONFIG,
      data: { name: DATA_SOURCE },
      width: 240,
      height: 110,
      layer: [
        {
          mark: { type: "rule", color: INK, strokeWidth: 1.5 },
          transform: [{ filter: "datum.low != null && datum.high != null" }],
          encoding: { x, y: { field: "low", type: "quantitative" }, y2: { field: "high" } },
        },
        {
          mark: { type: "line", color: REFERENCE_COLOR, point: { filled: true, size: 30, color: REFERENCE_COLOR } },
          encoding: { x, y: { field: "value", type: "quantitative", title: metricLabel, scale: { zero: false } } },
        },
      ],
    },
    values,
    table: {
      columns: ["Version", metricLabel, "Interval low", "Interval high"],
      rows: points.map((point) => [point.version, point.value, point.low ?? null, point.high ?? null]),
    },
  };
}

function describeTrend(metricLabel: string, points: readonly TrendPoint[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `No ${metricLabel} values yet.`;
  const interval =
    last.low !== null && last.low !== undefined && last.high !== null && last.high !== undefined
      ? ` (interval ${formatNumber(last.low)} to ${formatNumber(last.high)})`
      : "";
  if (points.length === 1)
    return `${metricLabel} ${formatNumber(last.value)}${interval} at ${last.version}, the only version.`;
  return `${metricLabel} over ${plural(points.length, "version")}, from ${formatNumber(first.value)} (${first.version}) to ${formatNumber(last.value)} (${last.version})${interval}.`;
}
