import type { RetrainingRecord } from "../schemas/retraining.ts";

/** The hidden marker of a retraining pull request body (one open pull request per model carries it). */
export function retrainingMarker(model: string): string {
  return `<!-- almanac-retrain: ${model.replace(/[^a-z0-9-]/g, "")} -->`;
}

/** "Retrain seattle-rain on data through 2015-12-31": the pull request title and commit message. Pure. */
export function retrainingTitle(record: Pick<RetrainingRecord, "model" | "dataset">): string {
  const through = record.dataset.through ? ` on data through ${record.dataset.through.slice(0, 10)}` : "";
  return `Retrain ${record.model.id}${through}`;
}
