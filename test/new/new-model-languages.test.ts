import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseModelCard } from "../../core/load/model-card.ts";
import { validateRepository } from "../../core/validate/index.ts";
import { createPythonVenv, type PythonVenv } from "../support/python-venv.ts";
import { createTinyRepo, runCli } from "../support/tiny-repo.ts";
import { makeRepo, runCli as runCliIn, runCliProcess } from "../train/fixture-repo.ts";

const exec = promisify(execFile);
const roots: string[] = [];
let venv: PythonVenv;

beforeAll(async () => {
  venv = await createPythonVenv();
});
afterAll(async () => {
  await venv.remove();
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

const NEW_BIRD_MODEL = ["new", "model", "bird-kind", "--dataset", "birds", "--task", "multiclass-classification"];

/** Contract CSVs of the birds: rows 1–4 train (with the target), rows 5–6 test (without). */
async function birdsContract(train: string, test: string): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), "almanac-contract-"));
  roots.push(work);
  await writeFile(join(work, "train.csv"), train);
  await writeFile(join(work, "test.csv"), test);
  return work;
}

/**
 * After `almanac train`: the evaluation records the model folder as an artifact, and `almanac predict`
 * with it on the held-out rows of penguins-sex returns the evaluation's predictions exactly.
 */
async function expectPredictReproduces(root: string, id: string, artifactFile: string, env: Record<string, string>) {
  const reports = join(root, "reports/models", id);
  const evaluation = JSON.parse(await readFile(join(reports, "evaluation.json"), "utf8"));
  expect(evaluation.artifact.files).toEqual([
    { path: artifactFile, size: expect.any(Number), sha256: expect.any(String) },
  ]);
  // predictions.csv.gz: row_id,target,prediction,p_female,p_male and the sensitive column.
  const evaluated = gunzipSync(await readFile(join(reports, "predictions.csv.gz")))
    .toString("utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(","));
  expect(evaluated[0]).toEqual(["row_id", "target", "prediction", "p_female", "p_male", "island"]);
  const ids = new Set(evaluated.slice(1).map((row) => row[0]));
  const data = (await readFile(join(root, "datasets/penguins-sex/data/penguins-sex.csv"), "utf8")).trim().split("\n");
  const held = [data[0], ...data.slice(1).filter((line) => ids.has(line.split(",")[0]))];
  await writeFile(join(root, "held-out.csv"), `${held.join("\n")}\n`);
  // predict takes the version's committed evaluation (and so its artifact digest) from git.
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@t",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@t",
  };
  for (const args of [
    ["init", "-q"],
    ["add", "-A"],
    ["commit", "-qm", "trained"],
  ])
    execFileSync("git", args, { cwd: root, env: gitEnv });
  const out = join(root, "scored.csv");
  const run = await runCliProcess(["predict", id, "--data", join(root, "held-out.csv"), "--out", out], root, env);
  expect(run.code, run.stderr).toBe(0);
  const scored = (await readFile(out, "utf8"))
    .trim()
    .split("\n")
    .map((line) => line.split(","));
  expect(scored[0]).toEqual(["row_id", "prediction", "p_female", "p_male"]);
  const byId = new Map(scored.slice(1).map((row) => [row[0], row.slice(1)]));
  expect(byId.size).toBe(evaluated.length - 1);
  for (const [rowId, , prediction, female, male] of evaluated.slice(1))
    expect([rowId, ...(byId.get(rowId as string) ?? [])]).toEqual([
      rowId,
      prediction,
      String(Number(female)),
      String(Number(male)),
    ]);
}

async function runPython(folder: string, work: string, env: Record<string, string>) {
  const { stdout } = await exec("python3", ["train.py"], {
    cwd: folder,
    env: {
      ...venv.env,
      HOME: process.env.HOME ?? work,
      ALMANAC_TRAIN: join(work, "train.csv"),
      ALMANAC_TEST: join(work, "test.csv"),
      ALMANAC_OUTPUT: work,
      ALMANAC_PARAMS: "{}",
      ALMANAC_SEED: "42",
      ...env,
    },
  });
  return { stdout, predictions: await readFile(join(work, "predictions.csv"), "utf8") };
}

