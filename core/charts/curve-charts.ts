import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, type ChartDefinition, DATA_SOURCE, formatNumber, type TableCell } from "./chart.ts";
import { INK, MUTED_INK, REFERENCE_COLOR } from "./palette.ts";

/** Side of the square curve charts: with axes they stay inside a 360 px phone's column. */
const SIDE = 200;
/** Rows of a curve's data table: a summary at evenly spread points, the chart has the rest. */
const TABLE_ROWS = 11;

const unitAxis = (field: string, title: string) => ({
  field,
  type: "quantitative" as const,
  title,
  scale: { domain: [0, 1] },
  axis: { tickCount: 5, format: ".1f" },
});

/** A dashed reference line from two fixed points (the diagonal, a baseline), drawn beneath the curve. */
const referenceLine = (points: { x: number; y: number }[]) => ({
  data: { values: points },
  mark: { type: "line" as const, color: MUTED_INK, strokeDash: [4, 3], strokeWidth: 1 },
  encoding: { x: { field: "x", type: "quantitative" as const }, y: { field: "y", type: "quantitative" as const } },
});

/** The chance (or perfect-calibration) diagonal from (0, 0) to (1, 1). */
const diagonal = () =>
  referenceLine([
    { x: 0, y: 0 },
    { x: 1, y: 1 },
  ]);

/** A layered Vega-Lite spec of the curve charts' size and look (`width` wider for residuals). */
type Layers = Extract<TopLevelSpec, { layer: unknown }>["layer"];
const layeredSpec = (layer: Layers, extra: { width?: number; data?: { name: string } } = {}): TopLevelSpec => ({
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  config: CHART_CONFIG,
  width: extra.width ?? SIDE,
  height: SIDE,
  ...(extra.data ? { data: extra.data } : {}),
  layer,
});

/** At most `TABLE_ROWS` rows spread evenly over the points, the ends kept. */
function summaryRows(points: readonly (readonly number[])[]): TableCell[][] {
  if (points.length <= TABLE_ROWS) return points.map((point) => [...point]);
  const step = (points.length - 1) / (TABLE_ROWS - 1);
  return Array.from({ length: TABLE_ROWS }, (_, i) => [...(points[Math.round(i * step)] as number[])]);
}

/**
 * A binary classifier's ROC curve against the chance diagonal, with its area in the
 * description. Points are (false positive rate, true positive rate).
 *
 * @example rocChart([[0, 0], [0, 1], [1, 1]], 1).description
 * // "ROC curve: true against false positive rate over 3 points; area under the curve 1. The dashed diagonal is a model that guesses."
 */
export function rocChart(points: readonly [number, number][], auc: number | null): ChartDefinition {
  return {
    kind: "roc",
    title: "ROC curve",
    description: `ROC curve: true against false positive rate over ${points.length} points${auc === null ? "" : `; area under the curve ${formatNumber(auc)}`}. The dashed diagonal is a model that guesses.`,
    spec: layeredSpec([
      diagonal(),
      {
        data: { name: DATA_SOURCE },
        mark: { type: "line", color: REFERENCE_COLOR, strokeWidth: 2 },
        encoding: {
          x: unitAxis("x", "False positive rate"),
          y: unitAxis("y", "True positive rate"),
          order: { field: "order", type: "quantitative" },
        },
      },
    ]),
    values: points.map(([x, y], order) => ({ x, y, order })),
    table: { columns: ["False positive rate", "True positive rate"], rows: summaryRows(points) },
  };
}

/**
 * Precision against recall, with the share of positives as the dashed baseline (the
 * precision of a model that guesses). Points are (recall, precision), recall decreasing.
 */
export function precisionRecallChart(points: readonly [number, number][], prevalence: number): ChartDefinition {
  return {
    kind: "precision-recall",
    title: "Precision–recall curve",
    description: `Precision against recall over ${points.length} thresholds. The dashed line is the share of positive rows, ${formatNumber(prevalence)}: the precision of a model that guesses.`,
    spec: layeredSpec(
      [
        {
          mark: { type: "rule", color: MUTED_INK, strokeDash: [4, 3], strokeWidth: 1 },
          encoding: { y: { field: "prevalence", type: "quantitative", aggregate: "min" } },
        },
        {
          mark: { type: "line", color: REFERENCE_COLOR, strokeWidth: 2, interpolate: "step-before" },
          encoding: {
            x: unitAxis("x", "Recall"),
            y: unitAxis("y", "Precision"),
            order: { field: "order", type: "quantitative" },
          },
        },
      ],
      { data: { name: DATA_SOURCE } },
    ),
    values: points.map(([x, y], order) => ({ x, y, order, prevalence })),
    table: { columns: ["Recall", "Precision"], rows: summaryRows(points) },
  };
}

/**
 * The reliability diagram: observed share of positives against the mean predicted
 * probability per bin, the diagonal being perfect calibration; each point is a bin (its rows
 * in the table). Points are (mean predicted, observed, rows).
 */
export function calibrationChart(bins: readonly [number, number, number][]): ChartDefinition {
  const worst = bins.reduce((gap, [predicted, observed]) => Math.max(gap, Math.abs(observed - predicted)), 0);
  return {
    kind: "calibration",
    title: "Calibration",
    description: `Observed share of positives against the mean predicted probability in ${bins.length} bins of predicted probability; the dashed diagonal is perfect calibration. Largest gap: ${formatNumber(worst)}.`,
    spec: layeredSpec([
      diagonal(),
      {
        data: { name: DATA_SOURCE },
        mark: { type: "line", color: REFERENCE_COLOR, strokeWidth: 2, point: { filled: true, size: 30 } },
        encoding: {
          x: unitAxis("x", "Mean predicted probability"),
          y: unitAxis("y", "Observed share positive"),
        },
      },
    ]),
    values: bins.map(([x, y, rows]) => ({ x, y, rows })),
    table: { columns: ["Mean predicted", "Observed", "Rows"], rows: bins.map((bin) => [...bin]) },
  };
}

/**
 * Residuals (truth − prediction) against the prediction, with the zero line: a pattern
 * (a slope, a funnel) shows where the model is wrong in a systematic way. Points are
 * (prediction, residual), possibly a thinned subset of the rows (`rows` says how many).
 */
export function residualChart(points: readonly [number, number][], rows: number): ChartDefinition {
  const shown = points.length === rows ? `${rows} rows` : `${points.length} of ${rows} rows, evenly spread`;
  return {
    kind: "residuals",
    title: "Residuals against prediction",
    description: `Residual (truth − prediction) against the prediction for ${shown}. Points above the dashed zero line are under-predictions.`,
    spec: layeredSpec(
      [
        {
          // One zero line (its own one-row data: on the points' data it would be drawn once per point).
          data: { values: [{ zero: 0 }] },
          mark: { type: "rule", color: INK, strokeDash: [4, 3], strokeWidth: 1 },
          encoding: { y: { field: "zero", type: "quantitative" } },
        },
        {
          data: { name: DATA_SOURCE },
          mark: { type: "square", color: REFERENCE_COLOR, size: 9, opacity: 0.7 },
          encoding: {
            x: { field: "x", type: "quantitative", title: "Prediction", scale: { zero: false } },
            y: { field: "y", type: "quantitative", title: "Residual" },
          },
        },
      ],
      { width: 240 },
    ),
    values: points.map(([x, y]) => ({ x, y })),
    table: { columns: ["Prediction", "Residual"], rows: summaryRows(points) },
  };
}
