import type { IntervalSettings } from "../evaluate/settings.ts";
import type { Task } from "../schemas/metrics.ts";
import { classificationDeltas, type DeltaInterval, regressionDeltas } from "./delta-intervals.ts";
import { encodeClassification, encodeRegression, type Pairing, pairPredictions, unionLabels } from "./pairing.ts";
import type { PredictionTable } from "./predictions.ts";

/** Intervals of every metric's delta from two predictions files, and how the rows paired. */
export interface PredictionDeltas {
  pairing: Pairing;
  deltas: Record<string, DeltaInterval>;
}

/**
 * Pairs two predictions files on row_id and computes the interval of head − base for every
 * metric of the task: paired when both cover the same rows, unpaired (and said so)
 * otherwise. Throws an Error with a reason for data it cannot use (e.g. a non-numeric
 * regression target). Pure.
 */
export function predictionDeltas(
  task: Task,
  base: PredictionTable,
  head: PredictionTable,
  settings: IntervalSettings,
  positiveClass?: string,
): PredictionDeltas {
  const pairing = pairPredictions(base, head);
  if (base.rowIds.length === 0 || head.rowIds.length === 0) throw new Error("a predictions file has no rows");
  const order = pairing.paired ? pairing.headOrder : null;
  if (task === "regression") {
    const pair = { base: encodeRegression(base), head: encodeRegression(head, order), paired: pairing.paired };
    for (const side of [pair.base, pair.head]) {
      if (side.truth.some(Number.isNaN) || side.predicted.some(Number.isNaN)) {
        throw new Error("a regression target or prediction is not a number");
      }
    }
    return { pairing, deltas: regressionDeltas(pair, settings) };
  }
  const labels = unionLabels([base, head]);
  const binary = task === "binary-classification";
  const options = { binary, ...(positiveClass === undefined ? {} : { positiveClass }) };
  const pair = {
    base: encodeClassification(base, labels, options),
    head: encodeClassification(head, labels, { ...options, order }),
    paired: pairing.paired,
  };
  return { pairing, deltas: classificationDeltas(pair, settings) };
}
