import type { ModelCard } from "../schemas/model-card.ts";
import type { DatasetComparison } from "./types.ts";

/** What changed for a model between base and head, besides its card's other fields. */
export interface TrainingChanges {
  /** Files of the model's folder (other than model.md) added, changed or removed. */
  trainingFiles: readonly string[];
  dataset: DatasetComparison | null;
}

/** Files named in the warning before "and N more". */
const SHOWN_FILES = 3;

/**
 * The warning for a model whose training files, params, command or dataset changed while its
 * version did not: two different models would share one version label, and the new
 * evaluation would stand for the old one. Undefined when the version moved or nothing that
 * trains the model changed. Pure.
 */
export function versionNotBumped(
  base: ModelCard | undefined,
  head: ModelCard | undefined,
  changes: TrainingChanges,
): string | undefined {
  if (!base || !head || base.version !== head.version) return undefined;
  const changed = trainingChanges(base, head, changes);
  if (changed.length === 0) return undefined;
  return `version not bumped: ${base.version} → ${head.version}, but ${changed.join(", ")} changed: bump version in models/${head.id}/model.md so the new model does not pass for the old one`;
}

function trainingChanges(base: ModelCard, head: ModelCard, changes: TrainingChanges): string[] {
  const out: string[] = [];
  const files = changes.trainingFiles;
  if (files.length > 0) {
    const more = files.length - SHOWN_FILES;
    out.push(`${files.slice(0, SHOWN_FILES).join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
  }
  if (JSON.stringify(base.training.params) !== JSON.stringify(head.training.params)) out.push("training.params");
  if (base.training.command !== head.training.command) out.push("training.command");
  const baseData = `${base.dataset.id}@${base.dataset.version}`;
  const headData = `${head.dataset.id}@${head.dataset.version}`;
  if (baseData !== headData) out.push(`the dataset (${baseData} → ${headData})`);
  else if ((changes.dataset?.filesChanged.length ?? 0) > 0) out.push(`the data of ${headData}`);
  return out;
}
