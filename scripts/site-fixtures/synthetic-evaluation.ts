import { API_VERSION } from "../../core/schemas/common.ts";
import type { DatasetManifest } from "../../core/schemas/dataset-manifest.ts";
import type { Evaluation, GateResult } from "../../core/schemas/evaluation.ts";
import { findMetric, metricsForTask } from "../../core/schemas/metrics.ts";
import type { ModelCard } from "../../core/schemas/model-card.ts";
import type { Random } from "../generator/random.ts";

/**
 * SYNTHETIC evaluation reports for site fixtures and benchmarks: plausible numbers that
 * satisfy EvaluationSchema, so the catalogue can be built and measured before (and
 * without) running `almanac evaluate` on thousands of models. Never used for real models.
 */

const round = (value: number) => Number(value.toFixed(4));
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Class labels of the card's target column, from the manifest (booleans as "false"/"true"). */
export function targetClasses(card: ModelCard, manifest: DatasetManifest | undefined): string[] {
  const column = manifest?.columns.find((candidate) => candidate.name === card.dataset.target);
  if (column?.values && column.values.length > 0) return column.values.map(String).sort();
  return ["false", "true"];
}

function headlineValues(task: ModelCard["task"], quality: number, random: Random): Record<string, number> {
  const noise = () => (random.next() - 0.5) * 0.02;
  if (task === "regression") {
    const rmse = 2 + (1 - quality) * 6;
    return { mae: rmse * 0.8, rmse, r2: clamp01(quality - 0.15 + noise()), mape: 0.05 + (1 - quality) * 0.4 };
  }
  const values: Record<string, number> = {
    accuracy: clamp01(quality + noise()),
    balanced_accuracy: clamp01(quality - 0.02 + noise()),
    macro_f1: clamp01(quality - 0.03 + noise()),
    weighted_f1: clamp01(quality - 0.01 + noise()),
    roc_auc: clamp01(quality + 0.04 + noise()),
    log_loss: (1 - quality) * 1.4 + 0.05,
  };
  if (task === "binary-classification") {
    Object.assign(values, {
      precision: clamp01(quality - 0.04 + noise()),
      recall: clamp01(quality - 0.05 + noise()),
      f1: clamp01(quality - 0.045 + noise()),
      brier: (1 - quality) * 0.3,
    });
  }
  return values;
}

function metricsOf(task: ModelCard["task"], quality: number, random: Random): Evaluation["metrics"] {
  const values = headlineValues(task, quality, random);
  const names = metricsForTask(task).filter((name) => findMetric(name)?.kind === "performance");
  return Object.fromEntries(
    names.map((name) => {
      const value = values[name] ?? quality;
      const width = Math.abs(value) * (0.02 + random.next() * 0.04) + 0.005;
      const bounded = findMetric(name)?.higherIsBetter === true || name === "brier";
      const low = bounded ? clamp01(value - width) : value - width;
      const high = bounded ? clamp01(value + width) : value + width;
      const method = name === "roc_auc" ? "delong" : "bootstrap";
      return [name, { value: round(value), ci: [round(low), round(high)] as [number, number], method }];
    }),
  );
}

function classTables(classes: string[], quality: number, testRows: number, random: Random) {
  const supports = classes.map(() => 1 + random.next());
  const total = supports.reduce((sum, value) => sum + value, 0);
  const counts = supports.map((value) => Math.max(1, Math.round((value / total) * testRows)));
  const matrix = counts.map((count, row) => {
    const correct = Math.round(count * clamp01(quality + (random.next() - 0.5) * 0.1));
    const cells = classes.map(() => 0);
    cells[row] = correct;
    cells[(row + 1) % classes.length] = (cells[(row + 1) % classes.length] ?? 0) + (count - correct);
    return cells;
  });
  const perClass = classes.map((label, index) => {
    const truePositives = matrix[index]?.[index] ?? 0;
    const predicted = matrix.reduce((sum, row) => sum + (row[index] ?? 0), 0);
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = (counts[index] ?? 0) === 0 ? 0 : truePositives / (counts[index] ?? 1);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return {
      class: label,
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
      support: counts[index] ?? 0,
    };
  });
  return { perClass, confusion: { labels: classes, matrix } };
}

function fairnessOf(card: ModelCard, manifest: DatasetManifest | undefined, primary: number, random: Random) {
  const fairness: Evaluation["fairness"] = {};
  for (const column of card.dataset.sensitive) {
    const values = manifest?.columns.find((candidate) => candidate.name === column)?.values?.map(String) ?? ["a", "b"];
    const groups = values.map((group) => ({
      group,
      count: 20 + Math.floor(random.next() * 60),
      metrics: { [card.evaluation.primary_metric]: round(primary + (random.next() - 0.5) * 0.08) },
    }));
    const scores = groups.map((group) => group.metrics[card.evaluation.primary_metric] as number);
    const binary = card.task === "binary-classification";
    const rates = groups.map(() => 0.3 + random.next() * 0.2);
    fairness[column] = {
      groups,
      primary_metric_gap: round(Math.max(...scores) - Math.min(...scores)),
      ...(binary
        ? {
            demographic_parity_difference: round(Math.max(...rates) - Math.min(...rates)),
            demographic_parity_ratio: round(Math.min(...rates) / Math.max(...rates)),
            equalized_odds_difference: round(random.next() * 0.15),
          }
        : {}),
      warnings: [],
    };
  }
  return fairness;
}

