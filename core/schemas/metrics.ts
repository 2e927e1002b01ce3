import { z } from "zod";

/** The three tasks a model card can declare. */
export const TaskSchema = z
  .enum(["binary-classification", "multiclass-classification", "regression"])
  .describe("What the model predicts: binary-classification, multiclass-classification or regression.");
export type Task = z.infer<typeof TaskSchema>;

/** How a metric is judged: whether a larger value is better, and which tasks compute it. */
export interface MetricDefinition {
  readonly name: string;
  readonly label: string;
  readonly higherIsBetter: boolean;
  readonly tasks: readonly Task[];
  readonly kind: "performance" | "fairness";
}

const CLASSIFICATION: readonly Task[] = ["binary-classification", "multiclass-classification"];
const BINARY: readonly Task[] = ["binary-classification"];
const REGRESSION: readonly Task[] = ["regression"];
const ALL: readonly Task[] = [...CLASSIFICATION, ...REGRESSION];

function defineMetric(
  name: string,
  label: string,
  higherIsBetter: boolean,
  tasks: readonly Task[],
  kind: MetricDefinition["kind"] = "performance",
): MetricDefinition {
  return { name, label, higherIsBetter, tasks, kind };
}

/** Every metric Almanac computes; gates may name only these, and only for the tasks listed. */
export const METRICS: readonly MetricDefinition[] = [
  defineMetric("accuracy", "Accuracy", true, CLASSIFICATION),
  defineMetric("balanced_accuracy", "Balanced accuracy", true, CLASSIFICATION),
  defineMetric("precision", "Precision", true, BINARY),
  defineMetric("recall", "Recall", true, BINARY),
  defineMetric("f1", "F1", true, BINARY),
  defineMetric("macro_f1", "Macro F1", true, CLASSIFICATION),
  defineMetric("weighted_f1", "Weighted F1", true, CLASSIFICATION),
  defineMetric("roc_auc", "ROC AUC", true, CLASSIFICATION),
  defineMetric("log_loss", "Log loss", false, CLASSIFICATION),
  defineMetric("brier", "Brier score", false, BINARY),
  defineMetric("mae", "Mean absolute error", false, REGRESSION),
  defineMetric("rmse", "Root mean squared error", false, REGRESSION),
  defineMetric("r2", "R²", true, REGRESSION),
  defineMetric("mape", "Mean absolute percentage error", false, REGRESSION),
  defineMetric("demographic_parity_difference", "Demographic parity difference", false, BINARY, "fairness"),
  defineMetric("demographic_parity_ratio", "Demographic parity ratio", true, BINARY, "fairness"),
  defineMetric("equalized_odds_difference", "Equalized odds difference", false, BINARY, "fairness"),
  defineMetric("primary_metric_gap", "Largest between-group gap of the primary metric", false, ALL, "fairness"),
];

/** All metric names, for schemas and "did you mean" hints. */
export const METRIC_NAMES = METRICS.map((metric) => metric.name);

export const MetricNameSchema = z
  .enum(METRIC_NAMES as [string, ...string[]])
  .describe("A metric Almanac computes (see METRICS in core/schemas/metrics.ts).");

/** Looks up a metric by name; undefined when unknown. */
export function findMetric(name: string): MetricDefinition | undefined {
  return METRICS.find((metric) => metric.name === name);
}

/** The metric names a task allows in gates and as its primary metric. */
export function metricsForTask(task: Task): string[] {
  return METRICS.filter((metric) => metric.tasks.includes(task)).map((metric) => metric.name);
}
