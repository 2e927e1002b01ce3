import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { csvParse } from "d3-dsv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedArtifactPath } from "../../core/artifacts/cache.ts";
import { scoreWithArtifact } from "../../core/artifacts/predict.ts";
import { driftJson } from "../git/fixtures.ts";
import { runCli } from "../train/fixture-repo.ts";
import { commitAll, git, trainedRepo } from "./repo.ts";

let root: string;
let store: string;
let sha256: string;

beforeAll(async () => {
  root = await trainedRepo([{ model: "penguin-species", dataset: "penguins" }]);
  store = join(root, "..", `${root.split("/").at(-1)}-store`);
  sha256 = JSON.parse(readFileSync(join(root, "reports/models/penguin-species/evaluation.json"), "utf8")).artifact
    .sha256;
}, 120_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(store, { recursive: true, force: true });
});

const stored = () => join(store, "penguin-species/1.0.0/penguin-species-1.0.0.tar");

/** The committed predictions (prediction and probabilities) by row_id. */
function committedPredictions(): Map<string, Record<string, string>> {
  const text = gunzipSync(readFileSync(join(root, "reports/models/penguin-species/predictions.csv.gz"))).toString();
  return new Map(csvParse(text).map((row) => [row.row_id as string, { ...row }]));
}

describe("train → commit → publish → promote → pull by stage → predict (file store)", () => {
  it("--if-configured skips a model whose card names no store (the CI publish job)", async () => {
    const { code, stdout } = await runCli(["publish", "penguin-species", "--if-configured"], root);
    expect(code).toBe(0);
    expect(stdout).toBe("penguin-species: nothing to publish (the card names no artifact store)\n");
  });

  it("publishes the committed digest, idempotently", async () => {
    const first = await runCli(["publish", "penguin-species", "--to", `file://${store}`, "--json"], root);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      model: "penguin-species",
      version: "1.0.0",
      sha256,
      uploaded: true,
    });
    expect(createHash("sha256").update(readFileSync(stored())).digest("hex")).toBe(sha256);
    const again = await runCli(["publish", "penguin-species", "--to", `file://${store}`], root);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`is already in file://${store}: nothing to do`);
  });

  it("promotes to production, pulls that stage and predicts exactly the evaluated predictions", async () => {
    const card = join(root, "models/penguin-species/model.md");
    writeFileSync(
      card,
      readFileSync(card, "utf8").replace("\npredict:", `\nartifact:\n  store: file://${store}\npredict:`),
    );
    mkdirSync(join(root, "reports/drift/penguin-species"), { recursive: true });
    writeFileSync(
      join(root, "reports/drift/penguin-species/2025-01-01.json"),
      driftJson("penguin-species", "2025-01-01", false),
    );
    commitAll(root, "store and a clean drift report");
    const promoted = await runCli(["promote", "penguin-species", "--to", "production", "--tag"], root);
    expect(promoted.stdout).toContain(
      `✓ artifact sha256:${sha256.slice(0, 12)}… (198 kB) published to file://${store}`,
    );
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain("tagged penguin-species@v1.0.0 and penguin-species#production#1 (GTO format)");
    // GTO's annotated tags, on the commit whose evaluation records the version.
    const evaluated = git(root, "log", "-1", "--format=%H", "--", "reports/models/penguin-species/evaluation.json");
    expect(git(root, "rev-list", "-n", "1", "penguin-species@v1.0.0")).toBe(evaluated);
    expect(git(root, "rev-list", "-n", "1", "penguin-species#production#1")).toBe(evaluated);
    expect(git(root, "tag", "-l", "--format=%(objecttype) %(refname:short) %(contents:subject)")).toBe(
      [
        "tag penguin-species#production#1 Assigning stage production to artifact penguin-species version v1.0.0",
        "tag penguin-species@v1.0.0 Registering artifact penguin-species version v1.0.0",
      ].join("\n"),
    );
    commitAll(root, "promote");
    const out = join(root, "pulled");
    const pulled = await runCli(["pull", "penguin-species", "--stage", "production", "--out", out, "--json"], root);
    expect(pulled.code).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ version: "1.0.0", sha256, files: ["model.json"] });
    // Predict from the store, not the cache: the cache is emptied first.
    rmSync(cachedArtifactPath(root, sha256));
    const predictions = join(root, "scored.csv");
    const predicted = await runCli(
      [
        "predict",
        "penguin-species",
        "--stage",
        "production",
        "--data",
        join(root, "datasets/penguins/data/penguins.csv"),
        "--out",
        predictions,
      ],
      root,
    );
    expect(predicted.stderr).toBe("");
    expect(predicted.code).toBe(0);
    const scored = csvParse(readFileSync(predictions, "utf8"));
    expect(scored.columns).toEqual(["row_id", "prediction", "p_Adelie", "p_Chinstrap", "p_Gentoo"]);
    expect(scored).toHaveLength(344);
    const committed = committedPredictions();
    expect(committed.size).toBeGreaterThan(90);
    for (const [rowId, expected] of committed) {
      const row = scored.find((r) => r.row_id === rowId);
      expect({ id: rowId, ...row }).toEqual({
        id: rowId,
        row_id: rowId,
        prediction: expected.prediction,
        p_Adelie: expected.p_Adelie,
        p_Chinstrap: expected.p_Chinstrap,
        p_Gentoo: expected.p_Gentoo,
      });
    }
  });
});

