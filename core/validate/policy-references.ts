import type { LoadedModelCard } from "../load/model-card.ts";
import { findMetric, METRIC_NAMES, metricsForTask } from "../schemas/metrics.ts";
import { type Diagnostic, defineDiagnostic } from "../util/diagnostic.ts";
import { didYouMean } from "../util/suggest.ts";

/**
 * Checks a card's `fairness` and `retraining` sections against the rest of the card: the
 * mitigated column is one of dataset.sensitive, reweighing needs classes, retraining gates name
 * metrics of the task, the fresh data glob lies inside the card's dataset folder, and a policy
 * that acts on a scheduled run has monitoring to act on.
 */
export function checkPolicyReferences(loaded: Pick<LoadedModelCard, "card" | "document" | "file">): Diagnostic[] {
  const card = loaded.card;
  if (!card) return [];
  const out: Diagnostic[] = [];
  const push = (path: PropertyKey[], code: string, message: string, hint: string, key = false) => {
    const position = loaded.document?.locate(path, { key }) ?? { line: 1, column: 1 };
    out.push(defineDiagnostic({ file: loaded.file, ...position, field: path.join("."), code, message, hint }));
  };
  const fairness = card.fairness;
  if (fairness) {
    if (!card.dataset.sensitive.includes(fairness.column))
      push(
        ["fairness", "column"],
        "ref.mitigation-column",
        `fairness.column "${fairness.column}" is not one of dataset.sensitive (${card.dataset.sensitive.join(", ") || "none"})`,
        card.dataset.sensitive.length
          ? didYouMean(fairness.column, card.dataset.sensitive)
          : `add it to dataset.sensitive: [${fairness.column}]`,
      );
    if (card.task === "regression")
      push(
        ["fairness", "mitigation"],
        "ref.mitigation-task",
        "reweighing balances groups against classes, which a regression target does not have",
        "remove fairness.mitigation, or use a classification task",
      );
  }
  const retraining = card.retraining;
  if (!retraining) return out;
  const allowed = metricsForTask(card.task);
  for (const metric of Object.keys(retraining.gates)) {
    if (allowed.includes(metric)) continue;
    const known = findMetric(metric) !== undefined;
    push(
      ["retraining", "gates", metric],
      known ? "ref.metric-task" : "ref.metric-unknown",
      known ? `metric "${metric}" does not apply to ${card.task}` : `unknown metric "${metric}"`,
      known ? `use one of: ${allowed.join(", ")}` : didYouMean(metric, METRIC_NAMES),
      true,
    );
  }
  const folder = `datasets/${card.dataset.id}/`;
  if (!retraining.data.startsWith(folder) || retraining.data.split("/").includes(".."))
    push(
      ["retraining", "data"],
      "ref.retraining-data",
      `retraining.data "${retraining.data}" is not inside ${folder}`,
      `fresh files become part of dataset ${card.dataset.id}: keep them under ${folder}, e.g. ${folder}labelled/*.csv`,
    );
  if (retraining.on !== "manual" && !card.monitoring)
    push(
      ["retraining", "on"],
      "ref.retraining-monitoring",
      `retraining.on is ${retraining.on}, but the card has no monitoring section for the scheduled run to watch`,
      "add monitoring (current data, timestamp, window), or set retraining.on: manual",
    );
  return out;
}
