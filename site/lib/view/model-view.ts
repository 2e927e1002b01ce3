import type { ChartDefinition } from "../../../core/charts/chart.ts";
import { confusionMatrixChart } from "../../../core/charts/confusion-matrix.ts";
import { calibrationChart, precisionRecallChart, residualChart, rocChart } from "../../../core/charts/curve-charts.ts";
import { fairnessChart } from "../../../core/charts/fairness.ts";
import { trainingCurveChart } from "../../../core/charts/training-curve.ts";
import { trendChart } from "../../../core/charts/trend.ts";
import type { Evaluation } from "../../../core/schemas/evaluation.ts";
import { METRIC_NAMES } from "../../../core/schemas/metrics.ts";
import type { RetrainingRecord } from "../../../core/schemas/retraining.ts";
import type { EvaluationCurves } from "../data/curves.ts";
import type { SiteDataset, SiteModel } from "../data/site-data.ts";
import { type RepoLinks, sourceUrl } from "../repo-links.ts";
import { buildDriftView, type DriftView } from "./drift-view.ts";
import { buildLineage, type LineageLink } from "./lineage.ts";
import { metricHistory, metricLabel, type VersionMetrics } from "./metric-history.ts";
import type { SiteIndex } from "./site-index.ts";
import { buildTimeline, type TimelineEntry } from "./timeline.ts";
import { buildVerdict, type Verdict } from "./verdict.ts";
import { buildVersionRows, type VersionRow } from "./versions.ts";

/** Metrics charted across versions besides the primary one: the page stays small, the table lists all. */
export const MAX_TREND_CHARTS = 4;

/** A line needs two points: with fewer, the page says so in words instead of drawing a lone dot. */
export const MIN_TREND_POINTS = 2;

/** One row of the metrics table. */
export interface MetricRow {
  name: string;
  label: string;
  value: number | null;
  ci: [number, number] | null;
  method: string;
  primary: boolean;
}

/** One sensitive column: its groups' metrics, the Fairlearn summaries and the chart. */
export interface FairnessView {
  column: string;
  metricNames: string[];
  groups: { group: string; count: number; metrics: Record<string, number | null> }[];
  summary: { label: string; value: number | null }[];
  warnings: string[];
  chart: ChartDefinition;
}

/** Everything a model page shows. */
export interface ModelView {
  model: SiteModel;
  verdict: Verdict;
  sourceHref: string | undefined;
  evaluation: Evaluation | undefined;
  evaluationHref: string | undefined;
  metrics: MetricRow[];
  versions: VersionMetrics[];
  trendCharts: ChartDefinition[];
  confusionChart: ChartDefinition | undefined;
  /** ROC, precision–recall and calibration (binary) or residuals (regression), from the committed predictions. */
  curves: { rows: number; positive: string | undefined; charts: ChartDefinition[] } | undefined;
  fairness: FairnessView[];
  trainingChart: ChartDefinition | undefined;
  timeline: TimelineEntry[];
  /** Every version, newest first, with its stage changes (the version table). */
  versionRows: VersionRow[];
  drift: DriftView;
  lineage: LineageLink[];
  /** How this version was retrained (from `almanac retrain`): trigger, data added, verdict. */
  retraining: RetrainingRecord | undefined;
  dataset: SiteDataset | undefined;
}

/** Metric names in the order METRICS lists them (a stable, meaningful order), then any others. */
function orderedMetricNames(names: Iterable<string>): string[] {
  const set = new Set(names);
  return [...METRIC_NAMES.filter((name) => set.has(name)), ...[...set].filter((name) => !METRIC_NAMES.includes(name))];
}

function metricRows(evaluation: Evaluation | undefined, primary: string): MetricRow[] {
  if (!evaluation) return [];
  const names = orderedMetricNames(Object.keys(evaluation.metrics));
  const ordered = [primary, ...names.filter((name) => name !== primary)].filter((name) => evaluation.metrics[name]);
  return ordered.map((name) => {
    const metric = evaluation.metrics[name] as Evaluation["metrics"][string];
    return {
      name,
      label: metricLabel(name),
      value: metric.value,
      ci: metric.ci,
      method: metric.method,
      primary: name === primary,
    };
  });
}

