import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { findingError } from "../../util/errors.ts";
import { credentialsFor } from "./oci-auth.ts";
import { RegistryClient, type RegistryRepository, type UploadSizes } from "./oci-client.ts";
import { type ArtifactRef, type ArtifactStore, artifactFileName, type StoredArtifact } from "./store.ts";

/** The artifact type of an Almanac model in an OCI manifest (OCI image spec 1.1 `artifactType`). */
export const ARTIFACT_TYPE = "application/vnd.almanac.model.v1";
export const OCI_MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
/** OCI 1.1's empty config for artifacts that need none: the two bytes `{}`. */
export const EMPTY_CONFIG = {
  mediaType: "application/vnd.oci.empty.v1+json",
  digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
  size: 2,
} as const;

/** The tag of a version: `<model>-<version>`, with semver's `+` (not allowed in tags) as `_`, as Helm does. */
export function ociTag(model: string, version: string): string {
  return `${model}-${version.replaceAll("+", "_")}`;
}

/** The image manifest of one artifact: empty config, one layer (the packed file). Key order fixed. Pure. */
export function artifactManifest(ref: ArtifactRef): string {
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST_MEDIA_TYPE,
    artifactType: ARTIFACT_TYPE,
    config: EMPTY_CONFIG,
    layers: [
      {
        mediaType: ref.mediaType,
        digest: `sha256:${ref.sha256}`,
        size: ref.size,
        annotations: { "org.opencontainers.image.title": artifactFileName(ref) },
      },
    ],
    annotations: {
      "org.opencontainers.image.title": ref.model,
      "org.opencontainers.image.version": ref.version,
      "dev.almanac.model": ref.model,
    },
  };
  return JSON.stringify(manifest);
}

interface Manifest {
  artifactType?: string;
  layers?: Array<{ mediaType?: string; digest?: string; size?: number }>;
}

/**
 * An OCI registry as a store (`oci://host[:port]/repository`): each version is an OCI artifact
 * tagged `<model>-<version>`, referenced by digest, with Almanac's artifact type and media types.
 * Blobs stream from the file in both directions; the registry checks each blob's digest on upload.
 */
export class OciStore implements ArtifactStore {
  readonly url: string;
  private readonly client: RegistryClient;

  constructor(url: string, repository: RegistryRepository, env: NodeJS.ProcessEnv, upload: Partial<UploadSizes> = {}) {
    this.url = url;
    this.client = new RegistryClient(repository, credentialsFor(repository.host, env), upload);
  }

  private reference(tag: string, digest: string): string {
    return `${this.client.repository.host}/${this.client.repository.name}:${tag}@${digest}`;
  }

  async find(model: string, version: string): Promise<StoredArtifact | undefined> {
    const tag = ociTag(model, version);
    const response = await this.client.request("GET", `manifests/${tag}`, {
      headers: { accept: OCI_MANIFEST_MEDIA_TYPE },
    });
    if (response.status === 404) {
      response.discard();
      return undefined;
    }
    const bytes = await (await this.client.expect(response, [200], `reading ${tag}`)).bytes();
    const manifest = JSON.parse(bytes.toString("utf8")) as Manifest;
    const layer = manifest.layers?.[0];
    const digest = /^sha256:([0-9a-f]{64})$/.exec(layer?.digest ?? "")?.[1];
    if (manifest.artifactType !== ARTIFACT_TYPE || manifest.layers?.length !== 1 || !digest)
      throw findingError(
        `${this.url}:${tag} is not an Almanac artifact (artifactType ${manifest.artifactType ?? "none"})`,
        "another tool pushed this tag: choose another repository for the store",
      );
    const manifestDigest = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
    return { sha256: digest, size: layer?.size ?? 0, location: this.reference(tag, manifestDigest) };
  }

  async put(ref: ArtifactRef, file: string): Promise<StoredArtifact> {
    await this.client.pushBlob(EMPTY_CONFIG.digest, EMPTY_CONFIG.size, { bytes: Buffer.from("{}") });
    await this.client.pushBlob(`sha256:${ref.sha256}`, ref.size, { file });
    const manifest = artifactManifest(ref);
    const tag = ociTag(ref.model, ref.version);
    const response = await this.client.request("PUT", `manifests/${tag}`, {
      push: true,
      headers: { "content-type": OCI_MANIFEST_MEDIA_TYPE },
      body: () => manifest,
    });
    (await this.client.expect(response, [201], `pushing the manifest ${tag}`)).discard();
    const digest = `sha256:${createHash("sha256").update(manifest).digest("hex")}`;
    return { sha256: ref.sha256, size: ref.size, location: this.reference(tag, digest) };
  }

  async open(ref: ArtifactRef): Promise<Readable> {
    const response = await this.client.request("GET", `blobs/sha256:${ref.sha256}`);
    if (response.status === 404) {
      response.discard();
      throw findingError(
        `${this.url} has no blob sha256:${ref.sha256} (${ref.model}@${ref.version})`,
        "publish it first",
      );
    }
    await this.client.expect(response, [200], `downloading sha256:${ref.sha256}`);
    return response.body;
  }
}
