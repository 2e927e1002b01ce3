import { compensatedSum } from "./sum.ts";
import { type ClassificationData, type MetricOutcome, undefinedMetric } from "./types.ts";

/** Machine epsilon of float64, scikit-learn's clipping bound (`np.finfo(np.float64).eps`). */
export const LOG_LOSS_EPSILON = 2.220446049250313e-16;

function clip(p: number): number {
  return Math.min(Math.max(p, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
}

/**
 * Per-row log loss, with scikit-learn 1.2's semantics (`log_loss(eps="auto")`): every probability
 * is clipped to [ε, 1 − ε], each row is renormalised to sum to 1, and the loss is −ln p(true
 * class). With only the positive class's probability (binary), the two columns are
 * [1 − clip(p_last), clip(p_last)] where p_last is the probability of the last label in sorted
 * order, exactly as scikit-learn treats a one-dimensional `y_pred`. O(n · k). Null without
 * probabilities.
 */
export function logLossPerRow(data: ClassificationData): Float64Array | null {
  const k = data.labels.length;
  const n = data.truth.length;
  const losses = new Float64Array(n);
  if (data.probabilities) {
    const p = data.probabilities;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += clip(p[i * k + c] as number);
      losses[i] = -Math.log(clip(p[i * k + (data.truth[i] as number)] as number) / sum);
    }
    return losses;
  }
  if (k !== 2 || !data.positiveScores || data.positive === null) return null;
  const positiveIsLast = data.positive === 1;
  for (let i = 0; i < n; i++) {
    const score = data.positiveScores[i] as number;
    const last = clip(positiveIsLast ? score : 1 - score);
    const first = 1 - last;
    const chosen = data.truth[i] === 1 ? last : first;
    losses[i] = -Math.log(chosen / (first + last));
  }
  return losses;
}

/**
 * Log loss (cross-entropy) averaged over rows, as scikit-learn 1.2's `log_loss` with every
 * class as `labels` (see {@link logLossPerRow}). Lower is better.
 * Example: truth [1, 0], p(class 1) [0.9, 0.2] → (−ln 0.9 − ln 0.8) / 2 = 0.164252033486018.
 */
export function logLoss(data: ClassificationData): MetricOutcome {
  return logLossOfRows(logLossPerRow(data));
}

/** {@link logLoss} from the losses {@link logLossPerRow} returned (the mean, compensated), so callers needing both compute them once. */
export function logLossOfRows(losses: Float64Array | null): MetricOutcome {
  if (!losses) return undefinedMetric("no probability columns p_<class> for the classes");
  return { value: compensatedSum(losses) / losses.length };
}
