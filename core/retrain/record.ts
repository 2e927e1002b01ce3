import type { ModelComparison } from "../diff/types.ts";
import { API_VERSION } from "../schemas/common.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { type RetrainingRecord, RetrainingRecordSchema } from "../schemas/retraining.ts";
import type { RetrainPlan } from "./retrain.ts";
import { checkRetrainGates } from "./retrain-gates.ts";

/**
 * `reports/models/<id>/retraining.json`: the versions, the data added, the drift report that
 * triggered it, the production artifact compared against, every metric paired on the same rows,
 * the retraining gates and the verdict. Key order fixed; no timestamps, so a rerun on the same
 * inputs writes the same bytes. Pure.
 */
export function buildRecord(options: {
  plan: RetrainPlan;
  comparison: ModelComparison;
  evaluation: Evaluation;
  artifact: string;
  card: ModelCard;
}): RetrainingRecord {
  const { plan, comparison, evaluation } = options;
  const gates = checkRetrainGates(options.card.retraining?.gates ?? {}, comparison.metrics);
  const comparisonFailed = comparison.gates.some((gate) => gate.passed === false);
  const evaluationPassed = evaluation.passed && !comparisonFailed;
  const record: RetrainingRecord = {
    $schema: "../../../schemas/retraining.schema.json",
    apiVersion: API_VERSION,
    kind: "Retraining",
    model: { id: plan.model, from: plan.card.from, to: plan.card.to },
    dataset: {
      id: plan.dataset.id,
      from: plan.dataset.from,
      to: plan.dataset.to,
      added: plan.added.map((file) => ({
        path: file.file,
        sha256: file.sha256,
        bytes: file.bytes,
        rows: file.rows,
        first: file.first,
        last: file.last,
      })),
      through: plan.through,
    },
    trigger: plan.trigger,
    production: { version: plan.production.version, artifact: options.artifact },
    comparison: {
      rows: evaluation.provenance.rows.test,
      paired: comparison.pairing?.paired ?? false,
      confidence: comparison.confidence,
      metrics: comparison.metrics.map((metric) => ({
        metric: metric.metric,
        higher_is_better: metric.higherIsBetter,
        production: metric.base,
        retrained: metric.head,
        delta: metric.delta,
        ci: metric.interval,
        method: metric.method,
        verdict: metric.verdict,
      })),
    },
    gates,
    evaluation_passed: evaluationPassed,
    passed: evaluationPassed && gates.every((gate) => gate.passed),
  };
  return RetrainingRecordSchema.parse(record);
}
