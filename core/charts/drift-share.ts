import { CHART_CONFIG, type ChartDefinition, DATA_SOURCE, formatNumber } from "./chart.ts";
import { ALERT_COLOR, INK, REFERENCE_COLOR } from "./palette.ts";

/** One drift report of a model: its date, the share of drifted columns and the verdict. */
export interface DriftSharePoint {
  date: string;
  share: number;
  threshold: number;
  drifted: boolean;
}

/**
 * Drift share over time: the share of drifted columns per report, the dataset-drift
 * threshold as a dashed rule, and drifted reports as vermillion triangles (shape and
 * colour, so the verdict never rests on colour alone).
 */
export function driftShareChart(points: readonly DriftSharePoint[]): ChartDefinition {
  const values = points.map((point, index) => ({
    date: point.date,
    share: point.share,
    threshold: point.threshold,
    verdict: point.drifted ? "drift" : "no drift",
    last: index === points.length - 1,
  }));
  const drifted = points.filter((point) => point.drifted).length;
  const last = points.at(-1);
  // Only verdicts that occur get a legend entry.
  const verdicts = (["no drift", "drift"] as const).filter((verdict) =>
    values.some((value) => value.verdict === verdict),
  );
  const verdictShapes = { "no drift": "circle", drift: "triangle-up" } as const;
  const verdictColors = { "no drift": REFERENCE_COLOR, drift: ALERT_COLOR } as const;
  // One tick per report: report dates are the only dates the chart has anything to say about.
  const x = {
    field: "date",
    type: "ordinal",
    title: "Report date",
    sort: null,
    axis: { labelAngle: -30 },
  } as const;
  return {
    kind: "drift-share",
    title: "Drift share over time",
    description: last
      ? `${points.length} drift report${points.length === 1 ? "" : "s"}, ${drifted} with dataset drift. Latest (${last.date}): ${formatNumber(last.share)} of columns drifted against a threshold of ${formatNumber(last.threshold)}.`
      : "No drift reports yet.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: CHART_CONFIG,
      data: { name: DATA_SOURCE },
      width: 260,
      height: 150,
      layer: [
        {
          mark: { type: "line", color: INK, strokeDash: [4, 3], strokeWidth: 1 },
          encoding: { x, y: { field: "threshold", type: "quantitative" } },
        },
        {
          // The dashed line says what it is, at its right end.
          mark: { type: "text", color: INK, fontSize: 11, align: "right", dy: -7 },
          transform: [{ filter: "datum.last" }],
          encoding: { x, y: { field: "threshold", type: "quantitative" }, text: { value: "drift threshold" } },
        },
        {
          mark: { type: "line", color: REFERENCE_COLOR, strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: "share", type: "quantitative", title: "Share of columns drifted", scale: { domain: [0, 1] } },
          },
        },
        {
          mark: { type: "point", filled: true, size: 60 },
          encoding: {
            x,
            y: { field: "share", type: "quantitative" },
            shape: {
              field: "verdict",
              type: "nominal",
              title: null,
              scale: { domain: verdicts, range: verdicts.map((verdict) => verdictShapes[verdict]) },
            },
            color: {
              field: "verdict",
              type: "nominal",
              title: null,
              scale: { domain: verdicts, range: verdicts.map((verdict) => verdictColors[verdict]) },
            },
          },
        },
      ],
    },
    values,
    table: {
      columns: ["Date", "Share drifted", "Threshold", "Dataset drift"],
      rows: points.map((point) => [point.date, point.share, point.threshold, point.drifted ? "yes" : "no"]),
    },
  };
}