describe("scoreWithArtifact (the production scorer almanac retrain uses)", () => {
  it("scores a file with a named version's verified artifact", async () => {
    const out = join(root, "scored-by-version.csv");
    const result = await scoreWithArtifact({
      root,
      model: "penguin-species",
      version: "1.0.0",
      data: join(root, "datasets/penguins/data/penguins.csv"),
      out,
      env: process.env,
      onOutput: () => {},
    });
    expect(result).toEqual({ sha256, rows: 344 });
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(root, "scored.csv"), "utf8"));
  });
});

describe("history", () => {
  it("shows each evaluated version's artifact: digest, size, store and the pull command", async () => {
    const { code, stdout } = await runCli(["history", "penguin-species", "--json"], root);
    expect(code).toBe(0);
    const evaluations = JSON.parse(stdout).events.filter((e: { type: string }) => e.type === "evaluation_changed");
    expect(evaluations.map((e: { artifact: unknown }) => e.artifact)).toEqual([
      { sha256, size: 197_632, store: `file://${store}`, pull: "npx almanac pull penguin-species@1.0.0" },
    ]);
    const text = await runCli(["history", "penguin-species"], root);
    expect(text.stdout).toContain(
      `· artifact sha256:${sha256.slice(0, 12)}… 198 kB in file://${store} · npx almanac pull penguin-species@1.0.0`,
    );
  });
});

describe("tampering", () => {
  it("a changed byte in the store: pull refuses naming both digests and leaves nothing in --out", async () => {
    const original = readFileSync(stored());
    const changed = Buffer.from(original);
    changed[600] = (changed[600] as number) ^ 1;
    writeFileSync(stored(), changed);
    try {
      const out = join(root, "tampered");
      const { code, stderr } = await runCli(["pull", "penguin-species", "--out", out], root);
      expect(code).toBe(1);
      const got = createHash("sha256").update(changed).digest("hex");
      expect(stderr).toContain(
        `digest mismatch, the store sent sha256:${got} but the committed evaluation records sha256:${sha256}`,
      );
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(root).filter((name) => name.startsWith("tampered"))).toEqual([]);
    } finally {
      writeFileSync(stored(), original);
    }
  });

  it("a truncated download is refused and nothing is left behind", async () => {
    const original = readFileSync(stored());
    truncateSync(stored(), 1024);
    try {
      const out = join(root, "truncated");
      const { code, stderr } = await runCli(["pull", "penguin-species", "--out", out], root);
      expect(code).toBe(1);
      expect(stderr).toContain(`truncated download, received 1024 of ${original.length} bytes`);
      expect(existsSync(out)).toBe(false);
    } finally {
      writeFileSync(stored(), original);
    }
  });

  it("a different digest under a published version: publish refuses", async () => {
    const record = join(store, "penguin-species/1.0.0/artifact.json");
    const original = readFileSync(record, "utf8");
    writeFileSync(record, original.replace(sha256, "0".repeat(64)));
    try {
      const { code, stderr } = await runCli(["publish", "penguin-species"], root);
      expect(code).toBe(1);
      expect(stderr).toContain(
        `already holds penguin-species 1.0.0 with sha256:${"0".repeat(64)}; the committed evaluation records sha256:${sha256}`,
      );
    } finally {
      writeFileSync(record, original);
    }
  });

  it("a local file that is not the evaluated artifact: publish refuses before touching the store", async () => {
    const other = join(root, "other.tar");
    writeFileSync(other, "not the model");
    const { code, stderr } = await runCli(
      ["publish", "penguin-species", "--from", other, "--to", `file://${store}-2`],
      root,
    );
    expect(code).toBe(1);
    expect(stderr).toContain(`it has sha256:${createHash("sha256").update("not the model").digest("hex")} (13 bytes)`);
    expect(stderr).toContain(`the committed evaluation records sha256:${sha256}`);
    expect(existsSync(`${store}-2`)).toBe(false);
  });

  it("an uncommitted retrain changes nothing: publish and pull use the committed evaluation", async () => {
    const evaluation = join(root, "reports/models/penguin-species/evaluation.json");
    writeFileSync(evaluation, readFileSync(evaluation, "utf8").replace(sha256, "f".repeat(64)));
    try {
      const { code, stdout } = await runCli(["publish", "penguin-species", "--json"], root);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).sha256).toBe(sha256);
    } finally {
      git(root, "checkout", "--", "reports");
    }
  });
});
