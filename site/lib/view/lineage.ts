import type { HistoryEvent } from "../../../core/schemas/history.ts";
import type { ModelCard } from "../../../core/schemas/model-card.ts";

/** One link of lineage: a model version trained on a dataset version. */
export interface LineageLink {
  dataset: string;
  datasetVersion: string;
  modelVersion: string;
  /** When this pairing first appears in git (undefined for the current card when history is absent). */
  since: string | undefined;
}

function splitDataset(value: string): { id: string; version: string } {
  const at = value.lastIndexOf("@");
  return at < 0 ? { id: value, version: "?" } : { id: value.slice(0, at), version: value.slice(at + 1) };
}

/**
 * Dataset version → model version pairs over the model's life, oldest first: the dataset
 * in effect follows `dataset_changed` events (before the first change, its `from`), every
 * event carrying a card version records a pair, and the current card closes the list.
 */
export function buildLineage(card: ModelCard, eventsNewestFirst: readonly HistoryEvent[]): LineageLink[] {
  const chronological = [...eventsNewestFirst].reverse();
  const firstChange = chronological.find((event) => event.type === "dataset_changed");
  let dataset = firstChange?.from ?? `${card.dataset.id}@${card.dataset.version}`;
  const links: LineageLink[] = [];
  const seen = new Set<string>();
  const record = (datasetValue: string, modelVersion: string, since: string | undefined) => {
    const key = `${datasetValue}→${modelVersion}`;
    if (seen.has(key)) return;
    seen.add(key);
    const { id, version } = splitDataset(datasetValue);
    links.push({ dataset: id, datasetVersion: version, modelVersion, since });
  };
  for (const event of chronological) {
    if (event.type === "dataset_changed" && event.to) dataset = event.to;
    if (event.type === "evaluation_changed" || event.type === "drift_report_added") continue;
    if (event.version) record(dataset, event.version, event.date);
  }
  record(`${card.dataset.id}@${card.dataset.version}`, card.version, undefined);
  return links;
}
