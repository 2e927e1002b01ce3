import type { ModelCard } from "../schemas/model-card.ts";
import type { RetrainingRecord } from "../schemas/retraining.ts";

/** Whether a scheduled run retrains a model, and why (said in the log and the JSON output). */
export interface ScheduledDecision {
  retrain: boolean;
  reason: string;
}

/**
 * The retraining policy applied to a scheduled run: production models only; `on: drift` retrains
 * when the newest drift report drifts, `on: schedule` on every run, `manual` never. Pure.
 */
export function decideScheduled(card: ModelCard, trigger: RetrainingRecord["trigger"]): ScheduledDecision {
  const policy = card.retraining;
  if (!policy) return { retrain: false, reason: `${card.id} has no retraining policy` };
  if (card.stage !== "production") return { retrain: false, reason: `${card.id} is not in production (${card.stage})` };
  if (policy.on === "manual")
    return { retrain: false, reason: `${card.id} is retrained by hand only (retraining.on: manual)` };
  if (policy.on === "schedule") return { retrain: true, reason: "retraining.on: schedule" };
  if (!trigger) return { retrain: false, reason: `${card.id} has no drift report yet` };
  return trigger.drifted
    ? { retrain: true, reason: `the drift report of ${trigger.date} drifted (${trigger.drift_report})` }
    : { retrain: false, reason: `the drift report of ${trigger.date} found no drift` };
}
