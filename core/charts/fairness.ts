import { plural } from "../util/plural.ts";
import { CHART_CONFIG, type ChartDefinition, DATA_SOURCE, formatNumber } from "./chart.ts";
import { INK, REFERENCE_COLOR } from "./palette.ts";

/** One group of a sensitive column with its primary metric value. */
export interface FairnessBar {
  group: string;
  count: number;
  value: number | null;
}

/**
 * The primary metric per group of one sensitive column, with the group size in the
 * label so a small group's bar is read with care, and the value written at the bar's end.
 *
 * @example fairnessChart("sex", "Macro F1", [{group: "f", count: 9, value: 0.9}, {group: "m", count: 8, value: 0.8}]).description
 * // "Macro F1 per group of sex: 2 groups, from 0.8 (m) to 0.9 (f), a gap of 0.1."
 */
export function fairnessChart(column: string, metricLabel: string, bars: readonly FairnessBar[]): ChartDefinition {
  const values = bars
    .filter((bar) => bar.value !== null)
    .map((bar) => ({ group: `${bar.group} (n=${bar.count})`, value: bar.value }));
  return {
    kind: "fairness",
    title: `${metricLabel} by ${column}`,
    description: describeFairness(column, metricLabel, bars),
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: CHART_CONFIG,
      data: { name: DATA_SOURCE },
      width: 180,
      height: { step: 20 },
      encoding: {
        y: { field: "group", type: "nominal", title: null, sort: null, axis: { labelLimit: 110 } },
        x: { field: "value", type: "quantitative", title: metricLabel, scale: { zero: true } },
      },
      layer: [
        { mark: { type: "bar", color: REFERENCE_COLOR, height: { band: 0.7 } } },
        {
          mark: { type: "text", align: "left", dx: 3, color: INK, fontSize: 11 },
          encoding: { text: { field: "value", type: "quantitative", format: ".3~f" } },
        },
      ],
    },
    values,
    table: { columns: ["Group", "Rows", metricLabel], rows: bars.map((bar) => [bar.group, bar.count, bar.value]) },
  };
}

function describeFairness(column: string, metricLabel: string, bars: readonly FairnessBar[]): string {
  const known = bars.filter((bar): bar is FairnessBar & { value: number } => bar.value !== null);
  if (known.length === 0) return `${metricLabel} per group of ${column}: no values.`;
  const sorted = [...known].sort((a, b) => a.value - b.value);
  const low = sorted[0] as FairnessBar & { value: number };
  const high = sorted.at(-1) as FairnessBar & { value: number };
  return `${metricLabel} per group of ${column}: ${plural(known.length, "group")}, from ${formatNumber(low.value)} (${low.group}) to ${formatNumber(high.value)} (${high.group}), a gap of ${formatNumber(high.value - low.value)}.`;
}
