import { findDriftTest, thresholdProblem, unknownTestMessage } from "../drift/registry.ts";
import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import { didYouMean } from "../util/suggest.ts";
import type { CardReferences } from "./card-references.ts";
import type { Push } from "./cross-references.ts";

/**
 * Checks a card's monitoring section against its dataset, as `almanac drift` will read it:
 * the timestamp column exists, and each per-column drift setting names a feature or the
 * target (the columns drift compares), once those exist in the dataset, and names a known test
 * with a threshold in that test's range. Pure.
 */
export function checkMonitoringReferences(refs: CardReferences, manifest: DatasetManifest, push: Push): void {
  const monitoring = refs.monitoring;
  if (!monitoring) return;
  const names = manifest.columns.map((column) => column.name);
  if (monitoring.timestamp !== undefined && !names.includes(monitoring.timestamp))
    push(
      ["monitoring", "timestamp"],
      "ref.column-missing",
      `timestamp column "${monitoring.timestamp}" is not in dataset ${manifest.id}`,
      didYouMean(monitoring.timestamp, names),
    );
  checkDriftSettings(monitoring.settings, push);
  const compared = [...(refs.dataset.features ?? []), ...(refs.dataset.target ? [refs.dataset.target] : [])];
  // A misspelt feature is reported on its own line; judged against it, every setting would look wrong.
  if (compared.some((name) => !names.includes(name))) return;
  for (const name of monitoring.columns)
    if (!compared.includes(name))
      push(
        ["monitoring", "columns", name],
        "ref.monitoring-column",
        `"${name}" is not a feature or the target, so drift never compares it`,
        compared.length > 0 ? didYouMean(name, compared) : "add it to dataset.features, or remove the setting",
        true,
      );
}

/** Each per-column setting's test is a known drift test, and its threshold is in that test's range. */
function checkDriftSettings(settings: Record<string, { test?: string; threshold?: number }>, push: Push): void {
  for (const [name, setting] of Object.entries(settings)) {
    if (setting.test === undefined) continue;
    const test = findDriftTest(setting.test);
    if (!test) {
      const { message, hint } = unknownTestMessage(setting.test);
      push(["monitoring", "columns", name, "test"], "ref.drift-test", message, hint);
      continue;
    }
    const problem = setting.threshold === undefined ? undefined : thresholdProblem(test, setting.threshold);
    if (problem)
      push(
        ["monitoring", "columns", name, "threshold"],
        "ref.drift-threshold",
        problem,
        `e.g. ${test.defaultThreshold} (the default for ${test.name})`,
      );
  }
}
