import type { ModelCard } from "../schemas/model-card.ts";
import { usageError } from "../util/errors.ts";
import { type ArtifactStore, openStore } from "./stores/index.ts";

/** The store a command uses: `--to`/`--from-store` when given, else the card's `artifact.store`. */
export async function storeFor(
  card: ModelCard,
  options: { root: string; env: NodeJS.ProcessEnv; override?: string | undefined },
): Promise<ArtifactStore> {
  const url = options.override ?? card.artifact?.store;
  if (!url)
    throw usageError(
      `${card.id} names no artifact store`,
      "add `artifact: { store: oci://ghcr.io/<org>/models }` (or github-release, file://path) to the card, or pass --to STORE",
    );
  return openStore(url, { root: options.root, env: options.env });
}
