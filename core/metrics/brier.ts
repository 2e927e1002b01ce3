import { compensatedSum } from "./sum.ts";
import { type ClassificationData, type MetricOutcome, undefinedMetric } from "./types.ts";

/** Per-row squared error `(1[y = positive] − p)²` of the positive class's probability. O(n). */
export function brierPerRow(data: ClassificationData): Float64Array | null {
  const scores = data.positiveScores;
  if (!scores || data.positive === null) return null;
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const error = (data.truth[i] === data.positive ? 1 : 0) - (scores[i] as number);
    out[i] = error * error;
  }
  return out;
}

/**
 * Brier score: mean squared difference between the positive class's probability and the 0/1
 * outcome, as scikit-learn's `brier_score_loss(pos_label=…)`. Binary only; lower is better.
 * Example: truth [1, 0], p [0.9, 0.2] → (0.01 + 0.04) / 2 = 0.025.
 */
export function brier(data: ClassificationData): MetricOutcome {
  return brierOfRows(brierPerRow(data));
}

/** {@link brier} from the squares {@link brierPerRow} returned, so callers needing both compute them once. */
export function brierOfRows(squares: Float64Array | null): MetricOutcome {
  if (!squares) return undefinedMetric("no probability column p_<positive class>");
  return { value: compensatedSum(squares) / squares.length };
}
