import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { makeRepo, runCli, SCRIPTED_TRAIN, writeCard } from "../train/fixture-repo.ts";

let root: string;
/** The committed predictions of a model after a good run, as CSV lines (header first). */
const good: Record<string, string[]> = {};

async function scripted(id: string, card: Omit<Parameters<typeof writeCard>[2], "command" | "params">) {
  await writeCard(root, id, { ...card, command: "node train.mjs", params: { mode: "constant" } });
  await writeFile(join(root, "models", id, "train.mjs"), SCRIPTED_TRAIN);
  const { code } = await runCli(["train", id], root);
  expect(code).toBe(0);
  const csv = gunzipSync(await readFile(join(root, `reports/models/${id}/predictions.csv.gz`))).toString("utf8");
  good[id] = csv.trim().split("\n");
}

/** Predictions as a training command would write them (no target or sensitive columns). */
function predictionLines(id: string, edit: (rows: string[][]) => string[][] = (rows) => rows): string {
  const [header = "", ...rows] = good[id] ?? [];
  const names = header.split(",");
  const keep = names
    .map((name, i) =>
      name === "target" || (!["row_id", "prediction"].includes(name) && !name.startsWith("p_")) ? -1 : i,
    )
    .filter((i) => i >= 0);
  const table = [header, ...rows].map((line) => {
    const cells = line.split(",");
    return keep.map((i) => cells[i] as string);
  });
  return `${edit(table)
    .map((row) => row.join(","))
    .join("\n")}\n`;
}

async function evaluateWith(id: string, text: string) {
  const file = join(root, `${id}-predictions.csv`);
  await writeFile(file, text);
  const before = await readFile(join(root, `reports/models/${id}/evaluation.json`));
  const result = await runCli(["evaluate", id, "--predictions", file], root);
  expect(await readFile(join(root, `reports/models/${id}/evaluation.json`)), "previous evaluation untouched").toEqual(
    before,
  );
  return result;
}

/** A tiny dataset split by a column, written with a manifest whose hashes match. */
async function tinyDataset(id: string, csv: string): Promise<void> {
  const dir = join(root, "datasets", id);
  await mkdir(join(dir, "data"), { recursive: true });
  await writeFile(join(dir, "data/data.csv"), csv);
  const manifest = [
    "apiVersion: almanac/v1",
    "kind: Dataset",
    `id: ${id}`,
    "version: 1.0.0",
    "description: test data",
    "license: CC0-1.0",
    "source: { name: tests }",
    "format: csv",
    "files:",
    "  - path: data/data.csv",
    `    sha256: ${createHash("sha256").update(csv).digest("hex")}`,
    `    bytes: ${Buffer.byteLength(csv)}`,
    `    rows: ${csv.trim().split("\n").length - 1}`,
    "columns:",
    "  - { name: row_id, type: integer, role: id, unique: true }",
    "  - { name: x, type: number }",
    "  - { name: y, type: category, role: target }",
    "  - { name: grp, type: category, role: sensitive }",
    "  - { name: part, type: category }",
    "split: { method: column, column: part, test_values: [test] }",
    "",
  ];
  await writeFile(join(dir, "dataset.yaml"), manifest.join("\n"));
}

beforeAll(async () => {
  root = await makeRepo({ datasets: ["seattle-weather", "cars", "penguins"] });
  await scripted("rain", {
    dataset: "seattle-weather",
    target: "rain",
    features: ["temp_max"],
    task: "binary-classification",
    primary: "roc_auc",
  });
  await scripted("species", {
    dataset: "penguins",
    target: "species",
    features: ["bill_length_mm"],
    task: "multiclass-classification",
    primary: "macro_f1",
    sensitive: ["sex"],
  });
  await scripted("mpg", {
    dataset: "cars",
    target: "mpg",
    features: ["weight_lbs"],
    task: "regression",
    primary: "rmse",
  });
});

