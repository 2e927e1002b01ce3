import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRepo, PROJECT, runCli } from "../train/fixture-repo.ts";

const EXAMPLES = [
  { model: "car-mpg", dataset: "cars" },
  { model: "penguin-species", dataset: "penguins" },
  { model: "seattle-rain", dataset: "seattle-weather" },
  { model: "penguin-sex", dataset: "penguins-sex" },
];

let root: string;
beforeAll(async () => {
  root = await makeRepo({ datasets: EXAMPLES.map((e) => e.dataset), models: EXAMPLES.map((e) => e.model) });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const artifactOf = (base: string, model: string) =>
  JSON.parse(readFileSync(join(base, "reports/models", model, "evaluation.json"), "utf8")).artifact;

describe("reproducible packing: training twice gives the same artifact digest", () => {
  it.each(EXAMPLES)(
    "$model",
    async ({ model }) => {
      const digests: string[] = [];
      for (let run = 0; run < 2; run++) {
        const { code, stderr } = await runCli(["train", model], root);
        expect(stderr.split("\n").filter((line) => line.startsWith("error"))).toEqual([]);
        expect(code).toBe(0);
        digests.push(artifactOf(root, model).sha256);
      }
      expect(digests[1]).toBe(digests[0]);
      // …and equal to the digest committed in this repository, trained on another checkout.
      expect(digests[0]).toBe(artifactOf(PROJECT, model).sha256);
    },
    120_000,
  );
});
