import type { ModelCard } from "../schemas/model-card.ts";
import type { CardChange } from "./types.ts";

/** The card fields a reviewer cares about, as comparable text. */
function fields(card: ModelCard): Record<string, string> {
  const runner = card.training.runner;
  return {
    version: card.version,
    stage: card.stage,
    owners: card.owners.join(", "),
    license: card.license,
    task: card.task,
    dataset: `${card.dataset.id}@${card.dataset.version}`,
    features: card.dataset.features.join(", "),
    primary_metric: card.evaluation.primary_metric,
    gates: JSON.stringify(card.evaluation.gates),
    params: JSON.stringify(card.training.params),
    runner: Array.isArray(runner) ? runner.join(", ") : runner,
  };
}

/** Card fields that differ between base and head (all head fields for a new model). Pure. */
export function compareCards(base: ModelCard | undefined, head: ModelCard | undefined): CardChange[] {
  const b = base ? fields(base) : {};
  const h = head ? fields(head) : {};
  const names = Object.keys(head ? h : b);
  return names
    .filter((name) => b[name] !== h[name])
    .map((name) => ({ field: name, base: b[name] ?? null, head: h[name] ?? null }));
}
