import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ModelCardSchema } from "../../core/schemas/model-card.ts";
import { trainingEnvironment } from "../../core/train/environment.ts";
import { runCommand, STDERR_TAIL_LINES } from "../../core/train/run-command.ts";

const baseEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin" };

/** Running (a zombie, killed but not yet reaped by its new parent, does not count). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

describe("runCommand", () => {
  it("streams stdout and stderr line by line and keeps the last 20 stderr lines", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const outcome = await runCommand({
      command: "printf 'a\\nb'; for i in $(seq 1 30); do echo e$i >&2; done; exit 4",
      cwd: "/tmp",
      env: baseEnv,
      timeoutMs: 10_000,
      onStdout: (line) => out.push(line),
      onStderr: (line) => err.push(line),
    });
    expect(out).toEqual(["a", "b"]);
    expect(err).toHaveLength(30);
    expect(outcome.exitCode).toBe(4);
    expect(outcome.timedOut).toBe(false);
    expect(outcome.stderrTail).toHaveLength(STDERR_TAIL_LINES);
    expect(outcome.stderrTail[0]).toBe("e11");
    expect(outcome.stderrTail.at(-1)).toBe("e30");
  });

  it("stops the whole process group on timeout, grandchildren included", async () => {
    const out: string[] = [];
    const outcome = await runCommand({
      command: "sleep 30 & echo $!; wait",
      cwd: "/tmp",
      env: baseEnv,
      timeoutMs: 500,
      onStdout: (line) => out.push(line),
      onStderr: () => {},
    });
    expect(outcome.timedOut).toBe(true);
    expect(outcome.exitCode).toBeNull();
    const grandchild = Number(out[0]);
    expect(grandchild).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(grandchild)).toBe(false);
  });
});

describe("trainingEnvironment", () => {
  const card = ModelCardSchema.parse({
    apiVersion: "almanac/v1",
    kind: "Model",
    id: "m",
    name: "M",
    version: "1.0.0",
    stage: "proposed",
    owners: ["@o"],
    task: "binary-classification",
    license: "MIT",
    dataset: { id: "d", version: "1.0.0", target: "y", features: ["a", "b"] },
    training: { command: "node train.ts", params: { depth: 3 }, seed: 5 },
    evaluation: { primary_metric: "roc_auc" },
  });

  it("passes the contract and an allowlist only: no tokens reach the training command", () => {
    const env = trainingEnvironment(
      {
        PATH: "/bin",
        HOME: "/h",
        GITHUB_TOKEN: "secret",
        ACTIONS_RUNTIME_TOKEN: "t",
        NPM_TOKEN: "n",
        AWS_SECRET_ACCESS_KEY: "k",
      },
      card,
      { train: "/w/train.csv", test: "/w/test.csv", output: "/w/out", model: "/w/model" },
      ["no", "yes"],
      "yes",
    );
    expect(env).toEqual({
      PATH: "/bin",
      HOME: "/h",
      ALMANAC_TRAIN: "/w/train.csv",
      ALMANAC_TEST: "/w/test.csv",
      ALMANAC_PARAMS: '{"depth":3}',
      ALMANAC_OUTPUT: "/w/out",
      ALMANAC_MODEL_DIR: "/w/model",
      ALMANAC_SEED: "5",
      ALMANAC_TARGET: "y",
      ALMANAC_FEATURES: "a,b",
      ALMANAC_TASK: "binary-classification",
      ALMANAC_MODEL: "m",
      ALMANAC_CLASSES: '["no","yes"]',
      ALMANAC_POSITIVE_CLASS: "yes",
      PYTHONUNBUFFERED: "1",
    });
  });
});
