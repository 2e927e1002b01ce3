import { createHash } from "node:crypto";
import { API_VERSION } from "../schemas/common.ts";
import { type Evaluation, EvaluationSchema } from "../schemas/evaluation.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { writeFileAtomic, writeJsonAtomic } from "../util/atomic-write.ts";
import { evaluationPath } from "./baseline.ts";
import type { EvaluationResult } from "./evaluate-core.ts";
import { gzipDeterministic, predictionsCsv } from "./predictions-output.ts";

/** Where a model's committed predictions live. */
export function predictionsPath(modelId: string): string {
  return `reports/models/${modelId}/predictions.csv.gz`;
}

/** The gzipped predictions file and its hash, ready to write. */
export function encodePredictions(result: EvaluationResult): { bytes: Uint8Array; sha256: string } {
  const bytes = gzipDeterministic(predictionsCsv(result.joined));
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Assembles evaluation.json (key order fixed, so equal inputs give equal bytes) and validates it. */
export function buildEvaluation(options: {
  card: ModelCard;
  result: EvaluationResult;
  gates: Evaluation["gates"];
  provenance: Evaluation["provenance"];
  trainingLog?: Evaluation["training_log"];
  mitigation?: Evaluation["mitigation"];
  artifact?: Evaluation["artifact"];
}): Evaluation {
  const { card, result } = options;
  const evaluation: Evaluation = {
    $schema: "../../../schemas/evaluation.schema.json",
    apiVersion: API_VERSION,
    kind: "Evaluation",
    model: {
      id: card.id,
      version: card.version,
      task: card.task,
      primary_metric: card.evaluation.primary_metric,
      ...(result.positiveClass === null ? {} : { positive_class: result.positiveClass }),
    },
    metrics: result.metrics,
    ...(result.per_class ? { per_class: result.per_class } : {}),
    ...(result.confusion_matrix ? { confusion_matrix: result.confusion_matrix } : {}),
    ...(result.residuals ? { residuals: result.residuals } : {}),
    fairness: result.fairness,
    gates: options.gates,
    passed: options.gates.every((gate) => gate.passed !== false),
    ...(options.trainingLog ? { training_log: options.trainingLog } : {}),
    ...(options.mitigation ? { mitigation: options.mitigation } : {}),
    ...(options.artifact ? { artifact: options.artifact } : {}),
    provenance: options.provenance,
  };
  return EvaluationSchema.parse(evaluation);
}

/**
 * Writes reports/models/<id>/predictions.csv.gz, then evaluation.json, each atomically (temp file
 * and rename): an interrupted run leaves the previous pair in place.
 */
export async function writeEvaluation(root: string, evaluation: Evaluation, predictions: Uint8Array): Promise<void> {
  await writeFileAtomic(`${root}/${predictionsPath(evaluation.model.id)}`, predictions);
  await writeJsonAtomic(`${root}/${evaluationPath(evaluation.model.id)}`, evaluation);
}
