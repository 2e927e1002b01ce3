import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { hashFile } from "../data/hash-file.ts";
import type { ArtifactRecord } from "../schemas/artifact.ts";
import { findingError } from "../util/errors.ts";
import { cachedArtifactPath, ensureCache } from "./cache.ts";
import { hashingTap } from "./pack.ts";
import type { ArtifactRef, ArtifactStore } from "./stores/index.ts";

/** The store reference of a resolved version. */
export function refOf(model: string, version: string, artifact: ArtifactRecord): ArtifactRef {
  return { model, version, sha256: artifact.sha256, size: artifact.size, mediaType: artifact.media_type };
}

/** Stops a stream that sends more bytes than the record says, instead of filling the disk. */
function sizeLimit(limit: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(findingError(`${what}: the store sent more than the recorded ${limit} bytes`));
      else callback(null, chunk);
    },
  });
}

/**
 * Downloads a version's artifact from a store to `target`, hashing as it streams (memory stays
 * flat), and keeps it only when the size and SHA-256 equal the committed record: a truncated or
 * changed download is refused with both digests named, and nothing is left behind.
 */
export async function downloadVerified(store: ArtifactStore, ref: ArtifactRef, target: string): Promise<void> {
  const what = `${ref.model}@${ref.version} from ${store.url}`;
  const temp = `${target}.part-${process.pid}-${Date.now()}`;
  await mkdir(dirname(target), { recursive: true });
  const tap = hashingTap();
  try {
    const source = await store.open(ref);
    await pipeline(source, sizeLimit(ref.size, what), tap, createWriteStream(temp, { highWaterMark: 1 << 20 }));
    if (tap.bytes() < ref.size)
      throw findingError(
        `${what}: truncated download, received ${tap.bytes()} of ${ref.size} bytes`,
        "try again; if it persists the stored artifact is damaged: publish it again from a trusted run",
      );
    const got = tap.sha256();
    if (got !== ref.sha256)
      throw findingError(
        `${what}: digest mismatch, the store sent sha256:${got} but the committed evaluation records sha256:${ref.sha256}`,
        "the stored artifact was changed or damaged; nothing was kept. Publish the version again from a trusted run",
      );
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Checks that a local packed file is the recorded artifact; throws naming both digests otherwise. */
export async function verifyLocalFile(file: string, ref: ArtifactRef, shownAs: string): Promise<void> {
  const { sha256, bytes } = await hashFile(file);
  if (sha256 !== ref.sha256 || bytes !== ref.size)
    throw findingError(
      `${shownAs} is not the evaluated artifact of ${ref.model} ${ref.version}: it has sha256:${sha256} (${bytes} bytes), the committed evaluation records sha256:${ref.sha256} (${ref.size} bytes)`,
      "only the artifact that was evaluated can be published: train again, commit the evaluation, and publish that run's artifact",
    );
}

/**
 * The verified packed file of a version: from the local cache when it holds the digest (checked
 * again: a cache is trusted only after hashing), else downloaded from the store into the cache.
 */
export async function obtainArtifact(
  root: string,
  ref: ArtifactRef,
  store: () => Promise<ArtifactStore>,
): Promise<string> {
  const cached = cachedArtifactPath(root, ref.sha256);
  if (existsSync(cached)) {
    const { sha256 } = await hashFile(cached);
    if (sha256 === ref.sha256) return cached;
    await rm(cached, { force: true });
  }
  await ensureCache(root);
  await downloadVerified(await store(), ref, cached);
  return cached;
}
