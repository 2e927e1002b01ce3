import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo, PROJECT, runCli } from "../train/fixture-repo.ts";

const EXAMPLES = [
  { model: "car-mpg", dataset: "cars" },
  { model: "penguin-species", dataset: "penguins" },
  { model: "penguin-sex", dataset: "penguins-sex" },
  { model: "seattle-rain", dataset: "seattle-weather" },
  { model: "seattle-rain-boosting", dataset: "seattle-weather" },
];

/** Everything but where and with what the run happened (commit, dirty tree, tool and runtime versions). */
function comparable(evaluation: Record<string, unknown>) {
  const {
    commit: _c,
    dirty: _d,
    runtime: _r,
    tool: _t,
    ...provenance
  } = evaluation.provenance as Record<string, unknown>;
  return { ...evaluation, provenance };
}

describe("the committed evaluations reproduce", () => {
  for (const { model, dataset } of EXAMPLES) {
    it(`almanac evaluate ${model} recomputes reports/models/${model} byte for byte`, async () => {
      const root = await makeRepo({ datasets: [dataset], models: [model] });
      await cp(join(PROJECT, "reports/models", model), join(root, "reports/models", model), { recursive: true });
      const committed = JSON.parse(await readFile(join(PROJECT, "reports/models", model, "evaluation.json"), "utf8"));
      const { code, stdout } = await runCli(["evaluate", model, "--json"], root);
      expect(code).toBe(0);
      expect(comparable(JSON.parse(stdout))).toEqual(comparable(committed));
      expect(await readFile(join(root, "reports/models", model, "predictions.csv.gz"))).toEqual(
        await readFile(join(PROJECT, "reports/models", model, "predictions.csv.gz")),
      );
    });
  }
});