describe("almanac new model --language python", () => {
  it("writes train.py and requirements.txt, and a card that runs and declares them", async () => {
    const root = await createTinyRepo({ card: null });
    roots.push(root);
    const run = await runCli([...NEW_BIRD_MODEL, "--target", "species", "--language", "python", "--root", root]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.split("\n")[0]).toBe(
      "✓ wrote models/bird-kind/model.md, models/bird-kind/train.py, models/bird-kind/predict.py, models/bird-kind/requirements.txt",
    );
    expect(run.stdout).toContain(
      "  python: almanac train runs in the environment you activate; install pandas and scikit-learn there (pip install -r models/bird-kind/requirements.txt), as CI does\n",
    );
    expect(run.stdout).toContain("  next: fill in the card's sections, improve the baseline in train.py, then run");
    expect(await readdir(join(root, "models/bird-kind"))).toEqual([
      "model.md",
      "predict.py",
      "requirements.txt",
      "train.py",
    ]);
    const text = await readFile(join(root, "models/bird-kind/model.md"), "utf8");
    const parsed = parseModelCard(text, "models/bird-kind/model.md");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.card?.training).toMatchObject({
      command: "python3 train.py",
      python: { version: "3.12", requirements: "requirements.txt" },
    });
    expect(parsed.card?.predict).toEqual({ command: "python3 predict.py", timeout: "10m" });
    expect(text).toContain("It starts as the scikit-learn baseline in `train.py`: a logistic regression");
    expect(await readFile(join(root, "models/bird-kind/requirements.txt"), "utf8")).toMatch(
      /^pandas==\d+\.\d+\.\d+$[\s\S]*^scikit-learn==\d+\.\d+\.\d+$/m,
    );
    expect((await validateRepository(root)).diagnostics).toEqual([]);
  });

  it("refuses an unknown language (exit 2) and writes nothing", async () => {
    const root = await createTinyRepo({ card: null });
    roots.push(root);
    const run = await runCli([...NEW_BIRD_MODEL, "--target", "species", "--language", "pyton", "--root", root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error --language pyton is not a language Almanac scaffolds\n  hint: did you mean "python"?\n',
    );
    expect(await readdir(root)).toEqual(["datasets"]);
  });

  it("trains the scikit-learn baseline under the contract: probabilities per declared class, text labels kept", async () => {
    const root = await createTinyRepo({ card: null });
    roots.push(root);
    await runCli([...NEW_BIRD_MODEL, "--target", "species", "--language", "python", "--root", root]);
    // "NA" is a class and a row id here, "true"/"false" a feature: all must come back as written.
    const work = await birdsContract(
      [
        "row_id,wing_mm,mass_g,ringed,species",
        "1,76.5,28,true,sparrow",
        "2,80.1,18,false,NA",
        "3,74.0,,true,sparrow",
        "4,48.2,10,,wren",
        "",
      ].join("\n"),
      ["row_id,wing_mm,mass_g,ringed", "NA,79.9,19,true", "007,,9,false", ""].join("\n"),
    );
    const { stdout, predictions } = await runPython(join(root, "models/bird-kind"), work, {
      ALMANAC_TARGET: "species",
      ALMANAC_FEATURES: "wing_mm,mass_g,ringed",
      ALMANAC_TASK: "multiclass-classification",
      ALMANAC_CLASSES: JSON.stringify(["NA", "robin", "sparrow", "wren"]),
    });
    expect(stdout).toBe("LogisticRegression (multiclass-classification) trained on 4 rows; predicted 2 rows\n");
    const [header, ...rows] = predictions.trim().split("\n");
    expect(header).toBe("row_id,prediction,p_NA,p_robin,p_sparrow,p_wren");
    expect(rows.map((row) => row.split(",")[0])).toEqual(["NA", "007"]);
    for (const row of rows) {
      const [, label, ...probabilities] = row.split(",");
      expect(["NA", "sparrow", "wren"]).toContain(label);
      const numbers = probabilities.map(Number);
      expect(numbers[1]).toBe(0); // robin: declared, absent from the train rows
      expect(Math.abs(numbers.reduce((sum, p) => sum + p, 0) - 1)).toBeLessThan(1e-9);
    }
    expect((await readdir(work)).sort()).toEqual(["predictions.csv", "test.csv", "train.csv"]);

    // ALMANAC_WEIGHTS (reweighing) are sample weights: weight 3 on a row fits as three copies of it
    // (on a one-hot feature, whose encoding copies do not change).
    const contract = {
      ALMANAC_TARGET: "species",
      ALMANAC_FEATURES: "ringed",
      ALMANAC_TASK: "multiclass-classification",
      ALMANAC_CLASSES: JSON.stringify(["NA", "robin", "sparrow", "wren"]),
    };
    const trainRows = ["1,76.5,28,true,sparrow", "2,80.1,18,false,NA", "3,74.0,,true,sparrow", "4,48.2,10,,wren"];
    const trainHeader = "row_id,wing_mm,mass_g,ringed,species";
    const test = ["row_id,wing_mm,mass_g,ringed", "5,79.9,19,true", "6,,9,false", ""].join("\n");
    const weightedWork = await birdsContract([trainHeader, ...trainRows, ""].join("\n"), test);
    await writeFile(join(weightedWork, "weights.csv"), "row_id,weight\n1,1\n2,1\n3,1\n4,3\n");
    const weighted = await runPython(join(root, "models/bird-kind"), weightedWork, {
      ...contract,
      ALMANAC_WEIGHTS: join(weightedWork, "weights.csv"),
    });
    const copies = ["4b,48.2,10,,wren", "4c,48.2,10,,wren"];
    const copiedWork = await birdsContract([trainHeader, ...trainRows, ...copies, ""].join("\n"), test);
    const copied = await runPython(join(root, "models/bird-kind"), copiedWork, contract);
    const numbers = (text: string) =>
      text
        .trim()
        .split("\n")
        .slice(1)
        .flatMap((row) => row.split(",").slice(2).map(Number));
    const [a, b] = [numbers(weighted.predictions), numbers(copied.predictions)];
    expect(a).toHaveLength(8);
    for (const [index, p] of a.entries()) expect(p).toBeCloseTo(b[index] as number, 4);
    const unweighted = await runPython(join(root, "models/bird-kind"), weightedWork, contract);
    expect(numbers(unweighted.predictions)[3]).toBeLessThan((a[3] as number) - 0.05); // p_wren of row 5
  });

  it("trains a ridge regression for a regression task", async () => {
    const root = await createTinyRepo({ card: null });
    roots.push(root);
    const manifestPath = join(root, "datasets/birds/dataset.yaml");
    const manifest = (await readFile(manifestPath, "utf8"))
      .replace("    role: target\n", "")
      .replace("  - name: wing_mm\n    type: number\n", "  - name: wing_mm\n    type: number\n    role: target\n");
    await writeFile(manifestPath, manifest);
    const run = await runCli([
      ..."new model wing --dataset birds --task regression --target wing_mm --features mass_g".split(" "),
      "--language",
      "python",
      "--root",
      root,
    ]);
    expect(run.code).toBe(0);
    expect(await readFile(join(root, "models/wing/model.md"), "utf8")).toContain("a ridge regression");
    const work = await birdsContract(
      ["row_id,mass_g,wing_mm", "1,28,76.5", "2,18,80.1", "3,,74.0", "4,10,48.2", ""].join("\n"),
      ["row_id,mass_g", "5,19", "6,", ""].join("\n"),
    );
    const { predictions } = await runPython(join(root, "models/wing"), work, {
      ALMANAC_TARGET: "wing_mm",
      ALMANAC_FEATURES: "mass_g",
      ALMANAC_TASK: "regression",
    });
    const [header, ...rows] = predictions.trim().split("\n");
    expect(header).toBe("row_id,prediction");
    expect(rows.map((row) => row.split(",")[0])).toEqual(["5", "6"]);
    for (const row of rows) expect(Number.isFinite(Number(row.split(",")[1]))).toBe(true);
  });
});

