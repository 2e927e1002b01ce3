import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ModelCardSchema } from "../../core/schemas/model-card.ts";
import {
  INTERPRETER_VARIABLES,
  PASSED_THROUGH,
  SYSTEM_VARIABLES,
  trainingEnvironment,
} from "../../core/train/environment.ts";
import { WITHHELD } from "../support/withheld-variables.ts";
import { PROJECT } from "./fixture-repo.ts";

const CARD = ModelCardSchema.parse({
  apiVersion: "almanac/v1",
  kind: "Model",
  id: "probe",
  name: "Probe",
  version: "1.0.0",
  stage: "proposed",
  owners: ["@t"],
  task: "regression",
  license: "MIT",
  dataset: { id: "d", version: "1.0.0", target: "y", features: ["x"] },
  training: { command: "python3 train.py" },
  evaluation: { primary_metric: "rmse" },
});

describe("the training command's environment", () => {
  it("passes the system and interpreter variables through and withholds every secret", () => {
    const given = Object.fromEntries(PASSED_THROUGH.map((name) => [name, `value of ${name}`]));
    const env = trainingEnvironment(
      { ...given, ...WITHHELD },
      CARD,
      { train: "/t/train.csv", test: "/t/test.csv", output: "/t/out", model: "/t/model" },
      null,
      null,
    );
    for (const name of PASSED_THROUGH) expect(env[name]).toBe(`value of ${name}`);
    const bare = trainingEnvironment({}, CARD, { train: "a", test: "b", output: "c", model: "d" }, null, null);
    expect(bare.PYTHONUNBUFFERED).toBe("1");
    const names = Object.keys(env);
    expect(names.filter((name) => name in WITHHELD)).toEqual([]);
    expect(names.filter((name) => !(PASSED_THROUGH as readonly string[]).includes(name)).sort()).toEqual([
      "ALMANAC_FEATURES",
      "ALMANAC_MODEL",
      "ALMANAC_MODEL_DIR",
      "ALMANAC_OUTPUT",
      "ALMANAC_PARAMS",
      "ALMANAC_SEED",
      "ALMANAC_TARGET",
      "ALMANAC_TASK",
      "ALMANAC_TEST",
      "ALMANAC_TRAIN",
    ]);
  });

  it("passes nothing whose name says it holds a secret or a package index", () => {
    const risky =
      /TOKEN|SECRET|PASSWORD|KEY|CREDENTIAL|AUTH|INDEX|PROXY|^GITHUB_|^ACTIONS_|^AWS_|^AZURE_|^GOOGLE_|^PIP_/;
    expect(PASSED_THROUGH.filter((name) => risky.test(name))).toEqual([]);
  });

  it("is documented name by name in docs/training.md", async () => {
    const docs = await readFile(`${PROJECT}/docs/training.md`, "utf8");
    const missing = [...SYSTEM_VARIABLES, ...INTERPRETER_VARIABLES].filter((name) => !docs.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
