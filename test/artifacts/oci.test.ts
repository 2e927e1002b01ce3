import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { csvParse } from "d3-dsv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedArtifactPath } from "../../core/artifacts/cache.ts";
import { packModelDir } from "../../core/artifacts/pack.ts";
import { OciStore, ociTag } from "../../core/artifacts/stores/oci.ts";
import { credentialsFor, parseChallenge } from "../../core/artifacts/stores/oci-auth.ts";
import { parseOciUrl } from "../../core/artifacts/stores/oci-client.ts";
import { type LocalRegistry, startRegistry } from "../support/oci-registry.ts";
import { startTokenService } from "../support/token-service.ts";
import { runCli } from "../train/fixture-repo.ts";
import { commitAll, trainedRepo } from "./repo.ts";

let registry: LocalRegistry;
let root: string;
let sha256: string;
let size: number;

beforeAll(async () => {
  [registry, root] = await Promise.all([startRegistry(), trainedRepo([{ model: "car-mpg", dataset: "cars" }])]);
  const evaluation = JSON.parse(readFileSync(join(root, "reports/models/car-mpg/evaluation.json"), "utf8"));
  ({ sha256, size } = evaluation.artifact);
}, 120_000);
afterAll(async () => {
  await registry?.stop();
  rmSync(root, { recursive: true, force: true });
});

const store = () => `oci://${registry.host}/almanac/models`;
const skopeo = (...args: string[]) =>
  execFileSync("skopeo", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** The registry's file holding a blob (distribution's filesystem layout). */
const blobData = (digest: string) =>
  join(registry.storage, "docker/registry/v2/blobs/sha256", digest.slice(0, 2), digest, "data");