function trendCharts(versions: readonly VersionMetrics[], primary: string): ChartDefinition[] {
  const names = orderedMetricNames(versions.flatMap((entry) => Object.keys(entry.values)));
  const charted = [primary, ...names.filter((name) => name !== primary)].slice(0, MAX_TREND_CHARTS);
  return charted
    .map((name) => {
      const points = versions
        .filter((entry) => entry.values[name] !== undefined)
        .map((entry) => ({
          version: entry.version,
          value: entry.values[name] as number,
          low: entry.intervals[name]?.[0] ?? null,
          high: entry.intervals[name]?.[1] ?? null,
        }));
      return points.length < MIN_TREND_POINTS ? undefined : trendChart(metricLabel(name), points);
    })
    .filter((chart): chart is ChartDefinition => chart !== undefined);
}

function fairnessViews(evaluation: Evaluation | undefined, primary: string): FairnessView[] {
  if (!evaluation) return [];
  return Object.entries(evaluation.fairness).map(([column, fairness]) => {
    const metricNames = orderedMetricNames(fairness.groups.flatMap((group) => Object.keys(group.metrics)));
    const charted = metricNames.includes(primary) ? primary : (metricNames[0] ?? primary);
    const summary = [
      { label: "Largest gap in the primary metric", value: fairness.primary_metric_gap },
      ...(["demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference"] as const)
        .filter((name) => fairness[name] !== undefined)
        .map((name) => ({ label: metricLabel(name), value: fairness[name] ?? null })),
    ];
    return {
      column,
      metricNames,
      groups: fairness.groups,
      summary,
      warnings: fairness.warnings,
      chart: fairnessChart(
        column,
        metricLabel(charted),
        fairness.groups.map((group) => ({
          group: group.group,
          count: group.count,
          value: group.metrics[charted] ?? null,
        })),
      ),
    };
  });
}

function curveCharts(curves: EvaluationCurves | undefined, evaluation: Evaluation | undefined): ModelView["curves"] {
  if (!curves) return undefined;
  if (curves.kind === "regression")
    return { rows: curves.rows, positive: undefined, charts: [residualChart(curves.residuals, curves.rows)] };
  const charts = [
    curves.roc ? rocChart(curves.roc, evaluation?.metrics.roc_auc?.value ?? null) : undefined,
    curves.precisionRecall && curves.prevalence !== undefined
      ? precisionRecallChart(curves.precisionRecall, curves.prevalence)
      : undefined,
    curves.calibration.length > 0 ? calibrationChart(curves.calibration) : undefined,
  ].filter((chart): chart is ChartDefinition => chart !== undefined);
  return charts.length === 0 ? undefined : { rows: curves.rows, positive: curves.positive, charts };
}

/** Builds the model page's content for one model. Pure: the same index gives the same page. */
export function buildModelView(index: SiteIndex, id: string, base: string, links: RepoLinks): ModelView | undefined {
  const model = index.modelsById.get(id);
  if (!model) return undefined;
  const { card } = model;
  const loaded = index.evaluations.get(id);
  const evaluation = loaded?.evaluation;
  const events = index.history.get(id) ?? [];
  const reports = index.drift.get(id) ?? [];
  const primary = card.evaluation.primary_metric;
  const versions = metricHistory(events, evaluation);
  return {
    model,
    verdict: buildVerdict(base, card, evaluation, events, reports, links),
    sourceHref: sourceUrl(links, model.file),
    evaluation,
    evaluationHref: loaded ? sourceUrl(links, loaded.file) : undefined,
    metrics: metricRows(evaluation, primary),
    versions,
    trendCharts: trendCharts(versions, primary),
    confusionChart: evaluation?.confusion_matrix
      ? confusionMatrixChart(evaluation.confusion_matrix.labels, evaluation.confusion_matrix.matrix)
      : undefined,
    curves: curveCharts(loaded?.curves, evaluation),
    fairness: fairnessViews(evaluation, primary),
    trainingChart: evaluation?.training_log?.length ? trainingCurveChart(evaluation.training_log) : undefined,
    timeline: buildTimeline(base, events, links, {
      driftDates: new Set(reports.map((report) => report.date)),
      datasets: new Set(index.datasets.keys()),
      primaryMetric: primary,
    }),
    versionRows: buildVersionRows(events),
    drift: buildDriftView(base, id, reports),
    lineage: buildLineage(card, events),
    retraining: loaded?.retraining,
    dataset: index.datasets.get(card.dataset.id),
  };
}
