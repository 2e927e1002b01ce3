import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPythonVenv, type PythonVenv } from "../support/python-venv.ts";
import { makeRepo, PROJECT, runCliProcess } from "./fixture-repo.ts";

const MODEL = "seattle-rain-boosting";
const REPORTS = `reports/models/${MODEL}`;
let venv: PythonVenv;
let root: string;

beforeAll(async () => {
  venv = await createPythonVenv();
  root = await makeRepo({ datasets: ["seattle-weather"], models: [MODEL] });
});
afterAll(async () => {
  await venv.remove();
  await rm(root, { recursive: true, force: true });
});

/** The evaluation without what differs between runs and checkouts (time, commit, tool versions). */
function comparable(evaluation: Record<string, unknown>) {
  const { commit, dirty, duration_ms, runtime, tool, ...provenance } = evaluation.provenance as Record<string, unknown>;
  return { ...evaluation, provenance };
}

describe(`the scikit-learn example (${MODEL})`, () => {
  it("retrains in a virtualenv of Debian's scikit-learn to the committed predictions, byte for byte, twice", async () => {
    const committed = JSON.parse(await readFile(join(PROJECT, REPORTS, "evaluation.json"), "utf8"));
    const committedPredictions = await readFile(join(PROJECT, REPORTS, "predictions.csv.gz"));
    for (const run of [1, 2]) {
      const trained = await runCliProcess(["train", MODEL], root, venv.env);
      expect(trained.stderr, `run ${run}`).toBe("");
      expect(trained.code).toBe(0);
      expect(trained.stdout).toContain(`[${MODEL}] gradient boosting: 150 rounds of depth-2 trees on 826 days`);
      expect(await readFile(join(root, REPORTS, "predictions.csv.gz"))).toEqual(committedPredictions);
      const evaluation = JSON.parse(await readFile(join(root, REPORTS, "evaluation.json"), "utf8"));
      expect(comparable(evaluation)).toEqual(comparable(committed));
    }
    expect(committed.training_log).toHaveLength(150);
    expect(committed.training_log[0]).toEqual({ round: 1, loss: expect.any(Number) });
  });
});
