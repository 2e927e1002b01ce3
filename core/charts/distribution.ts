import { CHART_CONFIG, type ChartDefinition, DATA_SOURCE, formatNumber } from "./chart.ts";
import { CATEGORICAL, CURRENT_COLOR, REFERENCE_COLOR } from "./palette.ts";

/** One column's binned distribution: bin labels and, per series, the share of rows in each bin. */
export interface ColumnDistribution {
  column: string;
  labels: readonly string[];
  /** Series name → share per bin, aligned with `labels`. */
  series: Readonly<Record<string, readonly number[]>>;
}

/**
 * Axis label of a bin: an interval label such as `[1.95833, 5.01667)` shows its lower edge to
 * three significant digits ("1.96"); category labels show as they are. The data table keeps
 * the exact edges.
 */
const BIN_LABEL =
  "test(/^[\\[(]/, datum.label) ? format(toNumber(replace(split(datum.label, ',')[0], /^[\\[(]/, '')), '.3~g') : datum.label";

/** Pixels per bin: 20 bins make a 200 px chart, three fit a page width. */
const BIN_STEP = 10;
/** Pixels per bin holding a reference and a current bar. */
const PAIRED_BIN_STEP = 9;

/** Colours for the usual series names; others take the categorical palette in order. */
const SERIES_COLORS: Record<string, string> = { reference: REFERENCE_COLOR, current: CURRENT_COLOR };

/**
 * One column's binned distribution as bars: reference (dark blue) and current (light
 * orange) side by side for drift, or a single series for a profile.
 *
 * @example distributionChart({column: "x", labels: ["a", "b"], series: {rows: [0.25, 0.75]}}).description
 * // "Distribution of x over 2 bins. Most rows: b (rows 0.75)."
 */
export function distributionChart(distribution: ColumnDistribution, yTitle = "Share of rows"): ChartDefinition {
  const seriesNames = Object.keys(distribution.series);
  const values = distribution.labels.flatMap((label, order) =>
    seriesNames.map((series) => ({ bin: label, order, series, share: distribution.series[series]?.[order] ?? 0 })),
  );
  const range = seriesNames.map(
    (name, index) => SERIES_COLORS[name] ?? CATEGORICAL[index % CATEGORICAL.length] ?? "#000000",
  );
  return {
    kind: "distribution",
    title: `Distribution of ${distribution.column}`,
    description: describeDistribution(distribution, seriesNames),
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: CHART_CONFIG,
      data: { name: DATA_SOURCE },
      width: { step: seriesNames.length > 1 ? PAIRED_BIN_STEP : BIN_STEP },
      height: 90,
      mark: { type: "bar" },
      encoding: {
        x: {
          field: "bin",
          type: "nominal",
          sort: { field: "order", op: "min" },
          title: distribution.labels.some((label) => /^[[(]/.test(label)) ? "Bins by lower edge" : null,
          axis: { labelAngle: -45, labelLimit: 60, labelExpr: BIN_LABEL },
        },
        xOffset: { field: "series", type: "nominal", scale: { domain: seriesNames } },
        y: { field: "share", type: "quantitative", title: yTitle, axis: { format: "~%", tickCount: 4 } },
        color: {
          field: "series",
          type: "nominal",
          title: null,
          scale: { domain: seriesNames, range },
          legend: seriesNames.length > 1 ? { orient: "top", direction: "horizontal" } : null,
        },
      },
    },
    values,
    table: {
      columns: ["Bin", ...seriesNames],
      rows: distribution.labels.map((label, bin) => [
        label,
        ...seriesNames.map((name) => distribution.series[name]?.[bin] ?? null),
      ]),
    },
  };
}

function describeDistribution(distribution: ColumnDistribution, seriesNames: readonly string[]): string {
  const parts = seriesNames.map((name) => {
    const shares = distribution.series[name] ?? [];
    let top = 0;
    shares.forEach((share, index) => {
      if (share > (shares[top] ?? 0)) top = index;
    });
    return `${distribution.labels[top] ?? "—"} (${name} ${formatNumber(shares[top])})`;
  });
  const bins = distribution.labels.length;
  return `Distribution of ${distribution.column} over ${bins} bin${bins === 1 ? "" : "s"}. Most rows: ${parts.join(", ")}.`;
}
