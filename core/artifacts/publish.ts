import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { AlmanacError, findingError, usageError } from "../util/errors.ts";
import { cachedArtifactPath } from "./cache.ts";
import { parseModelSpec, resolveVersion } from "./resolve.ts";
import { storeFor } from "./store-of.ts";
import { refOf, verifyLocalFile } from "./transfer.ts";

/** The outcome of `almanac publish`. */
export interface PublishResult {
  model: string;
  version: string;
  sha256: string;
  size: number;
  store: string;
  location: string;
  /** False when the store already held this exact artifact (re-publishing is idempotent). */
  uploaded: boolean;
}

/** `--if-configured` found nothing to publish: the card names no store, or the evaluation no artifact. */
export interface PublishSkipped {
  model: string;
  skipped: string;
}

/**
 * Where the packed file is: `--from` (the file itself, or a folder holding `<sha256>` files such as a
 * downloaded CI artifact), else the local cache written by `almanac train`.
 */
function localFile(root: string, sha256: string, from: string | undefined): string {
  if (from !== undefined) {
    const path = resolve(from);
    if (!existsSync(path)) throw usageError(`--from ${from} does not exist`);
    if (!statSync(path).isDirectory()) return path;
    for (const candidate of [join(path, sha256), join(path, "artifacts", "sha256", sha256)])
      if (existsSync(candidate)) return candidate;
    throw findingError(
      `--from ${from} holds no file named ${sha256}`,
      "pass the folder of the training run's artifact (the CI workflow artifact), or the packed file itself",
    );
  }
  const cached = cachedArtifactPath(root, sha256);
  if (!existsSync(cached))
    throw findingError(
      `the artifact sha256:${sha256} is not in the local cache (.almanac/cache)`,
      "train the model here (`almanac train`), or pass --from with the CI run's artifact folder",
    );
  return cached;
}

/**
 * `almanac publish <model>[@version]`: pushes the version's packed artifact to its store, only
 * when the file's SHA-256 and size equal those recorded in the committed evaluation. The same
 * digest already in the store is a no-op; a different digest under the version is refused.
 */
export async function publishVersion(options: {
  root: string;
  spec: string;
  to?: string | undefined;
  from?: string | undefined;
  ifConfigured?: boolean;
  env: NodeJS.ProcessEnv;
}): Promise<PublishResult | PublishSkipped> {
  if (options.ifConfigured) {
    const skipped = await unconfigured(options.root, options.spec, options.to);
    if (skipped) return skipped;
  }
  const resolved = await resolveVersion(options.root, options.spec);
  const ref = refOf(resolved.model, resolved.version, resolved.artifact);
  const file = localFile(options.root, ref.sha256, options.from);
  await verifyLocalFile(file, ref, file);
  const store = await storeFor(resolved.card, { root: options.root, env: options.env, override: options.to });
  const base = { model: ref.model, version: ref.version, sha256: ref.sha256, size: ref.size, store: store.url };
  const existing = await store.find(ref.model, ref.version);
  if (existing) {
    if (existing.sha256 !== ref.sha256)
      throw findingError(
        `${store.url} already holds ${ref.model} ${ref.version} with sha256:${existing.sha256}; the committed evaluation records sha256:${ref.sha256}`,
        "a published version never changes: bump the model's version, train, commit and publish that",
      );
    return { ...base, location: existing.location, uploaded: false };
  }
  const stored = await store.put(ref, file);
  return { ...base, location: stored.location, uploaded: true };
}

/** Why a model has nothing to publish (no store named, no artifact recorded), or undefined. */
async function unconfigured(root: string, spec: string, to: string | undefined): Promise<PublishSkipped | undefined> {
  const { model } = parseModelSpec(spec);
  try {
    const resolved = await resolveVersion(root, spec);
    if (!to && !resolved.card.artifact?.store) return { model, skipped: "the card names no artifact store" };
  } catch (error) {
    if (error instanceof AlmanacError && /records no artifact/.test(error.message))
      return { model, skipped: "the committed evaluation records no artifact" };
    throw error;
  }
  return undefined;
}
