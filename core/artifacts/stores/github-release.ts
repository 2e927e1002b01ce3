import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { apiError, type GitHubClient, type RepositoryRef, statusOf } from "../../github/client.ts";
import { AlmanacError, findingError } from "../../util/errors.ts";
import { type ArtifactRef, type ArtifactStore, artifactFileName, type StoredArtifact } from "./store.ts";

/** Attempts of one asset upload when GitHub answers 5xx (each re-reads the file from the start). */
export const UPLOAD_ATTEMPTS = 3;

/** The release tag of a version: `<model>@v<version>`, the registration tag format of DVC's GTO. */
export function releaseTag(model: string, version: string): string {
  return `${model}@v${version}`;
}

interface Asset {
  id: number;
  name: string;
  label: string | null;
  size: number;
  state: string;
  digest?: string | null;
  browser_download_url: string;
}

/** An asset's SHA-256: GitHub's own `digest` field, else the `sha256:<hex>` label Almanac sets. */
function assetDigest(asset: Asset): string | undefined {
  for (const value of [asset.digest, asset.label]) {
    const match = /^sha256:([0-9a-f]{64})$/.exec(value ?? "");
    if (match) return match[1];
  }
  return undefined;
}

/**
 * GitHub Releases as a store (`github-release`): each version is the asset
 * `<model>-<version>.tar[.gz]` of the release tagged `<model>@v<version>`, through the
 * project's octokit client; the upload streams from the file and is retried on 5xx answers.
 */
export class GitHubReleaseStore implements ArtifactStore {
  readonly url: string;
  private readonly client: GitHubClient;
  private readonly repository: RepositoryRef;

  constructor(url: string, client: GitHubClient, repository: RepositoryRef) {
    this.url = url;
    this.client = client;
    this.repository = repository;
  }

  private async release(tag: string): Promise<{ id: number; upload_url: string; assets: Asset[] } | undefined> {
    try {
      const { data } = await this.client.rest.repos.getReleaseByTag({ ...this.repository, tag });
      return data as unknown as { id: number; upload_url: string; assets: Asset[] };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw apiError(`reading the release ${tag}`, error);
    }
  }

  private async asset(model: string, version: string): Promise<Asset | undefined> {
    const release = await this.release(releaseTag(model, version));
    const names = [`${model}-${version}.tar`, `${model}-${version}.tar.gz`];
    return release?.assets.find((asset) => names.includes(asset.name) && asset.state === "uploaded");
  }

  async find(model: string, version: string): Promise<StoredArtifact | undefined> {
    const asset = await this.asset(model, version);
    if (!asset) return undefined;
    const sha256 = assetDigest(asset);
    if (!sha256)
      throw findingError(
        `the release asset ${asset.name} of ${releaseTag(model, version)} has no digest`,
        "it was not uploaded by Almanac: delete it and publish again",
      );
    return { sha256, size: asset.size, location: asset.browser_download_url };
  }

  async put(ref: ArtifactRef, file: string): Promise<StoredArtifact> {
    const tag = releaseTag(ref.model, ref.version);
    const release = (await this.release(tag)) ?? (await this.createRelease(ref, tag));
    const name = artifactFileName(ref);
    for (let attempt = 1; ; attempt++) {
      const stale = release.assets.find((asset) => asset.name === name);
      if (stale && stale.state !== "uploaded") await this.deleteAsset(stale);
      else if (stale) {
        if (assetDigest(stale) === ref.sha256) return this.stored(stale, ref);
        throw findingError(
          `the release ${tag} already has ${name} with a different digest (${assetDigest(stale) ?? "unknown"})`,
          "a published version never changes: bump the model's version",
        );
      }
      try {
        return this.stored(await this.upload(release.upload_url, name, ref, file), ref);
      } catch (error) {
        const status = statusOf(error);
        const retry = (status !== undefined && status >= 500) || status === 422;
        if (!retry || attempt >= UPLOAD_ATTEMPTS) throw apiError(`uploading ${name} to the release ${tag}`, error);
        release.assets = (await this.release(tag))?.assets ?? [];
      }
    }
  }

  private stored(asset: Asset, ref: ArtifactRef): StoredArtifact {
    return { sha256: ref.sha256, size: asset.size, location: asset.browser_download_url };
  }

  private async createRelease(ref: ArtifactRef, tag: string) {
    try {
      const { data } = await this.client.rest.repos.createRelease({
        ...this.repository,
        tag_name: tag,
        name: `${ref.model} ${ref.version}`,
        body: `Model artifact of ${ref.model} ${ref.version}, published by Almanac.\n\nsha256: \`${ref.sha256}\` (${ref.size} bytes)\n\n\`\`\`sh\nnpx almanac pull ${ref.model}@${ref.version}\n\`\`\`\n`,
      });
      return data as unknown as { id: number; upload_url: string; assets: Asset[] };
    } catch (error) {
      throw apiError(`creating the release ${tag}`, error, "the job needs `permissions: contents: write`");
    }
  }

  private async deleteAsset(asset: Asset): Promise<void> {
    await this.client.rest.repos.deleteReleaseAsset({ ...this.repository, asset_id: asset.id });
  }

  private async upload(uploadUrl: string, name: string, ref: ArtifactRef, file: string): Promise<Asset> {
    const url = uploadUrl.replace(/\{[^}]*\}$/, "");
    const { data } = await this.client.request(`POST ${url}{?name,label}`, {
      name,
      label: `sha256:${ref.sha256}`,
      data: createReadStream(file, { highWaterMark: 1 << 20 }) as unknown as string,
      headers: { "content-type": "application/octet-stream", "content-length": ref.size },
      request: { retries: 0 },
    });
    return data as unknown as Asset;
  }

  async open(ref: ArtifactRef): Promise<Readable> {
    const asset = await this.asset(ref.model, ref.version);
    if (!asset)
      throw findingError(`no release asset for ${ref.model}@${ref.version} in ${this.url}`, "publish it first");
    const response = await this.client
      .request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
        ...this.repository,
        asset_id: asset.id,
        headers: { accept: "application/octet-stream" },
        request: { parseSuccessResponseBody: false },
      })
      .catch((error: unknown) => {
        throw apiError(`downloading ${asset.name}`, error, "try again later; GitHub's storage may be unavailable");
      });
    const body = response.data as unknown as WebReadableStream<Uint8Array> | null;
    if (!body) throw new AlmanacError(`GitHub sent no body for ${asset.name}`);
    return Readable.fromWeb(body);
  }
}
