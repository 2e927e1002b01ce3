import { CHART_CONFIG, type ChartDefinition, DATA_SOURCE, formatNumber } from "./chart.ts";
import { REFERENCE_COLOR } from "./palette.ts";

/** One value of a metric at one model version, oldest first. */
export interface VersionValue {
  version: string;
  value: number;
}

const WIDTH = 96;
const HEIGHT = 24;

/**
 * A word-sized line of a metric across versions (Tufte's sparkline): no axes, the last
 * value marked. Used in catalogue rows; the row itself shows the value in text.
 *
 * @example sparklineChart("Macro F1", [{version: "1.0.0", value: 0.9}, {version: "1.1.0", value: 0.93}]).description
 * // "Macro F1 across 2 versions: 0.9 (1.0.0) to 0.93 (1.1.0)."
 */
export function sparklineChart(metricLabel: string, points: readonly VersionValue[]): ChartDefinition {
  const values = points.map((point, index) => ({
    index,
    version: point.version,
    value: point.value,
    last: index === points.length - 1,
  }));
  const first = points[0];
  const last = points.at(-1);
  const description =
    first && last
      ? `${metricLabel} across ${points.length} version${points.length === 1 ? "" : "s"}: ${formatNumber(first.value)} (${first.version}) to ${formatNumber(last.value)} (${last.version}).`
      : `No ${metricLabel} values yet.`;
  return {
    kind: "sparkline",
    title: `${metricLabel} across versions`,
    description,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: { ...CHART_CONFIG, padding: 2 },
      width: WIDTH,
      height: HEIGHT,
      data: { name: DATA_SOURCE },
      encoding: {
        x: { field: "index", type: "quantitative", axis: null, scale: { nice: false } },
        y: { field: "value", type: "quantitative", axis: null, scale: { zero: false, nice: false } },
      },
      layer: [
        { mark: { type: "line", color: REFERENCE_COLOR, strokeWidth: 1.5 } },
        {
          mark: { type: "point", filled: true, color: REFERENCE_COLOR, size: 18 },
          transform: [{ filter: "datum.last" }],
        },
      ],
    },
    values,
    table: { columns: ["Version", metricLabel], rows: points.map((point) => [point.version, point.value]) },
  };
}
