import { createHash } from "node:crypto";
import { type ApiRequest, errorReply, type HandlerContext, type Reply } from "./handlers.ts";

/** A release asset as the local server holds it. */
export interface FakeAsset {
  id: number;
  name: string;
  label: string | null;
  /** "uploaded", or "open" for an upload that broke off (GitHub keeps those until deleted). */
  state: "uploaded" | "open";
  bytes: Buffer;
}

/** A release as the local server holds it. */
export interface FakeRelease {
  id: number;
  tag: string;
  name: string;
  body: string;
  assets: FakeAsset[];
}

/** The releases of the fake repository and the downloads they serve (outside the API, like objects.githubusercontent.com). */
export class FakeReleases {
  readonly releases: FakeRelease[] = [];
  private nextId = 7_000;

  add(tag: string, name = tag, body = ""): FakeRelease {
    const release = { id: this.nextId++, tag, name, body, assets: [] };
    this.releases.push(release);
    return release;
  }

  addAsset(
    release: FakeRelease,
    name: string,
    bytes: Buffer,
    label: string | null = null,
    state: FakeAsset["state"] = "uploaded",
  ): FakeAsset {
    const asset = { id: this.nextId++, name, label, state, bytes };
    release.assets.push(asset);
    return asset;
  }

  asset(id: number): FakeAsset | undefined {
    return this.releases.flatMap((release) => release.assets).find((asset) => asset.id === id);
  }
}

type Json = Record<string, unknown>;

function assetResource(context: HandlerContext, asset: FakeAsset): Json {
  const api = context.resources.api;
  const base = `${context.resources.baseUrl}/repos/${context.repository.fullName}`;
  return {
    ...api.example("release-asset"),
    id: asset.id,
    url: `${base}/releases/assets/${asset.id}`,
    browser_download_url: `${context.resources.baseUrl}/_downloads/${asset.id}/${asset.name}`,
    name: asset.name,
    label: asset.label,
    state: asset.state,
    content_type: "application/octet-stream",
    size: asset.bytes.length,
    digest: asset.state === "uploaded" ? `sha256:${createHash("sha256").update(asset.bytes).digest("hex")}` : null,
  };
}

function releaseResource(context: HandlerContext, release: FakeRelease): Json {
  const base = `${context.resources.baseUrl}/repos/${context.repository.fullName}`;
  return {
    ...context.resources.api.example("release"),
    id: release.id,
    url: `${base}/releases/${release.id}`,
    assets_url: `${base}/releases/${release.id}/assets`,
    upload_url: `${base}/releases/${release.id}/assets{?name,label}`,
    tag_name: release.tag,
    name: release.name,
    body: release.body,
    assets: release.assets.map((asset) => assetResource(context, asset)),
  };
}

const notFound = () => errorReply(404, "Not Found");

/** Handlers of the release operations Almanac's github-release store calls. */
export const releaseHandlers: Record<string, (request: ApiRequest, context: HandlerContext) => Reply> = {
  "repos/get-release-by-tag": (request, context) => {
    const release = context.repository.releases.releases.find((r) => r.tag === request.params.tag);
    return release ? { status: 200, body: releaseResource(context, release) } : notFound();
  },
  "repos/create-release": (request, context) => {
    const tag = String(request.body?.tag_name);
    if (context.repository.releases.releases.some((r) => r.tag === tag)) return errorReply(422, "Validation Failed");
    const release = context.repository.releases.add(
      tag,
      String(request.body?.name ?? tag),
      String(request.body?.body ?? ""),
    );
    return { status: 201, body: releaseResource(context, release) };
  },
  "repos/upload-release-asset": (request, context) => {
    const release = context.repository.releases.releases.find((r) => r.id === Number(request.params.release_id));
    if (!release) return notFound();
    const name = request.query.get("name") ?? "";
    if (release.assets.some((asset) => asset.name === name)) return errorReply(422, "Validation Failed");
    const asset = context.repository.releases.addAsset(
      release,
      name,
      request.raw ?? Buffer.alloc(0),
      request.query.get("label"),
    );
    return { status: 201, body: assetResource(context, asset) };
  },
  "repos/delete-release-asset": (request, context) => {
    for (const release of context.repository.releases.releases) {
      const index = release.assets.findIndex((asset) => asset.id === Number(request.params.asset_id));
      if (index >= 0) {
        release.assets.splice(index, 1);
        return { status: 204 };
      }
    }
    return notFound();
  },
  "repos/get-release-asset": (request, context) => {
    const asset = context.repository.releases.asset(Number(request.params.asset_id));
    if (!asset) return notFound();
    if (request.accept === "application/octet-stream")
      return {
        status: 302,
        headers: { location: `${context.resources.baseUrl}/_downloads/${asset.id}/${asset.name}` },
      };
    return { status: 200, body: assetResource(context, asset) };
  },
};
