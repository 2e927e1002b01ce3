import type { ProductionScorer } from "./production-side.ts";

/**
 * Scores rows with a version's published artifact through `almanac predict`'s core: resolve the
 * version from the committed files, pull and verify its artifact (cache, else the card's store),
 * run the card's predict command, check its predictions. Loaded on first use (the artifact stores
 * are heavy imports other verbs never need).
 */
export const artifactScorer: ProductionScorer = async (request) => {
  const { scoreWithArtifact } = await import("../artifacts/predict.ts");
  const { sha256 } = await scoreWithArtifact(request);
  return { sha256 };
};
