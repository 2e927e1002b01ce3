import { plural } from "../util/plural.ts";
import { CHART_CONFIG, type ChartDefinition, DATA_SOURCE } from "./chart.ts";
import { INK } from "./palette.ts";

const CELL = 34;
/** Above this share of its row a cell is dark, so its count is written in white. */
const DARK_CELL_SHARE = 0.55;

/**
 * A confusion matrix heatmap: rows are the true class, columns the predicted class,
 * shade the share of the true class (single-hue blues, which read in grey print), and
 * every cell carries its count as text so no value depends on colour.
 */
export function confusionMatrixChart(
  labels: readonly string[],
  matrix: readonly (readonly number[])[],
): ChartDefinition {
  const values: Record<string, unknown>[] = [];
  let correct = 0;
  let total = 0;
  labels.forEach((truth, row) => {
    const counts = matrix[row] ?? [];
    const rowTotal = counts.reduce((sum, count) => sum + count, 0);
    labels.forEach((predicted, column) => {
      const count = counts[column] ?? 0;
      total += count;
      if (row === column) correct += count;
      values.push({ truth, predicted, row, column, count, share: rowTotal === 0 ? 0 : count / rowTotal });
    });
  });
  const side = Math.max(labels.length * CELL, 60);
  return {
    kind: "confusion",
    title: "Confusion matrix",
    description: `${plural(labels.length, "class", "classes")}, ${plural(total, "row")}; ${correct} on the diagonal (predicted correctly). Rows are the true class, columns the predicted class.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: CHART_CONFIG,
      data: { name: DATA_SOURCE },
      width: side,
      height: side,
      encoding: {
        x: {
          field: "predicted",
          type: "nominal",
          sort: { field: "column", op: "min" },
          title: "Predicted",
          axis: { orient: "top", labelAngle: -40, labelLimit: 90 },
        },
        y: {
          field: "truth",
          type: "nominal",
          sort: { field: "row", op: "min" },
          title: "True",
          axis: { labelLimit: 90 },
        },
      },
      layer: [
        {
          mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1 },
          encoding: {
            color: {
              field: "share",
              type: "quantitative",
              scale: { scheme: "blues", domain: [0, 1] },
              legend: null,
            },
          },
        },
        {
          mark: { type: "text", fontSize: 11 },
          encoding: {
            text: { field: "count", type: "quantitative" },
            color: { condition: { test: `datum.share > ${DARK_CELL_SHARE}`, value: "#ffffff" }, value: INK },
          },
        },
      ],
    },
    values,
    table: {
      columns: ["True \\ predicted", ...labels],
      rows: labels.map((label, row) => [label, ...labels.map((_, column) => matrix[row]?.[column] ?? 0)]),
    },
  };
}