describe("almanac new model --language python, trained and scored with almanac", () => {
  it("saves the pipeline as the artifact, and predict.py reproduces the evaluated predictions", async () => {
    const root = await makeRepo({ datasets: ["penguins-sex"] });
    roots.push(root);
    const scaffold = await runCliIn(
      "new model sex --dataset penguins-sex --task binary-classification --target sex --language python".split(" "),
      root,
    );
    expect(scaffold.code).toBe(0);
    const train = await runCliProcess(["train", "sex"], root, venv.env);
    expect(train.stderr).toBe("");
    expect(train.stdout).toMatch(/^\[sex\] LogisticRegression \(binary-classification\) trained on \d+ rows/m);
    expect(train.code).toBe(0);
    await expectPredictReproduces(root, "sex", "model.pkl", venv.env);
  });
});

describe("almanac new model --language node in a commonjs package", () => {
  it("trains with almanac train where package.json says type commonjs (npm init -y)", async () => {
    const root = await makeRepo({ datasets: ["penguins-sex"] });
    roots.push(root);
    await rm(join(root, "package.json"));
    await exec("npm", ["init", "-y"], { cwd: root });
    expect(JSON.parse(await readFile(join(root, "package.json"), "utf8")).type).toBe("commonjs");
    const scaffold = await runCliIn(
      "new model sex --dataset penguins-sex --task binary-classification --target sex".split(" "),
      root,
    );
    expect(scaffold.code).toBe(0);
    const train = await runCliIn(["train", "sex"], root);
    expect(train.stderr).toBe("");
    expect(train.stdout).toMatch(
      /^\[sex\] baseline \(binary-classification\) trained on \d+ rows; wrote \d+ predictions/m,
    );
    expect(train.code).toBe(0);
    const card = parseModelCard(await readFile(join(root, "models/sex/model.md"), "utf8"), "models/sex/model.md");
    expect(card.card?.predict).toEqual({ command: "node predict.mts", timeout: "10m" });
    await expectPredictReproduces(root, "sex", "baseline.json", { PATH: process.env.PATH ?? "" });
  });
});
