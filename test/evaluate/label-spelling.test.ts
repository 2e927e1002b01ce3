import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { close, golden } from "../metrics/golden-cases.ts";
import { makeRepo, runCli, writeCard } from "../train/fixture-repo.ts";

/**
 * Labels DuckDB's CSV sniffer would read as booleans (yes/no, t/f, T/F, Yes/No) or numbers
 * (0/1, while 00/01 stays text) go through `new dataset`, card `train` and card `evaluate`
 * with their spelling, and the metrics equal scikit-learn's (scripts/golden-metrics.py).
 */
const CASES = [
  "labels-yes-no",
  "labels-Y-N",
  "labels-t-f",
  "labels-T-F",
  "labels-Yes-No",
  "labels-0-1",
  "labels-00-01",
];
/** Extra training rows (copies of the first golden rows, in the train split). */
const TRAIN_ROWS = 20;

/** A training script that predicts what the data says: the `guess` feature and the `s<i>` scores. */
const ECHO_TRAIN = `
import { readFileSync, writeFileSync } from "node:fs";
const classes = JSON.parse(process.env.ALMANAC_CLASSES);
const [header, ...lines] = readFileSync(process.env.ALMANAC_TEST, "utf8").trim().split("\\n").map((l) => l.split(","));
const at = (name) => header.indexOf(name);
const rows = lines.map((cells) => [cells[at("row_id")], cells[at("guess")], ...classes.map((_, i) => cells[at("s" + i)])]);
const out = [["row_id", "prediction", ...classes.map((c) => "p_" + c)], ...rows];
writeFileSync(process.env.ALMANAC_OUTPUT + "/predictions.csv", out.map((r) => r.join(",")).join("\\n") + "\\n");
`;

function dataFile(name: string): { csv: string; c: (typeof golden.cases)[number] } {
  const c = golden.cases.find((item) => item.name === name);
  if (!c?.probabilities) throw new Error(`${name}: no golden case with probabilities`);
  const lines = ["row_id,label,guess,s0,s1,group,part"];
  const row = (id: number, i: number, part: string) =>
    [id, c.truth[i], c.predicted[i], ...(c.probabilities?.[i] ?? []), c.sensitive.group?.[i] ?? "", part].join(",");
  c.truth.forEach((_, i) => {
    lines.push(row(i + 1, i, "test"));
  });
  for (let i = 0; i < TRAIN_ROWS; i++) lines.push(row(c.truth.length + i + 1, i, "train"));
  return { csv: `${lines.join("\n")}\n`, c };
}

function expectGolden(metrics: Record<string, { value: number | null }>, expected: Record<string, number | null>) {
  const off = Object.entries(expected).filter(([metric, value]) => !close(metrics[metric]?.value, value));
  expect(off.map(([metric, value]) => `${metric}: ${metrics[metric]?.value} vs ${value}`)).toEqual([]);
}

describe("labels keep their spelling: new dataset → train → evaluate (card mode)", () => {
  for (const name of CASES) {
    it(`${name}: the manifest lists the labels as written and the metrics equal scikit-learn's`, async () => {
      const { csv, c } = dataFile(name);
      const root = await makeRepo();
      await writeFile(join(root, "labels.csv"), csv);
      const created = await runCli(
        ["new", "dataset", "labels", "--from", join(root, "labels.csv"), "--target", "label"],
        root,
      );
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      const manifestPath = join(root, "datasets/labels/dataset.yaml");
      const text = await readFile(manifestPath, "utf8");
      const label = parse(text).columns.find((column: { name: string }) => column.name === "label");
      // 0/1 is an integer column; every other spelling is a category listing the labels as written.
      if (name === "labels-0-1") expect(label).toMatchObject({ type: "integer", role: "target" });
      else expect(label).toMatchObject({ type: "category", role: "target", values: c.labels });
      await writeFile(
        manifestPath,
        text.replace(/split:\n( {2}.*\n)+/, "split:\n  method: column\n  column: part\n  test_values: [test]\n"),
      );
      await writeFile(join(root, "train.mjs"), ECHO_TRAIN);
      await writeCard(root, "labels-model", {
        dataset: "labels",
        target: "label",
        features: ["guess", "s0", "s1"],
        task: "binary-classification",
        command: "node ../../train.mjs",
        primary: "roc_auc",
        // Quoted: YAML reads a bare 01 as the number 1.
        positive: JSON.stringify(c.positive),
      });
      const trained = await runCli(["train", "labels-model"], root);
      expect(trained.stderr).toBe("");
      expect(trained.code).toBe(0);
      const evaluation = JSON.parse(await readFile(join(root, "reports/models/labels-model/evaluation.json"), "utf8"));
      expect(evaluation.classes ?? evaluation.labels ?? c.labels).toEqual(c.labels);
      expectGolden(evaluation.metrics, c.expected.metrics);
      const evaluated = await runCli(["evaluate", "labels-model", "--json"], root);
      expect(evaluated.code).toBe(0);
      expectGolden(JSON.parse(evaluated.stdout).metrics, c.expected.metrics);
      // The profile and card-mode drift read the manifest's types: the labels as written.
      const profiled = await runCli(["profile", "labels", "--json"], root);
      const top = JSON.parse(profiled.stdout).columns.find((column: { name: string }) => column.name === "label").top;
      expect(top.values.map((entry: { value: string }) => entry.value).sort()).toEqual(c.labels);
      const drift = await runCli(
        ["drift", "labels-model", "--current", join(root, "labels.csv"), "--no-write", "--json", "--columns", "label"],
        root,
      );
      expect(drift.stderr).toBe("");
      expect(JSON.parse(drift.stdout).columns[0].histogram.labels).toEqual(c.labels);
    });
  }
});