describe("an OCI registry as the store (Debian's docker-registry, cross-checked with skopeo)", () => {
  it("publishes an OCI artifact tagged <model>-<version> whose layer is the recorded digest", async () => {
    const { code, stdout, stderr } = await runCli(["publish", "car-mpg", "--to", store(), "--json"], root);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const published = JSON.parse(stdout);
    const manifest = JSON.parse(
      skopeo("inspect", "--tls-verify=false", "--raw", `docker://${registry.host}/almanac/models:car-mpg-1.0.0`),
    );
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      artifactType: "application/vnd.almanac.model.v1",
      config: {
        mediaType: "application/vnd.oci.empty.v1+json",
        digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        size: 2,
      },
      layers: [
        {
          mediaType: "application/vnd.almanac.model.layer.v1.tar",
          digest: `sha256:${sha256}`,
          size,
          annotations: { "org.opencontainers.image.title": "car-mpg-1.0.0.tar" },
        },
      ],
      annotations: {
        "org.opencontainers.image.title": "car-mpg",
        "org.opencontainers.image.version": "1.0.0",
        "dev.almanac.model": "car-mpg",
      },
    });

    expect(published.location).toMatch(
      new RegExp(`^${registry.host}/almanac/models:car-mpg-1.0.0@sha256:[0-9a-f]{64}$`),
    );
    // An independent client copies it to an OCI layout: the layer blob is the artifact Almanac recorded.
    const layout = mkdtempSync(join(tmpdir(), "almanac-skopeo-"));
    try {
      skopeo(
        "copy",
        "--src-tls-verify=false",
        `docker://${registry.host}/almanac/models:car-mpg-1.0.0`,
        `oci:${layout}:car-mpg`,
      );
      const blob = readFileSync(join(layout, "blobs/sha256", sha256));
      expect(createHash("sha256").update(blob).digest("hex")).toBe(sha256);
      expect(blob.length).toBe(size);
      const index = JSON.parse(readFileSync(join(layout, "index.json"), "utf8"));
      expect(`${registry.host}/almanac/models:car-mpg-1.0.0@${index.manifests[0].digest}`).toBe(published.location);
      const raw = readFileSync(join(layout, "blobs/sha256", index.manifests[0].digest.slice(7)));
      expect(JSON.parse(raw.toString())).toEqual(manifest);
    } finally {
      rmSync(layout, { recursive: true, force: true });
    }
  });

  it("re-publishing is a no-op; pull verifies and unpacks", async () => {
    const again = await runCli(["publish", "car-mpg", "--to", store(), "--json"], root);
    expect(JSON.parse(again.stdout).uploaded).toBe(false);
    const out = join(root, "pulled");
    const pulled = await runCli(["pull", "car-mpg", "--from", store(), "--out", out, "--json"], root);
    expect(pulled.code).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ sha256, size, files: ["model.json"] });
    const record = JSON.parse(readFileSync(join(root, "reports/models/car-mpg/evaluation.json"), "utf8")).artifact;
    expect(
      createHash("sha256")
        .update(readFileSync(join(out, "model.json")))
        .digest("hex"),
    ).toBe(record.files[0].sha256);
  });

  it("with the registry as the card's store: pull by stage, and predict from it exactly the evaluated predictions", async () => {
    const card = join(root, "models/car-mpg/model.md");
    writeFileSync(card, readFileSync(card, "utf8").replace("\npredict:", `\nartifact:\n  store: ${store()}\npredict:`));
    commitAll(root, "car-mpg is stored in the registry");
    const out = join(root, "by-stage");
    const pulled = await runCli(["pull", "car-mpg", "--stage", "proposed", "--out", out, "--json"], root);
    expect(pulled.code).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ store: store(), sha256 });
    rmSync(cachedArtifactPath(root, sha256));
    const scored = join(root, "scored.csv");
    const predicted = await runCli(
      ["predict", "car-mpg", "--data", join(root, "datasets/cars/data/cars.parquet"), "--out", scored],
      root,
    );
    expect(predicted.code).toBe(0);
    expect(existsSync(cachedArtifactPath(root, sha256))).toBe(true);
    const byId = new Map(csvParse(readFileSync(scored, "utf8")).map((row) => [row.row_id, row.prediction]));
    const committed = csvParse(
      gunzipSync(readFileSync(join(root, "reports/models/car-mpg/predictions.csv.gz"))).toString(),
    );
    expect(committed.length).toBeGreaterThan(50);
    for (const row of committed)
      expect([row.row_id, Number(byId.get(row.row_id as string))]).toEqual([row.row_id, Number(row.prediction)]);
  });

  it("a changed byte in the registry's storage: pull refuses and leaves nothing", async () => {
    const path = blobData(sha256);
    const original = readFileSync(path);
    const changed = Buffer.from(original);
    changed[100] = (changed[100] as number) ^ 0xff;
    writeFileSync(path, changed);
    try {
      const out = join(root, "tampered");
      const { code, stderr } = await runCli(["pull", "car-mpg", "--from", store(), "--out", out], root);
      expect(code).toBe(1);
      expect(stderr).toContain(
        `digest mismatch, the store sent sha256:${createHash("sha256").update(changed).digest("hex")} but the committed evaluation records sha256:${sha256}`,
      );
      expect(existsSync(out)).toBe(false);
    } finally {
      writeFileSync(path, original);
    }
  });

  it("a different artifact under a published tag: publish refuses", async () => {
    const folder = mkdtempSync(join(tmpdir(), "almanac-other-"));
    writeFileSync(join(folder, "model.json"), "{}");
    const other = await packModelDir(folder, join(folder, "..", `${folder.split("/").at(-1)}.tar`), "none");
    const oci = new OciStore(store(), parseOciUrl(store())!, {});
    await oci.put(
      { model: "car-mpg", version: "1.0.0", sha256: other.sha256, size: other.size, mediaType: other.media_type },
      `${folder}.tar`,
    );
    rmSync(folder, { recursive: true, force: true });
    rmSync(`${folder}.tar`, { force: true });
    const { code, stderr } = await runCli(["publish", "car-mpg", "--to", store()], root);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `already holds car-mpg 1.0.0 with sha256:${other.sha256}; the committed evaluation records sha256:${sha256}`,
    );
  });

  it("streams a blob above the chunked threshold in chunks (PATCH with Content-Range), then pulls it back", async () => {
    const folder = mkdtempSync(join(tmpdir(), "almanac-chunk-"));
    try {
      writeFileSync(join(folder, "weights.bin"), Buffer.alloc(3 * 1024 * 1024 + 17, 7));
      const packed = join(folder, "packed.tar");
      const record = await packModelDir(folder, packed, "none");
      const oci = new OciStore(
        store(),
        parseOciUrl(store())!,
        {},
        { chunkThreshold: 1024 * 1024, chunkBytes: 1024 * 1024 },
      );
      const ref = {
        model: "big",
        version: "0.1.0",
        sha256: record.sha256,
        size: record.size,
        mediaType: record.media_type,
      };
      await oci.put(ref, packed);
      expect(await oci.find("big", "0.1.0")).toMatchObject({ sha256: record.sha256, size: record.size });
      const hash = createHash("sha256");
      for await (const chunk of await oci.open(ref)) hash.update(chunk as Buffer);
      expect(hash.digest("hex")).toBe(record.sha256);
      expect(registry.log.join("").match(/"PATCH \/v2\/almanac\/models\/blobs\/uploads\//g)?.length).toBe(4);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("names tags and parses store URLs", () => {
    expect(ociTag("car-mpg", "1.2.0+build.5")).toBe("car-mpg-1.2.0_build.5");
    expect(parseOciUrl("oci://ghcr.io/my-org/models")).toEqual({
      origin: "https://ghcr.io",
      host: "ghcr.io",
      name: "my-org/models",
    });
    expect(parseOciUrl("oci://localhost:5000/models")?.origin).toBe("http://localhost:5000");
    expect(parseOciUrl("oci://ghcr.io/My-Org/models")).toBeUndefined();
    expect(readdirSync(registry.storage).length).toBeGreaterThan(0);
  });
});

describe("a registry that asks for credentials (htpasswd, HTTP Basic)", () => {
  it("refuses anonymous pushes with a hint, and pushes with ALMANAC_OCI_USERNAME/PASSWORD", async () => {
    const locked = await startRegistry({ basicAuth: { username: "ci", password: "s3cret" } });
    try {
      const url = `oci://${locked.host}/private/models`;
      const ref = {
        model: "car-mpg",
        version: "1.0.0",
        sha256,
        size,
        mediaType: "application/vnd.almanac.model.layer.v1.tar" as const,
      };
      const file = join(root, ".almanac/cache/artifacts/sha256", sha256);
      await expect(new OciStore(url, parseOciUrl(url)!, {}).put(ref, file)).rejects.toThrow(
        "the registry asks for a user name and password",
      );
      const wrong = new OciStore(url, parseOciUrl(url)!, { ALMANAC_OCI_USERNAME: "ci", ALMANAC_OCI_PASSWORD: "nope" });
      await expect(wrong.put(ref, file)).rejects.toThrow(/HTTP 401/);
      const env = { ALMANAC_OCI_USERNAME: "ci", ALMANAC_OCI_PASSWORD: "s3cret" };
      await new OciStore(url, parseOciUrl(url)!, env).put(ref, file);
      expect(await new OciStore(url, parseOciUrl(url)!, env).find("car-mpg", "1.0.0")).toMatchObject({ sha256, size });
    } finally {
      await locked.stop();
    }
  });
});

describe("a registry with token authentication (the Bearer challenge GHCR uses)", () => {
  it("answers the WWW-Authenticate challenge at the token service, with the push scope, then pushes and pulls", async () => {
    const tokens = await startTokenService({ username: "ci", password: "ghs_token" });
    const guarded = await startRegistry({ tokenAuth: tokens });
    try {
      const url = `oci://${guarded.host}/org/models`;
      const ref = {
        model: "car-mpg",
        version: "1.0.0",
        sha256,
        size,
        mediaType: "application/vnd.almanac.model.layer.v1.tar" as const,
      };
      const file = join(root, ".almanac/cache/artifacts/sha256", sha256);
      const env = { ALMANAC_OCI_USERNAME: "ci", ALMANAC_OCI_PASSWORD: "ghs_token" };
      await new OciStore(url, parseOciUrl(url)!, env).put(ref, file);
      const hash = createHash("sha256");
      for await (const chunk of await new OciStore(url, parseOciUrl(url)!, env).open(ref)) hash.update(chunk as Buffer);
      expect(hash.digest("hex")).toBe(sha256);
      expect(tokens.requests.map((r) => `${r.scope} ${r.accepted}`)).toEqual([
        "repository:org/models:pull,push true",
        "repository:org/models:pull true",
      ]);
      await expect(
        new OciStore(url, parseOciUrl(url)!, { ...env, ALMANAC_OCI_PASSWORD: "wrong" }).find("car-mpg", "1.0.0"),
      ).rejects.toThrow(
        `the registry's token service http://127.0.0.1:${tokens.realm.split(":")[2]?.split("/")[0]} answered HTTP 401`,
      );
    } finally {
      await guarded.stop();
      await tokens.stop();
    }
  });

  it("uses GITHUB_TOKEN for ghcr.io only, ALMANAC_OCI_* anywhere", () => {
    expect(credentialsFor("ghcr.io", { GITHUB_TOKEN: "ghs_x", GITHUB_ACTOR: "octocat" })).toEqual({
      username: "octocat",
      password: "ghs_x",
    });
    expect(credentialsFor("registry.example.com", { GITHUB_TOKEN: "ghs_x" })).toBeUndefined();
    expect(
      credentialsFor("ghcr.io", { GITHUB_TOKEN: "ghs_x", ALMANAC_OCI_USERNAME: "u", ALMANAC_OCI_PASSWORD: "p" }),
    ).toEqual({ username: "u", password: "p" });
    expect(
      parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"'),
    ).toEqual({
      scheme: "bearer",
      params: { realm: "https://ghcr.io/token", service: "ghcr.io", scope: "repository:o/r:pull" },
    });
  });
});
