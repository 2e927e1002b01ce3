import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubReleaseStore, releaseTag } from "../../core/artifacts/stores/github-release.ts";
import type { ArtifactRef } from "../../core/artifacts/stores/store.ts";
import { downloadVerified } from "../../core/artifacts/transfer.ts";
import { createGitHubClient } from "../../core/github/client.ts";
import { serverError } from "../support/github-api/faults.ts";
import { errorReply } from "../support/github-api/handlers.ts";
import { type GitHubApiServer, startGitHubApi } from "../support/github-api/server.ts";

let server: GitHubApiServer;
let dir: string;
let file: string;
let ref: ArtifactRef;

beforeEach(async () => {
  server = await startGitHubApi("octo-org/models");
  dir = mkdtempSync(join(tmpdir(), "almanac-release-"));
  file = join(dir, "car-mpg-1.0.0.tar");
  const bytes = Buffer.alloc(200_000, 3);
  writeFileSync(file, bytes);
  ref = {
    model: "car-mpg",
    version: "1.0.0",
    sha256: createHash("sha256").update(bytes).digest("hex"),
    size: bytes.length,
    mediaType: "application/vnd.almanac.model.layer.v1.tar",
  };
});
afterEach(async () => {
  expect(server.violations.join("\n")).toBe("");
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const store = () =>
  new GitHubReleaseStore(
    "github-release",
    createGitHubClient({ token: "ghs_local", baseUrl: server.url, timeScale: 1, paceWrites: false }),
    { owner: "octo-org", repo: "models" },
  );

describe("GitHub Releases as the store (local API validated against GitHub's OpenAPI description)", () => {
  it("creates the release <model>@v<version>, uploads the asset with its digest, finds and downloads it", async () => {
    expect(await store().find("car-mpg", "1.0.0")).toBeUndefined();
    const stored = await store().put(ref, file);
    expect(stored).toEqual({
      sha256: ref.sha256,
      size: ref.size,
      location: `${server.url}/_downloads/7001/car-mpg-1.0.0.tar`,
    });
    const [release] = server.repository.releases.releases;
    expect(release?.tag).toBe("car-mpg@v1.0.0");
    expect(release?.body).toContain(`sha256: \`${ref.sha256}\``);
    expect(release?.assets.map((asset) => [asset.name, asset.label, asset.bytes.length])).toEqual([
      ["car-mpg-1.0.0.tar", `sha256:${ref.sha256}`, 200_000],
    ]);
    expect(await store().find("car-mpg", "1.0.0")).toEqual(stored);
    const target = join(dir, "downloaded");
    await downloadVerified(store(), ref, target);
    expect(readFileSync(target).equals(readFileSync(file))).toBe(true);
    expect(server.calls("repos/upload-release-asset")).toHaveLength(1);
  });

  it("retries an upload answered with 5xx, starting the stream over", async () => {
    server.inject(serverError("repos/upload-release-asset", 2));
    await store().put(ref, file);
    expect(server.calls("repos/upload-release-asset").map((call) => call.status)).toEqual([500, 500, 201]);
    expect(server.repository.releases.releases[0]?.assets[0]?.bytes.length).toBe(200_000);
  });

  it("gives up after three 5xx answers, naming the call and the status", async () => {
    server.inject(serverError("repos/upload-release-asset", 5));
    await expect(store().put(ref, file)).rejects.toThrow(
      /uploading car-mpg-1\.0\.0\.tar to the release car-mpg@v1\.0\.0 failed \(HTTP 500\)/,
    );
  });

  it("an existing asset of the same name: the same digest is a no-op, another is refused, a broken upload is replaced", async () => {
    const release = server.repository.releases.add(releaseTag("car-mpg", "1.0.0"));
    const asset = server.repository.releases.addAsset(release, "car-mpg-1.0.0.tar", readFileSync(file));
    await store().put(ref, file);
    expect(server.calls("repos/upload-release-asset")).toHaveLength(0);
    asset.bytes = Buffer.from("something else");
    await expect(store().put(ref, file)).rejects.toThrow(
      `the release car-mpg@v1.0.0 already has car-mpg-1.0.0.tar with a different digest (${createHash("sha256").update("something else").digest("hex")})`,
    );
    asset.state = "open";
    await store().put(ref, file);
    expect(server.calls("repos/delete-release-asset")).toHaveLength(1);
    expect(release.assets.map((a) => [a.state, a.bytes.length])).toEqual([["uploaded", 200_000]]);
  });

  it("a 404 for the release means not published; a missing download is an error", async () => {
    expect(await store().find("car-mpg", "9.9.9")).toBeUndefined();
    await expect(store().open({ ...ref, version: "9.9.9" })).rejects.toThrow(
      "no release asset for car-mpg@9.9.9 in github-release",
    );
  });

  it("a download cut short is refused as truncated", async () => {
    await store().put(ref, file);
    server.inject({ operationId: "download-asset", reply: () => ({ status: 200, body: "short" }) });
    await expect(downloadVerified(store(), ref, join(dir, "cut"))).rejects.toThrow(
      /truncated download, received \d+ of 200000 bytes/,
    );
    // A 5xx from the storage host is retried by the client; one that persists fails with its status.
    server.inject({ operationId: "download-asset", reply: () => errorReply(502, "Bad Gateway") });
    await downloadVerified(store(), ref, join(dir, "retried"));
    expect(readFileSync(join(dir, "retried")).length).toBe(200_000);
    server.inject({ operationId: "download-asset", times: 10, reply: () => errorReply(502, "Bad Gateway") });
    await expect(downloadVerified(store(), ref, join(dir, "cut"))).rejects.toThrow(
      /downloading car-mpg-1\.0\.0\.tar failed \(HTTP 502\)/,
    );
    expect(readdirSync(dir).sort()).toEqual(["car-mpg-1.0.0.tar", "retried"]);
  });
});
