import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { close, golden } from "../metrics/golden-cases.ts";
import { runCli } from "../train/fixture-repo.ts";

/** Writes a golden case as truth and predictions CSVs, as a user of ad hoc mode would have them. */
async function filesOf(name: string) {
  const c = golden.cases.find((item) => item.name === name);
  if (!c) throw new Error(name);
  const dir = await mkdtemp(join(tmpdir(), "almanac-adhoc-"));
  const sensitive = Object.keys(c.sensitive);
  const truth = [["id", "label", ...sensitive].join(",")];
  const predictions = [
    [
      "id",
      "prediction",
      ...(c.probabilities
        ? (c.labels ?? []).map((label) => `p_${label}`)
        : c.positive_scores
          ? [`p_${c.positive}`]
          : []),
    ].join(","),
  ];
  c.truth.forEach((value, i) => {
    truth.push([`r${i}`, value, ...sensitive.map((column) => c.sensitive[column]?.[i] ?? "")].join(","));
    const probabilities = c.probabilities
      ? (c.probabilities[i] ?? [])
      : c.positive_scores
        ? [c.positive_scores[i]]
        : [];
    predictions.push([`r${i}`, c.predicted[i], ...probabilities].join(","));
  });
  await writeFile(join(dir, "truth.csv"), `${truth.join("\n")}\n`);
  await writeFile(join(dir, "predictions.csv"), `${predictions.join("\n")}\n`);
  return { c, dir, sensitive };
}

describe("almanac evaluate --task --truth --predictions (ad hoc)", () => {
  for (const name of [
    "binary-ties-both-columns",
    "binary-positive-first-only-positive-column",
    "multiclass-ties",
    "regression",
    // Labels the CSV sniffer would make booleans or numbers: read as text on both sides.
    "labels-yes-no",
    "labels-Y-N",
    "labels-t-f",
    "labels-T-F",
    "labels-Yes-No",
    "labels-0-1",
    "labels-00-01",
  ]) {
    it(`${name}: --json values equal scikit-learn's and Fairlearn's to 1e-9`, async () => {
      const { c, dir, sensitive } = await filesOf(name);
      const args = [
        "evaluate",
        "--task",
        c.task,
        "--truth",
        join(dir, "truth.csv"),
        "--predictions",
        join(dir, "predictions.csv"),
      ];
      args.push(
        "--key",
        "id",
        "--target",
        "label",
        "--sensitive",
        sensitive.join(","),
        "--primary",
        c.primary,
        "--json",
      );
      if (c.positive) args.push("--positive", c.positive);
      const { code, stdout, stderr } = await runCli(args, dir);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      for (const [metric, expected] of Object.entries(c.expected.metrics as Record<string, number | null>)) {
        expect(
          close(result.metrics[metric].value, expected),
          `${metric}: ${result.metrics[metric].value} vs ${expected}`,
        ).toBe(true);
        if (expected !== null) expect(result.metrics[metric].ci).toHaveLength(2);
      }
      for (const [column, expected] of Object.entries(c.expected.fairness as Record<string, Record<string, unknown>>))
        for (const key of [
          "demographic_parity_difference",
          "demographic_parity_ratio",
          "equalized_odds_difference",
          "primary_metric_gap",
        ])
          if (key in expected)
            expect(close(result.fairness[column][key], expected[key] as number), `${column}.${key}`).toBe(true);
    });
  }

  it("predictions in another row order than the truth's give the identical evaluation", async () => {
    // In truth order the predictions are read beside the truth; shuffled, they are loaded,
    // checked and joined by key: both paths must hand the metrics the same rows in the same order.
    const { c, dir } = await filesOf("binary-ties-both-columns");
    const [header, ...rows] = (await readFile(join(dir, "predictions.csv"), "utf8")).trim().split("\n");
    const shuffled = rows.map((row, i) => ({ row, key: (i * 7919) % rows.length })).sort((a, b) => a.key - b.key);
    await writeFile(join(dir, "shuffled.csv"), `${[header, ...shuffled.map((item) => item.row)].join("\n")}\n`);
    const evaluate = (predictions: string) =>
      runCli(
        [
          "evaluate",
          "--task",
          c.task,
          "--truth",
          join(dir, "truth.csv"),
          "--predictions",
          join(dir, predictions),
        ].concat(["--key", "id", "--target", "label", "--sensitive", "group", "--json"]),
        dir,
      );
    const inOrder = await evaluate("predictions.csv");
    const reordered = await evaluate("shuffled.csv");
    expect(shuffled.map((item) => item.row)).not.toEqual(rows);
    expect(inOrder.code).toBe(0);
    expect(reordered.stdout).toBe(inOrder.stdout);
  });

  it("prints a table without --json", async () => {
    const { dir } = await filesOf("regression");
    const { code, stdout } = await runCli(
      [
        "evaluate",
        "--task",
        "regression",
        "--truth",
        join(dir, "truth.csv"),
        "--predictions",
        join(dir, "predictions.csv"),
        "--key",
        "id",
        "--target",
        "label",
      ],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain("regression · 150 rows");
    expect(stdout).toMatch(/rmse \*\s+2\.405\s+\[[\d.]+, [\d.]+\]\s+bootstrap/);
  });

  it("names the labels' spelling when the positive class is another spelling of a class's number", async () => {
    const { c, dir } = await filesOf("labels-00-01");
    const args = ["evaluate", "--task", c.task, "--truth", join(dir, "truth.csv")];
    args.push("--predictions", join(dir, "predictions.csv"), "--key", "id", "--target", "label", "--positive", "1");
    const { code, stderr } = await runCli(args, dir);
    expect(code).toBe(2);
    expect(stderr).toContain('positive class "1" is not a class (00, 01)');
    expect(stderr).toContain('quote it in the card (positive_class: "01")');
  });

  it("a repeated or missing truth key is a usage error naming the values", async () => {
    const dir = await mkdtemp(join(tmpdir(), "almanac-adhoc-"));
    await writeFile(join(dir, "truth.csv"), "id,label\na,x\nb,y\na,y\n,x\n");
    await writeFile(join(dir, "predictions.csv"), "id,prediction\na,x\nb,y\na,y\n,x\n");
    const args = ["evaluate", "--task", "binary-classification", "--truth", join(dir, "truth.csv"), "--predictions"];
    const { code, stderr } = await runCli(
      [...args, join(dir, "predictions.csv"), "--key", "id", "--target", "label"],
      dir,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('truth.csv: key id has 2 null or repeated values, e.g. null, "a"');
  });

  it("usage errors exit 2 with a hint", async () => {
    const dir = await mkdtemp(join(tmpdir(), "almanac-adhoc-"));
    const noTruth = await runCli(["evaluate", "--task", "regression", "--predictions", "p.csv"], dir);
    expect(noTruth.code).toBe(2);
    expect(noTruth.stderr).toContain("give a model id, or --task, --truth and --predictions for ad hoc mode");
    const badTask = await runCli(
      ["evaluate", "--task", "regresion", "--truth", "t.csv", "--predictions", "p.csv"],
      dir,
    );
    expect(badTask.code).toBe(2);
    expect(badTask.stderr).toContain('unknown task "regresion"');
    expect(badTask.stderr).toContain('did you mean "regression"?');
  });
});
