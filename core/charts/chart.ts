import type { TopLevelSpec } from "vega-lite";
import { FONT, GRID, INK, MUTED_INK } from "./palette.ts";

/** One cell of a chart's fallback data table. */
export type TableCell = string | number | null;

/** The data behind a chart as a plain table: the text alternative for readers who cannot see the chart. */
export interface ChartTable {
  columns: string[];
  rows: TableCell[][];
}

/**
 * A chart ready to render: a Vega-Lite spec whose data is the named source `table`
 * (so one compiled view serves every chart of the same shape), the rows to feed it,
 * and its accessible title, description and data table.
 */
export interface ChartDefinition {
  /** Short name of the chart family, e.g. `trend`; used in CSS classes. */
  kind: string;
  /** Visible title, also the SVG `<title>`. */
  title: string;
  /** One or two sentences saying what the chart shows: the SVG `<desc>` and aria-label. */
  description: string;
  /** The Vega-Lite spec without data values (data: {name: "table"}). */
  spec: TopLevelSpec;
  /** Rows fed to the `table` data source. */
  values: Record<string, unknown>[];
  /** The same numbers as a table. */
  table: ChartTable;
}

/** Name of the data source every chart spec reads. */
export const DATA_SOURCE = "table";

/**
 * Shared Vega-Lite config: site font, dark ink for contrast, no per-mark ARIA (the whole
 * SVG is one image with a text alternative and a data table).
 */
export const CHART_CONFIG = {
  aria: false,
  font: FONT,
  background: "#ffffff",
  padding: 4,
  view: { stroke: null },
  axis: {
    labelColor: INK,
    titleColor: INK,
    domainColor: MUTED_INK,
    tickColor: MUTED_INK,
    gridColor: GRID,
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 600,
  },
  legend: { labelColor: INK, titleColor: INK, labelFontSize: 11, titleFontSize: 11, orient: "bottom" },
  header: { labelColor: INK, titleColor: INK, labelFontSize: 11, labelFontWeight: 600 },
  title: { color: INK },
} as const;

/** Formats a number for tables and descriptions: up to 4 significant digits, "—" for null. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e6)) return Number(value.toPrecision(3)).toExponential();
  return String(Number(value.toPrecision(4)));
}