function gateResults(card: ModelCard, metrics: Evaluation["metrics"], fairness: Evaluation["fairness"]): GateResult[] {
  const fairnessValue = (name: string) =>
    Math.max(...Object.values(fairness).map((column) => (column as Record<string, unknown>)[name] as number), 0);
  return Object.entries(card.evaluation.gates).flatMap(([metric, gate]) => {
    const value = metrics[metric]?.value ?? (findMetric(metric)?.kind === "fairness" ? fairnessValue(metric) : null);
    const ci = metrics[metric]?.ci ?? null;
    const results: GateResult[] = [];
    if (gate.min !== undefined) {
      const passed = value === null ? null : value >= gate.min;
      results.push({
        metric,
        kind: "min",
        bound: gate.min,
        value,
        ci,
        passed,
        message: `${metric} ${value} ${passed ? "≥" : "<"} ${gate.min}`,
      });
    }
    if (gate.max !== undefined) {
      const passed = value === null ? null : value <= gate.max;
      results.push({
        metric,
        kind: "max",
        bound: gate.max,
        value,
        ci,
        passed,
        message: `${metric} ${value} ${passed ? "≤" : ">"} ${gate.max}`,
      });
    }
    if (gate.max_drop !== undefined) {
      results.push({
        metric,
        kind: "max_drop",
        bound: gate.max_drop,
        value,
        ci,
        baseline: null,
        passed: null,
        message: "no baseline evaluation to compare with",
      });
    }
    return results;
  });
}

function trainingLog(random: Random): Record<string, number>[] {
  const start = 1 + random.next();
  return Array.from({ length: 12 }, (_, index) => {
    const epoch = index + 1;
    const loss = start / (1 + 0.35 * index) + random.next() * 0.02;
    return { epoch, loss: round(loss), val_loss: round(loss * (1.08 + 0.01 * index) + random.next() * 0.02) };
  });
}

/** A synthetic evaluation of `card` at `version`, with quality in (0, 1) setting how good the numbers are. */
export function syntheticEvaluation(
  card: ModelCard,
  manifest: DatasetManifest | undefined,
  version: string,
  quality: number,
  random: Random,
  commit: string | null,
): Evaluation {
  const testRows = Math.max(20, Math.round((manifest?.files.reduce((sum, file) => sum + file.rows, 0) ?? 200) * 0.25));
  const metrics = metricsOf(card.task, quality, random);
  const classification = card.task !== "regression";
  const tables = classification ? classTables(targetClasses(card, manifest), quality, testRows, random) : undefined;
  const fairness = fairnessOf(card, manifest, metrics[card.evaluation.primary_metric]?.value ?? quality, random);
  const gates = gateResults(card, metrics, fairness);
  const rmse = metrics.rmse?.value ?? 1;
  return {
    apiVersion: API_VERSION,
    kind: "Evaluation",
    model: { id: card.id, version, task: card.task, primary_metric: card.evaluation.primary_metric },
    metrics,
    ...(tables ? { per_class: tables.perClass, confusion_matrix: tables.confusion } : {}),
    ...(classification
      ? {}
      : {
          residuals: {
            mean: 0.01,
            std: rmse,
            min: -3 * rmse,
            p05: -1.6 * rmse,
            p25: -0.6 * rmse,
            median: 0,
            p75: 0.6 * rmse,
            p95: 1.6 * rmse,
            max: 3 * rmse,
          },
        }),
    fairness,
    gates,
    passed: gates.every((gate) => gate.passed !== false),
    ...(random.chance(0.5) ? { training_log: trainingLog(random) } : {}),
    provenance: {
      card_version: version,
      commit,
      dirty: false,
      dataset: {
        id: card.dataset.id,
        version: card.dataset.version,
        files: (manifest?.files ?? []).map((file) => ({ path: file.path ?? file.uri ?? "", sha256: file.sha256 })),
      },
      split: card.evaluation.split,
      rows: { train: testRows * 3, test: testRows },
      params: card.training.params,
      command: card.training.command,
      exit_code: 0,
      duration_ms: 1000 + Math.round(random.next() * 5000),
      seed: card.training.seed,
      bootstrap: card.evaluation.bootstrap,
      predictions: { file: `reports/models/${card.id}/predictions.csv.gz`, sha256: "0".repeat(64) },
      tool: { name: "almanac", version: "0.1.0 (synthetic fixture)" },
      runtime: { node: "24" },
    },
  };
}
