import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parseModelCard } from "../../core/load/model-card.ts";
import { CARD_SECTIONS } from "../../core/schemas/model-card.ts";
import { validateRepository } from "../../core/validate/index.ts";
import { BIRDS_CSV, createTinyRepo, runCli, snapshotTree } from "../support/tiny-repo.ts";

const exec = promisify(execFile);
const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function birdsRepo(): Promise<string> {
  const root = await createTinyRepo({ card: null });
  roots.push(root);
  return root;
}

/** Runs a scaffolded train.mts under the training contract on a train/test split of the birds. */
async function runTrainScript(root: string, id: string, task: string, target: string) {
  const work = await mkdtemp(join(tmpdir(), "almanac-contract-"));
  roots.push(work);
  const [header, ...rows] = BIRDS_CSV.trim().split("\n");
  await writeFile(join(work, "train.csv"), `${header}\n${rows.slice(0, 4).join("\n")}\n`);
  const testRows = rows.slice(4).map((row) =>
    row
      .split(",")
      .filter((_, i) => i !== 1)
      .join(","),
  );
  await writeFile(join(work, "test.csv"), `row_id,wing_mm,mass_g,seen_on,ringed\n${testRows.join("\n")}\n`);
  await exec(process.execPath, ["train.mts"], {
    cwd: join(root, "models", id),
    env: {
      PATH: process.env.PATH,
      ALMANAC_TRAIN: join(work, "train.csv"),
      ALMANAC_TEST: join(work, "test.csv"),
      ALMANAC_OUTPUT: work,
      ALMANAC_PARAMS: "{}",
      ALMANAC_SEED: "42",
      ALMANAC_TARGET: target,
      ALMANAC_FEATURES: "wing_mm,mass_g",
      ALMANAC_TASK: task,
    },
  });
  return readFile(join(work, "predictions.csv"), "utf8");
}

describe("almanac new model", () => {
  it("scaffolds a card with every section that validates against its dataset", async () => {
    const root = await birdsRepo();
    const run = await runCli([
      "new",
      "model",
      "bird-kind",
      "--dataset",
      "birds",
      "--task",
      "multiclass-classification",
      "--target",
      "species",
      "--owner",
      "@birds/team",
      "--root",
      root,
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain(
      "✓ wrote models/bird-kind/model.md, models/bird-kind/train.mts, models/bird-kind/predict.mts, models/bird-kind/baseline.mts\n",
    );
    const text = await readFile(join(root, "models/bird-kind/model.md"), "utf8");
    const parsed = parseModelCard(text, "models/bird-kind/model.md");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.card).toMatchObject({
      id: "bird-kind",
      stage: "proposed",
      owners: ["@birds/team"],
      task: "multiclass-classification",
      dataset: {
        id: "birds",
        version: "1.0.0",
        target: "species",
        features: ["wing_mm", "mass_g", "seen_on"],
        sensitive: ["ringed"],
      },
      training: { command: "node train.mts" },
      predict: { command: "node predict.mts", timeout: "10m" },
      evaluation: { primary_metric: "macro_f1", gates: { macro_f1: { max_drop: 0.02 } } },
    });
    for (const section of CARD_SECTIONS) expect(text).toContain(`\n## ${section}\n`);
    expect(text.split("\n")[1]).toBe(
      "# yaml-language-server: $schema=../../node_modules/almanac/schemas/model-card.schema.json",
    );
    expect((await validateRepository(root)).diagnostics).toEqual([]);
    expect(await readdir(root)).toEqual(["datasets", "models"]);
    expect(await readdir(join(root, "models/bird-kind"))).toEqual([
      "baseline.mts",
      "model.md",
      "predict.mts",
      "train.mts",
    ]);
  });

  it("writes a train.mts that runs under the training contract (classification)", async () => {
    const root = await birdsRepo();
    await runCli([
      "new",
      "model",
      "bird-kind",
      "--dataset",
      "birds",
      "--task",
      "multiclass-classification",
      "--target",
      "species",
      "--root",
      root,
    ]);
    const predictions = await runTrainScript(root, "bird-kind", "multiclass-classification", "species");
    expect(predictions).toBe(
      ["row_id,prediction,p_robin,p_sparrow,p_wren", "5,sparrow,0.25,0.5,0.25", "6,sparrow,0.25,0.5,0.25", ""].join(
        "\n",
      ),
    );
  });

  it("writes a train.mts that runs under the training contract (regression)", async () => {
    const root = await birdsRepo();
    const { writeFile: write } = await import("node:fs/promises");
    const manifestPath = join(root, "datasets/birds/dataset.yaml");
    const manifest = (await readFile(manifestPath, "utf8"))
      .replace("    role: target\n", "")
      .replace("  - name: wing_mm\n    type: number\n", "  - name: wing_mm\n    type: number\n    role: target\n");
    await write(manifestPath, manifest);
    const run = await runCli([
      "new",
      "model",
      "wing",
      "--dataset",
      "birds",
      "--task",
      "regression",
      "--target",
      "wing_mm",
      "--features",
      "mass_g",
      "--root",
      root,
    ]);
    expect(run.code).toBe(0);
    expect((await validateRepository(root)).diagnostics).toEqual([]);
    const predictions = await runTrainScript(root, "wing", "regression", "wing_mm");
    expect(predictions).toBe(["row_id,prediction", "5,69.7", "6,69.7", ""].join("\n"));
  });

  it("refuses to overwrite an existing model (exit 2) and writes nothing", async () => {
    const root = await birdsRepo();
    const args = [
      "new",
      "model",
      "bird-kind",
      "--dataset",
      "birds",
      "--task",
      "multiclass-classification",
      "--target",
      "species",
      "--root",
      root,
    ];
    expect((await runCli(args)).code).toBe(0);
    await writeFile(join(root, "models/bird-kind/model.md"), "my edits");
    const before = await snapshotTree(root);
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("models/bird-kind already exists; almanac new never overwrites");
    expect(await snapshotTree(root)).toEqual(before);
  });

  it.each([
    [
      "an unknown task",
      ["--task", "clasification", "--target", "species"],
      "expected one of: binary-classification, multiclass-classification, regression",
    ],
    [
      "an unknown dataset",
      ["--dataset", "bird", "--task", "regression", "--target", "species"],
      'did you mean "birds"?',
    ],
    [
      "a target that is not role target",
      ["--task", "regression", "--target", "wing_mm"],
      "the column has role feature",
    ],
    [
      "a target unfit for the task",
      ["--task", "regression", "--target", "species"],
      "species is category, which does not fit regression",
    ],
    [
      "an unknown feature",
      ["--task", "multiclass-classification", "--target", "species", "--features", "wing_m"],
      'did you mean "wing_mm"?',
    ],
    [
      "the id as a feature",
      ["--task", "multiclass-classification", "--target", "species", "--features", "row_id"],
      "role id and cannot be used",
    ],
  ])("exits 2 on %s, writing nothing", async (_what, args, message) => {
    const root = await birdsRepo();
    const withDataset = args.includes("--dataset") ? args : ["--dataset", "birds", ...args];
    const run = await runCli(["new", "model", "m", ...withDataset, "--root", root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(await readdir(root)).toEqual(["datasets"]);
  });
});
