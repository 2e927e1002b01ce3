import type { Readable } from "node:stream";
import type { ArtifactMediaType } from "../../schemas/artifact.ts";

/** One version's artifact as publish and pull name it: the model, the version and the committed digest. */
export interface ArtifactRef {
  model: string;
  version: string;
  sha256: string;
  size: number;
  mediaType: ArtifactMediaType;
}

/** What a store holds under a model version. */
export interface StoredArtifact {
  sha256: string;
  size: number;
  /** Where exactly, for people: an OCI reference with its digest, a release asset URL, a file path. */
  location: string;
}

/**
 * A place that holds artifact bytes: an OCI registry, GitHub Releases, a folder. Each backend
 * lives in its own file and is tested against the real server. Stores never judge digests:
 * publish and pull do, with the digest recorded in the committed evaluation.
 */
export interface ArtifactStore {
  /** The store as the card or `--to` names it, e.g. `oci://ghcr.io/org/models`. */
  readonly url: string;
  /** What the store holds under `model`@`version`, or undefined when nothing is there. */
  find(model: string, version: string): Promise<StoredArtifact | undefined>;
  /** Uploads the packed file (its digest already checked) under the version. */
  put(ref: ArtifactRef, file: string): Promise<StoredArtifact>;
  /** The stored bytes of the version, streamed; the caller hashes them. */
  open(ref: ArtifactRef): Promise<Readable>;
}

/** The file name an artifact gets in stores that name files: `<model>-<version>.tar[.gz]`. */
export function artifactFileName(ref: Pick<ArtifactRef, "model" | "version" | "mediaType">): string {
  return `${ref.model}-${ref.version}.${ref.mediaType.endsWith("+gzip") ? "tar.gz" : "tar"}`;
}
