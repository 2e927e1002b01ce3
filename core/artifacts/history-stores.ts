import { readFile } from "node:fs/promises";
import { parseModelCard } from "../load/model-card.ts";
import type { HistoryEvent } from "../schemas/history.ts";

/**
 * Fills each evaluation event's `artifact.store` with the store its model's card names in the
 * working tree (one card read per model): a store is where every version of the model is
 * published, so the current setting is the one to pull from.
 */
export async function withArtifactStores(root: string, events: HistoryEvent[]): Promise<HistoryEvent[]> {
  const models = [...new Set(events.filter((event) => event.artifact).map((event) => event.model))];
  const stores = new Map<string, string | null>();
  for (const model of models) {
    const path = `models/${model}/model.md`;
    const text = await readFile(`${root}/${path}`, "utf8").catch(() => undefined);
    stores.set(model, text === undefined ? null : (parseModelCard(text, path).card?.artifact?.store ?? null));
  }
  return events.map((event) =>
    event.artifact ? { ...event, artifact: { ...event.artifact, store: stores.get(event.model) ?? null } } : event,
  );
}
