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
import { intoFolder, tarSink } from "./unpack.ts";

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

/** Fails unless the bytes that went through `tap` are the recorded artifact: size first, then digest. */
function checkReceived(tap: ReturnType<typeof hashingTap>, ref: ArtifactRef, what: string): void {
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
}

/**
 * Downloads a version's artifact and unpacks it into `out` in one pass: the bytes are hashed as
 * they stream into the tar extractor writing a temp folder, which is renamed to `out` only when
 * the size and digest equal the committed record (each byte is written to disk once, not twice).
 * A truncated or changed download leaves nothing behind.
 */
export async function pullInto(store: ArtifactStore, ref: ArtifactRef, out: string): Promise<string[]> {
  const what = `${ref.model}@${ref.version} from ${store.url}`;
  return intoFolder(out, async (temp) => {
    const tap = hashingTap();
    const sink = tarSink(ref.mediaType, temp);
    let extractError: unknown;
    // Every byte the store sends is hashed, even after a broken tar entry, so a changed artifact
    // is reported as what it is (a digest mismatch), not as the parse error it causes.
    for await (const chunk of (await store.open(ref)).pipe(sizeLimit(ref.size, what)).pipe(tap)) {
      if (extractError === undefined)
        await sink.write(chunk as Buffer).catch((error: unknown) => (extractError = error));
    }
    checkReceived(tap, ref, what);
    if (extractError !== undefined) throw extractError;
    return sink.end();
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
    checkReceived(tap, ref, what);
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