describe("bad predictions: exit 1, a message saying what and where, the previous evaluation untouched", () => {
  it("duplicate keys and the wrong row count", async () => {
    const { code, stderr } = await evaluateWith(
      "rain",
      predictionLines("rain", (rows) => [...rows, rows[1] as string[]]),
    );
    expect(code).toBe(1);
    expect(stderr).toContain("rain-predictions.csv: 2 problems in the predictions:");
    expect(stderr).toContain("  - wrong row count: 271 predictions for 270 evaluated rows");
    expect(stderr).toMatch(/ {2}- duplicate row_id: 2 rows, e\.g\. line 2: "\d+", line 272: "\d+"/);
  });

  it("missing and unknown keys", async () => {
    const { code, stderr } = await evaluateWith(
      "rain",
      predictionLines("rain", (rows) => rows.map((row, i) => (i === 3 ? ["99999", ...row.slice(1)] : row))),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('  - row_id not in the evaluated split (unknown key): 1 row, e.g. line 4: "99999"');
    expect(stderr).toMatch(
      / {2}- row_id of the evaluated split without a prediction \(missing key\): 1 row, e\.g\. "\d+"/,
    );
  });

  it("NaN, out-of-range probabilities and rows not summing to 1", async () => {
    const { code, stderr } = await evaluateWith(
      "rain",
      predictionLines("rain", (rows) =>
        rows.map(
          (row, i) =>
            (i === 1
              ? [row[0], row[1], "NaN", "0.5"]
              : i === 2
                ? [row[0], row[1], "-0.5", "1.5"]
                : i === 3
                  ? [row[0], row[1], "0.5", "0.6"]
                  : row) as string[],
        ),
      ),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('  - p_dry is not a probability in [0, 1]: 2 rows, e.g. line 2: "NaN", line 3: "-0.5"');
    expect(stderr).toContain('  - p_rain is not a probability in [0, 1]: 1 row, e.g. line 3: "1.5"');
    expect(stderr).toContain('  - probabilities do not sum to 1 (±0.000001): 1 row, e.g. line 4: "1.1"');
  });

  it("unknown class labels and unknown probability columns", async () => {
    const labels = await evaluateWith(
      "rain",
      predictionLines("rain", (rows) =>
        rows.map((row, i) => (i === 5 ? [row[0] as string, "snow", ...row.slice(2)] : row)),
      ),
    );
    expect(labels.code).toBe(1);
    expect(labels.stderr).toContain('  - prediction is not a known class (dry, rain): 1 row, e.g. line 6: "snow"');
    const columns = await evaluateWith(
      "species",
      predictionLines("species", (rows) => rows.map((row, i) => [...row, i === 0 ? "p_Emperor" : "0"])),
    );
    expect(columns.code).toBe(1);
    expect(columns.stderr).toContain(
      "probability columns for unknown classes: p_Emperor (classes: Adelie, Chinstrap, Gentoo)",
    );
  });

  it("partial probability columns of a multiclass task", async () => {
    const { code, stderr } = await evaluateWith(
      "species",
      predictionLines("species", (rows) => rows.map((row) => row.slice(0, 3))),
    );
    expect(code).toBe(1);
    expect(stderr).toContain("probability columns missing: p_Chinstrap, p_Gentoo");
  });

  it("a regression prediction that is not a finite number", async () => {
    const { code, stderr } = await evaluateWith(
      "mpg",
      predictionLines("mpg", (rows) =>
        rows.map((row, i) => (i === 2 ? [row[0] as string, "NaN"] : i === 4 ? [row[0] as string, ""] : row)),
      ),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('  - prediction is not a finite number: 2 rows, e.g. line 3: "NaN", line 5: null');
  });

  it("a file without the prediction column, and an empty file", async () => {
    const noColumn = await evaluateWith("mpg", "row_id,value\n1,2\n");
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr).toContain("the predictions have no prediction column (columns: row_id, value)");
    const empty = await evaluateWith("mpg", "");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/mpg-predictions\.csv: (cannot read the predictions|the predictions have no)/);
  });

  it("a test split with a single class", async () => {
    await tinyDataset("one-class", "row_id,x,y,grp,part\n1,1,a,g,train\n2,2,b,g,train\n3,3,a,g,test\n4,4,a,g,test\n");
    await writeCard(root, "lonely-class", {
      dataset: "one-class",
      target: "y",
      features: ["x"],
      task: "binary-classification",
      command: "node train.mjs",
      primary: "accuracy",
    });
    await writeFile(join(root, "models/lonely-class/train.mjs"), SCRIPTED_TRAIN);
    const { code, stderr } = await runCli(["train", "lonely-class"], root);
    expect(code).toBe(1);
    expect(stderr).toContain("the evaluated split has a single class (a): classification metrics need at least two");
  });

  it("a sensitive group with one row", async () => {
    await tinyDataset(
      "lonely",
      "row_id,x,y,grp,part\n1,1,a,g,train\n2,2,b,g,train\n3,3,a,g,test\n4,4,b,g,test\n5,5,b,h,test\n",
    );
    await writeCard(root, "lonely-group", {
      dataset: "lonely",
      target: "y",
      features: ["x"],
      task: "binary-classification",
      command: "node train.mjs",
      primary: "accuracy",
      sensitive: ["grp"],
    });
    await writeFile(join(root, "models/lonely-group/train.mjs"), SCRIPTED_TRAIN);
    const { code, stderr } = await runCli(["train", "lonely-group"], root);
    expect(code).toBe(1);
    expect(stderr).toContain('sensitive column "grp": group "h" has a single row in the evaluated split');
  });
});
