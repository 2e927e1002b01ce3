import type { Evaluation } from "../schemas/evaluation.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { AlmanacError } from "../util/errors.ts";
import { formatBytes } from "./format.ts";
import { openStore } from "./stores/index.ts";

/** Whether the evaluated artifact of a card's version is in its store under the recorded digest. */
export interface ArtifactCheck {
  check: "artifact";
  passed: boolean;
  detail: string;
}

/**
 * The artifact condition of a production promotion: the evaluation records an artifact, the card
 * names a store, and the store holds that version under exactly the recorded SHA-256 (an OCI
 * manifest's layer digest, a release asset's digest, a folder's record). Asks the store.
 */
export async function checkArtifactPublished(
  root: string,
  card: ModelCard,
  evaluation: Evaluation | undefined,
  env: NodeJS.ProcessEnv,
): Promise<ArtifactCheck> {
  const fail = (detail: string): ArtifactCheck => ({ check: "artifact", passed: false, detail });
  const artifact = evaluation?.artifact;
  if (!evaluation || !artifact)
    return fail(
      `the evaluation records no artifact: write the model to ALMANAC_MODEL_DIR, run \`almanac train ${card.id}\` and commit`,
    );
  const url = card.artifact?.store;
  if (!url)
    return fail(`the card names no artifact store: add \`artifact: { store: … }\` and \`almanac publish ${card.id}\``);
  const version = evaluation.model.version;
  try {
    const found = await (await openStore(url, { root, env })).find(card.id, version);
    if (!found) return fail(`${card.id} ${version} is not published to ${url}: run \`almanac publish ${card.id}\``);
    if (found.sha256 !== artifact.sha256)
      return fail(
        `${url} holds ${card.id} ${version} with sha256:${found.sha256}, the evaluation records sha256:${artifact.sha256}`,
      );
    return {
      check: "artifact",
      passed: true,
      detail: `artifact sha256:${artifact.sha256.slice(0, 12)}… (${formatBytes(artifact.size)}) published to ${url}`,
    };
  } catch (error) {
    if (!(error instanceof AlmanacError)) throw error;
    return fail(`cannot verify the artifact in ${url}: ${error.message}`);
  }
}
