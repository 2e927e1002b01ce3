import { predictionDeltas } from "../diff/prediction-deltas.ts";
import { parsePredictionsCsv } from "../diff/predictions.ts";
import { assembleClassification } from "../evaluate/assemble.ts";
import type { EvaluationResult } from "../evaluate/evaluate-core.ts";
import { predictionsCsv } from "../evaluate/predictions-output.ts";
import type { IntervalSettings } from "../evaluate/settings.ts";
import { groupCodes } from "../metrics/fairness/groups.ts";
import type { Mitigation } from "../schemas/evaluation.ts";
import type { FairnessConfig } from "../schemas/model-card.ts";
import { compareGaps } from "./gap-intervals.ts";
import type { ReweighingCell } from "./reweighing.ts";

/**
 * The evaluation's `mitigation` record: the weights by cell, the primary metric with and without
 * the mitigation and the paired interval of the difference (the cost), and the column's fairness
 * gaps with and without it, each with an interval. Both results must be of the same test rows in
 * the same order (the split's), which `almanac train` guarantees. Pure.
 */
export function mitigationRecord(options: {
  config: FairnessConfig;
  cells: readonly ReweighingCell[];
  primary: string;
  mitigated: EvaluationResult;
  unmitigated: EvaluationResult;
  settings: IntervalSettings;
}): Mitigation {
  const { mitigated, unmitigated, primary, settings } = options;
  const labels = mitigated.labels as string[];
  const positive = mitigated.positiveClass === null ? null : labels.indexOf(mitigated.positiveClass);
  const withData = assembleClassification(mitigated.joined, labels, positive);
  const withoutData = assembleClassification(unmitigated.joined, labels, positive);
  const coded = mitigated.joined.sensitive[options.config.column];
  const groups = coded ? groupCodes(coded) : [];
  const task = positive === null ? "multiclass-classification" : "binary-classification";
  const deltas = predictionDeltas(
    task,
    parsePredictionsCsv(predictionsCsv(unmitigated.joined)),
    parsePredictionsCsv(predictionsCsv(mitigated.joined)),
    settings,
    mitigated.positiveClass ?? undefined,
  );
  const change = deltas.deltas[primary];
  const withMetric = mitigated.metrics[primary];
  const withoutMetric = unmitigated.metrics[primary];
  return {
    method: options.config.mitigation,
    column: options.config.column,
    weights: options.cells.map((cell) => ({
      group: cell.group,
      class: cell.label,
      count: cell.count,
      weight: cell.weight,
    })),
    primary_metric: {
      metric: primary,
      with: { value: withMetric?.value ?? null, ci: withMetric?.ci ?? null },
      without: { value: withoutMetric?.value ?? null, ci: withoutMetric?.ci ?? null },
      change: {
        value:
          change?.head === null || change?.base === null || change === undefined ? null : change.head - change.base,
        ci: change?.interval ?? null,
        method: change?.method ?? null,
      },
    },
    gaps: compareGaps(withData, withoutData, groups, primary, settings),
  };
}
