import { API_VERSION } from "../../core/schemas/common.ts";
import type { Column, DatasetManifest } from "../../core/schemas/dataset-manifest.ts";
import type { DriftColumnResult, DriftReport } from "../../core/schemas/drift-report.ts";
import type { ModelCard } from "../../core/schemas/model-card.ts";
import type { Random } from "../generator/random.ts";

/**
 * SYNTHETIC drift reports for site fixtures and benchmarks: shapes and verdicts that
 * satisfy DriftReportSchema (histograms, tests, thresholds), with a chosen intensity of
 * drift. Real reports come from `almanac drift`.
 */

const NUMERIC_BINS = 10;
const P_THRESHOLD = 0.05;
const round = (value: number) => Number(value.toFixed(4));

function normalise(weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  return weights.map((weight) => round(weight / total));
}

function numericHistogram(column: Column, shift: number) {
  const low = typeof column.min === "number" ? column.min : 0;
  const high = typeof column.max === "number" ? column.max : low + 10;
  const step = (high - low) / NUMERIC_BINS;
  const edges = Array.from({ length: NUMERIC_BINS + 1 }, (_, index) => round(low + index * step));
  const bell = (center: number) =>
    Array.from({ length: NUMERIC_BINS }, (_, index) => Math.exp(-((index + 0.5 - center) ** 2) / 6));
  const center = NUMERIC_BINS / 2;
  return {
    labels: edges.slice(0, -1).map((edge, index) => `[${edge}, ${edges[index + 1]})`),
    edges,
    reference: normalise(bell(center)),
    current: normalise(bell(center + shift * NUMERIC_BINS * 0.4)),
  };
}

function categoryHistogram(column: Column, shift: number, random: Random) {
  const labels = (column.values ?? ["false", "true"]).map(String);
  const reference = labels.map(() => 1 + random.next());
  return {
    labels,
    reference: normalise(reference),
    current: normalise(reference.map((weight, index) => weight * (1 + (index === 0 ? shift * 3 : 0)))),
  };
}

function columnResult(column: Column, intensity: number, random: Random, rows: number): DriftColumnResult {
  const numeric = column.type === "number" || column.type === "integer";
  const shift = intensity * (0.5 + random.next());
  const statistic = round(Math.min(1, 0.03 + shift * 0.5));
  const pValue = round(Math.max(1e-6, Math.exp(-statistic * statistic * rows * 0.25)));
  return {
    column: column.name,
    type: column.type,
    test: numeric ? "ks" : "chisquare",
    direction: "p_value",
    statistic,
    p_value: pValue,
    threshold: P_THRESHOLD,
    drifted: pValue < P_THRESHOLD,
    reference_rows: rows,
    current_rows: Math.round(rows * 0.8),
    reason: numeric
      ? `numeric column with ${rows} reference rows (≤ 1000): two-sample Kolmogorov–Smirnov`
      : `categorical column with ${rows} reference rows (≤ 1000): chi-square test of homogeneity`,
    warnings: [],
    histogram: numeric ? numericHistogram(column, shift) : categoryHistogram(column, shift, random),
  };
}

/** A synthetic drift report of `card`'s features on `date`; intensity 0 is stable, 1 drifts hard. */
export function syntheticDriftReport(
  card: ModelCard,
  manifest: DatasetManifest | undefined,
  date: string,
  intensity: number,
  random: Random,
): DriftReport {
  const rows = manifest?.files.reduce((sum, file) => sum + file.rows, 0) ?? 200;
  const columns = card.dataset.features
    .map((name) => manifest?.columns.find((column) => column.name === name) ?? ({ name, type: "number" } as Column))
    .map((column) => columnResult(column, intensity, random, Math.round(rows * 0.75)));
  const drifted = columns.filter((column) => column.drifted).length;
  const threshold = card.monitoring?.drift_share ?? 0.5;
  const share = columns.length === 0 ? 0 : round(drifted / columns.length);
  return {
    apiVersion: API_VERSION,
    kind: "DriftReport",
    model: card.id,
    date,
    reference: {
      source: `${card.dataset.id}@${card.dataset.version} train split`,
      kind: "raw",
      rows: Math.round(rows * 0.75),
    },
    current: { source: card.monitoring?.current ?? "current.csv", rows: Math.round(rows * 0.6) },
    dataset_drift: share >= threshold,
    drift_share: share,
    drift_share_threshold: threshold,
    drifted_columns: drifted,
    columns,
    schema_changes: [],
    null_rates: [],
    new_categories: [],
  };
}
