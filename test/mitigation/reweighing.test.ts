import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { reweigh } from "../../core/mitigation/reweighing.ts";
import { EvaluationSchema } from "../../core/schemas/evaluation.ts";
import { makeRepo, runCli } from "../train/fixture-repo.ts";

describe("reweigh (Kamiran–Calders)", () => {
  it("gives each row P(g)·P(y) / P(g, y): a case checked by hand", () => {
    // n = 6; groups a×4, b×2; labels yes×3, no×3; cells (a,yes)=3, (a,no)=1, (b,yes)=0, (b,no)=2.
    // w(a,yes) = 4·3/(6·3) = 2/3; w(a,no) = 4·3/(6·1) = 2; w(b,no) = 2·3/(6·2) = 1/2.
    const { weights, cells } = reweigh(["a", "a", "a", "a", "b", "b"], ["yes", "yes", "no", "yes", "no", "no"]);
    expect([...weights]).toEqual([2 / 3, 2 / 3, 2, 2 / 3, 0.5, 0.5]);
    expect(cells).toEqual([
      { group: "a", label: "no", count: 1, weight: 2 },
      { group: "a", label: "yes", count: 3, weight: 2 / 3 },
      { group: "b", label: "no", count: 2, weight: 0.5 },
    ]);
  });

  it("makes group and class independent in the weighted data", () => {
    const groups = ["x", "x", "y", "y", "y", "z", "x", "z", "y"];
    const labels = ["0", "1", "1", "1", "0", "0", "0", "0", "1"];
    const { weights } = reweigh(groups, labels);
    for (const g of new Set(groups))
      for (const y of new Set(labels)) {
        const cell = weights.reduce((sum, w, i) => sum + (groups[i] === g && labels[i] === y ? w : 0), 0);
        const pg = groups.filter((value) => value === g).length / groups.length;
        const py = labels.filter((value) => value === y).length / labels.length;
        // Each non-empty cell's weighted mass is n·P(g)·P(y); an empty cell (z, 1) stays empty.
        if (g === "z" && y === "1") expect(cell).toBe(0);
        else expect(cell / groups.length).toBeCloseTo(pg * py, 12);
      }
  });

  it("refuses columns of different lengths", () => {
    expect(() => reweigh(["a"], [])).toThrow("groups and labels differ in length");
  });
});

describe("almanac train with fairness.mitigation: reweighing", () => {
  let root: string;
  beforeAll(async () => {
    root = await makeRepo({ datasets: ["penguins-sex"], models: ["penguin-sex"] });
    // Keep the weights file the command saw, beside its predictions.
    const script = join(root, "models/penguin-sex/train.py");
    const source = await readFile(script, "utf8");
    await writeFile(
      script,
      source.replace(
        "    sample = read_weights(train_rows)\n",
        '    sample = read_weights(train_rows)\n    if os.environ.get("ALMANAC_WEIGHTS"):\n        import shutil\n        shutil.copy(os.environ["ALMANAC_WEIGHTS"], os.path.join(env("ALMANAC_OUTPUT"), "weights-seen.csv"))\n',
      ),
    );
  }, 60_000);

  it("hands the command AIF360's weights for every train row, and records both fairness gaps and the cost", async () => {
    const kept = join(root, "kept");
    const { code, stderr } = await runCli(["train", "penguin-sex", "--output", kept], root);
    expect(stderr).toContain("[penguin-sex] training without reweighing first, to measure what it changes");
    expect(code).toBe(0);
    const golden = JSON.parse(await readFile("test/fixtures/reweighing-golden.json", "utf8")) as {
      rows: Record<string, number>;
    };
    const seen = (await readFile(join(kept, "weights-seen.csv"), "utf8")).trim().split("\n");
    expect(seen[0]).toBe("row_id,weight");
    const rows = seen.slice(1).map((line) => line.split(","));
    expect(rows).toHaveLength(Object.keys(golden.rows).length);
    for (const [id, weight] of rows) expect(Number(weight)).toBeCloseTo(golden.rows[id as string] as number, 15);

    const evaluation = EvaluationSchema.parse(
      JSON.parse(await readFile(join(root, "reports/models/penguin-sex/evaluation.json"), "utf8")),
    );
    const mitigation = evaluation.mitigation;
    expect(mitigation?.method).toBe("reweighing");
    expect(mitigation?.column).toBe("island");
    expect(mitigation?.weights.map((cell) => `${cell.group}/${cell.class}:${cell.count}`)).toEqual([
      "Biscoe/female:54",
      "Biscoe/male:59",
      "Dream/female:42",
      "Dream/male:39",
      "Torgersen/female:14",
      "Torgersen/male:19",
    ]);
    expect(mitigation?.weights[0]?.weight).toBe((113 * 110) / (227 * 54));
    expect(mitigation?.primary_metric.with.value).toBe(evaluation.metrics.roc_auc?.value);
    expect(mitigation?.primary_metric.change.method).toBe("paired DeLong");
    expect(mitigation?.gaps.map((gap) => gap.measure)).toEqual([
      "demographic_parity_difference",
      "equalized_odds_difference",
      "primary_metric_gap",
    ]);
    for (const gap of mitigation?.gaps ?? []) {
      expect(gap.with.value).toBe(evaluation.fairness.island?.[gap.measure as "primary_metric_gap"]);
      expect(gap.with.ci?.[0]).toBeLessThanOrEqual(gap.with.ci?.[1] as number);
      expect(gap.without.ci).not.toBeNull();
    }
  }, 120_000);
});
