import { execFileSync } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
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
    expect(committed.artifact.files).toEqual([
      { path: "model.pkl", size: expect.any(Number), sha256: expect.any(String) },
    ]);
  });

  it("scores the held-out days with its artifact through predict.py, as the evaluation did", async () => {
    const evaluated = gunzipSync(await readFile(join(PROJECT, REPORTS, "predictions.csv.gz")))
      .toString("utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(","));
    const ids = new Set(evaluated.slice(1).map((row) => row[0]));
    const data = (await readFile(join(root, "datasets/seattle-weather/data/seattle-weather-2012-2014.csv"), "utf8"))
      .trim()
      .split("\n");
    const days = [data[0], ...data.slice(1).filter((line) => ids.has(line.split(",")[0]))];
    await writeFile(join(root, "held-out.csv"), `${days.join("\n")}\n`);
    // predict takes the version's committed evaluation (and so its artifact digest) from git.
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: root,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@t",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@t",
        },
      });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "trained");
    const out = join(root, "scored.csv");
    const run = await runCliProcess(
      ["predict", MODEL, "--data", join(root, "held-out.csv"), "--out", out],
      root,
      venv.env,
    );
    expect(run.code, run.stderr).toBe(0);
    const scored = (await readFile(out, "utf8"))
      .trim()
      .split("\n")
      .map((line) => line.split(","));
    expect(scored[0]).toEqual(["row_id", "prediction", "p_dry", "p_rain"]);
    // predictions.csv.gz: row_id,target,prediction,p_dry,p_rain — the same numbers, by row id.
    const byId = new Map(scored.slice(1).map((row) => [row[0], row.slice(1)]));
    expect(byId.size).toBe(270);
    for (const [id, , prediction, dry, rain] of evaluated.slice(1))
      expect([id, ...(byId.get(id as string) ?? [])].map(String)).toEqual([
        id,
        prediction,
        String(Number(dry)),
        String(Number(rain)),
      ]);
  });
});
