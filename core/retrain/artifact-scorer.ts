import type { ProductionScorer } from "./production-side.ts";

/**
 * Scores rows with a version's published artifact through `almanac predict`'s core: resolve the
 * version from the committed files, pull and verify its artifact (cache, else the card's store),
 * run the card's predict command, check its predictions. Loaded on first use (the artifact stores
 * are heavy imports other verbs never need).
 */
export const artifactScorer: ProductionScorer = async (request) => {
  const { predictWithArtifact } = await import("../artifacts/predict.ts");
  const result = await predictWithArtifact({
    root: request.root,
    spec: `${request.model}@${request.version}`,
    data: request.data,
    out: request.out,
    env: request.env,
    onOutput: request.onOutput,
  });
  return { sha256: result.sha256 };
};
