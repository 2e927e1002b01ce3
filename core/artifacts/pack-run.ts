import { readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ArtifactRecord } from "../schemas/artifact.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { cachedArtifactPath, ensureCache } from "./cache.ts";
import { packModelDir } from "./pack.ts";

/** A packed training run: the record for evaluation.json and where the packed file is cached. */
export interface PackedRun {
  record: ArtifactRecord;
  file: string;
}

/**
 * After a training run: packs what the command wrote to ALMANAC_MODEL_DIR into the repository's
 * local cache, keyed by its digest. Undefined when the folder is empty (the command wrote no
 * model: the evaluation then has no artifact, and the version cannot be published).
 */
export async function packTrainingRun(root: string, card: ModelCard, modelDir: string): Promise<PackedRun | undefined> {
  if ((await readdir(modelDir)).length === 0) return undefined;
  const cache = await ensureCache(root);
  const incoming = join(cache, "artifacts", `incoming-${process.pid}-${Date.now()}`);
  try {
    const record = await packModelDir(modelDir, incoming, card.artifact?.compression ?? "none");
    const file = cachedArtifactPath(root, record.sha256);
    await rename(incoming, file);
    return { record, file };
  } finally {
    await rm(incoming, { force: true });
  }
}
