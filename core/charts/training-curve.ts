import { CHART_CONFIG, type ChartDefinition, DATA_SOURCE, formatNumber } from "./chart.ts";
import { CATEGORICAL, DASHES } from "./palette.ts";

/** Keys that name the x axis of a training log, in order of preference. */
export const STEP_KEYS = ["epoch", "step", "iteration", "iter", "round", "batch"] as const;

/** Series charted at most (colour, dash and shape pairs stay distinct up to here). */
export const MAX_SERIES = 6;

/** Rows drawn at most: a log of 10,000 steps is thinned to every n-th row (first and last kept). */
export const MAX_LOG_POINTS = 250;

/** Every n-th row of a long log, with the last row, so the chart and its table stay small. */
export function thinLog<T>(log: readonly T[], max = MAX_LOG_POINTS): T[] {
  if (log.length <= max) return [...log];
  const stride = Math.ceil(log.length / max);
  const thinned = log.filter((_, index) => index % stride === 0);
  if ((log.length - 1) % stride !== 0) thinned.push(log[log.length - 1] as T);
  return thinned;
}

/** The step key of a log: the first of {@link STEP_KEYS} present in every row, else undefined (row number). */
export function findStepKey(log: readonly Record<string, number>[]): string | undefined {
  return STEP_KEYS.find((key) => log.length > 0 && log.every((row) => typeof row[key] === "number"));
}

/**
 * Training curves: every numeric series of the training log (loss, val_loss, …)
 * against the epoch or step, each with its own colour and dash so the lines stay apart
 * in print and for colour-blind readers.
 */
export function trainingCurveChart(fullLog: readonly Record<string, number>[]): ChartDefinition {
  const stepKey = findStepKey(fullLog);
  const log = thinLog(fullLog);
  const series = [...new Set(log.flatMap((row) => Object.keys(row)))]
    .filter((key) => key !== stepKey)
    .slice(0, MAX_SERIES);
  const values = log.flatMap((row, index) =>
    series
      .filter((name) => typeof row[name] === "number" && Number.isFinite(row[name]))
      .map((name) => ({ step: stepKey ? row[stepKey] : index + 1, series: name, value: row[name] })),
  );
  const stepTitle = stepKey ?? "row";
  return {
    kind: "training",
    title: "Training curves",
    description:
      describeCurves(fullLog, series, stepKey) +
      (log.length < fullLog.length ? ` Every ${Math.ceil(fullLog.length / MAX_LOG_POINTS)}th row is drawn.` : ""),
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: CHART_CONFIG,
      data: { name: DATA_SOURCE },
      width: 260,
      height: 160,
      mark: { type: "line", strokeWidth: 2 },
      encoding: {
        x: { field: "step", type: "quantitative", title: stepTitle },
        y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
        color: {
          field: "series",
          type: "nominal",
          title: null,
          scale: { domain: series, range: CATEGORICAL.slice(0, series.length) },
        },
        strokeDash: {
          field: "series",
          type: "nominal",
          title: null,
          scale: { domain: series, range: DASHES.slice(0, series.length).map((dash) => [...dash]) },
        },
      },
    },
    values,
    table: {
      columns: [stepTitle, ...series],
      rows: log.map((row, index) => [
        stepKey ? (row[stepKey] ?? null) : index + 1,
        ...series.map((name) => row[name] ?? null),
      ]),
    },
  };
}

function describeCurves(log: readonly Record<string, number>[], series: readonly string[], stepKey?: string): string {
  const first = log[0];
  const last = log.at(-1);
  if (!first || !last) return "The training log is empty.";
  const parts = series.map((name) => `${name} from ${formatNumber(first[name])} to ${formatNumber(last[name])}`);
  return `${log.length} ${stepKey ?? "row"}s logged. ${parts.join("; ")}.`;
}
