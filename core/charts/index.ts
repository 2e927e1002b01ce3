export { CHART_CONFIG, type ChartDefinition, type ChartTable, formatNumber, type TableCell } from "./chart.ts";
export { confusionMatrixChart } from "./confusion-matrix.ts";
export { type ColumnDistribution, distributionChart } from "./distribution.ts";
export { type DriftSharePoint, driftShareChart } from "./drift-share.ts";
export { type FairnessBar, fairnessChart } from "./fairness.ts";
export { disposeChartViews, renderChartSvg, renderStats } from "./render.ts";
export { sparklineChart, type VersionValue } from "./sparkline.ts";
export { findStepKey, trainingCurveChart } from "./training-curve.ts";
export { type TrendPoint, trendChart } from "./trend.ts";
