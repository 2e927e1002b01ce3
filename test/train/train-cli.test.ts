import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { EvaluationSchema } from "../../core/schemas/evaluation.ts";
import { makeRepo, runCli, SCRIPTED_TRAIN, writeCard } from "./fixture-repo.ts";

let root: string;

async function scripted(
  id: string,
  params: Record<string, unknown>,
  extra: Partial<Parameters<typeof writeCard>[2]> = {},
) {
  await writeCard(root, id, {
    dataset: "seattle-weather",
    target: "rain",
    features: ["temp_max", "wind"],
    task: "binary-classification",
    command: "node train.mjs",
    params,
    primary: "roc_auc",
    ...extra,
  });
  await writeFile(join(root, "models", id, "train.mjs"), SCRIPTED_TRAIN);
}

beforeAll(async () => {
  root = await makeRepo({ datasets: ["seattle-weather", "cars", "penguins"], models: ["car-mpg"] });
});

describe("almanac train", () => {
  it("runs the command under the contract, streams its output with a prefix and writes the evaluation", async () => {
    await scripted("ok", { mode: "constant" });
    const { code, stdout, stderr } = await runCli(["train", "ok"], root);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("[ok] wrote 270 predictions\n");
    const evaluation = EvaluationSchema.parse(
      JSON.parse(await readFile(join(root, "reports/models/ok/evaluation.json"), "utf8")),
    );
    expect(evaluation.provenance).toMatchObject({
      command: "node train.mjs",
      exit_code: 0,
      seed: 7,
      params: { mode: "constant" },
      rows: { train: 826, test: 270 },
      split: "test",
      dataset: {
        id: "seattle-weather",
        version: "1.0.0",
        files: [{ path: "datasets/seattle-weather/data/seattle-weather-2012-2014.csv" }],
      },
      bootstrap: { resamples: 200, seed: 1, confidence: 0.95 },
      commit: null,
      dirty: false,
    });
    expect(evaluation.training_log).toEqual([
      { epoch: 1, loss: 0.9 },
      { epoch: 2, loss: 0.5 },
    ]);
    const csv = gunzipSync(await readFile(join(root, "reports/models/ok/predictions.csv.gz"))).toString("utf8");
    expect(csv.split("\n")[0]).toBe("row_id,target,prediction,p_dry,p_rain");
    expect(csv.split("\n")).toHaveLength(272);
  });

  it("passes only the contract and an allowlist of variables: no GITHUB_TOKEN or ACTIONS_*", async () => {
    await scripted("env", { mode: "echo-env" });
    process.env.GITHUB_TOKEN = "ghp_secret";
    process.env.ACTIONS_RUNTIME_TOKEN = "secret";
    try {
      const { stdout } = await runCli(["train", "env"], root);
      const line = stdout.split("\n").find((l) => l.startsWith("[env] ["));
      const names = JSON.parse((line ?? "").slice("[env] ".length)) as string[];
      expect(names).not.toContain("GITHUB_TOKEN");
      expect(names).not.toContain("ACTIONS_RUNTIME_TOKEN");
      expect(names.filter((name) => name.startsWith("ALMANAC_"))).toEqual([
        "ALMANAC_CLASSES",
        "ALMANAC_FEATURES",
        "ALMANAC_MODEL",
        "ALMANAC_MODEL_DIR",
        "ALMANAC_OUTPUT",
        "ALMANAC_PARAMS",
        "ALMANAC_POSITIVE_CLASS",
        "ALMANAC_SEED",
        "ALMANAC_TARGET",
        "ALMANAC_TASK",
        "ALMANAC_TEST",
        "ALMANAC_TRAIN",
      ]);
    } finally {
      delete process.env.GITHUB_TOKEN;
      delete process.env.ACTIONS_RUNTIME_TOKEN;
    }
  });

  it("a failing command: exit 1 with the last 20 lines of stderr, previous evaluation untouched", async () => {
    await scripted("flaky", { mode: "constant" });
    expect((await runCli(["train", "flaky"], root)).code).toBe(0);
    const before = await readFile(join(root, "reports/models/flaky/evaluation.json"));
    await scripted("flaky", { mode: "fail" });
    const { code, stderr } = await runCli(["train", "flaky"], root);
    expect(code).toBe(1);
    expect(stderr).toContain("flaky: the training command `node train.mjs` failed with exit code 3");
    expect(stderr).toContain("last 20 lines of stderr:\n  problem line 6\n");
    expect(stderr).toContain("  problem line 25\n");
    expect(stderr).not.toContain("  problem line 5\n");
    expect(await readFile(join(root, "reports/models/flaky/evaluation.json"))).toEqual(before);
  });

  it("a command past training.timeout is stopped: exit 1", async () => {
    await scripted("slow", { mode: "sleep" }, { timeout: "1s" });
    const { code, stderr, stdout } = await runCli(["train", "slow"], root);
    expect(stdout).toContain("[slow] sleeping");
    expect(code).toBe(1);
    expect(stderr).toContain("slow: the training command timed out after 1s and was stopped");
    expect(existsSync(join(root, "reports/models/slow/evaluation.json"))).toBe(false);
  });

  it("a command that writes no predictions: exit 1", async () => {
    await scripted("silent", { mode: "none" });
    const { code, stderr } = await runCli(["train", "silent"], root);
    expect(code).toBe(1);
    expect(stderr).toContain("silent: the training command wrote no predictions");
  });

  it("--output keeps the command's artifacts and never re-reads a previous run's predictions", async () => {
    const output = join(root, "kept");
    expect((await runCli(["train", "car-mpg", "--output", output], root)).code).toBe(0);
    expect(existsSync(join(output, "model", "model.json"))).toBe(true);
    expect(existsSync(join(output, "predictions.csv"))).toBe(true);
    await scripted("stale", { mode: "none" });
    const { code, stderr } = await runCli(["train", "stale", "--output", output], root);
    expect(code).toBe(1);
    expect(stderr).toContain("stale: the training command wrote no predictions");
  });

  it("an unknown model is a usage error with a hint", async () => {
    const { code, stderr } = await runCli(["train", "car-mgp"], root);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown model "car-mgp"');
    expect(stderr).toContain('did you mean "car-mpg"?');
  });

  it("trains a real example twice with byte-identical metrics", async () => {
    const first = await runCli(["train", "car-mpg", "--json"], root);
    expect(first.code).toBe(0);
    const second = await runCli(["train", "car-mpg", "--json"], root);
    const a = JSON.parse(first.stdout);
    const b = JSON.parse(second.stdout);
    expect(JSON.stringify({ ...a, provenance: undefined })).toBe(JSON.stringify({ ...b, provenance: undefined }));
    expect(a.metrics.rmse.value).toBeGreaterThan(2);
    expect(a.metrics.rmse.value).toBeLessThan(4.5);
    expect(first.stderr).toContain("[car-mpg] linear regression on 6 features");
  });
});
