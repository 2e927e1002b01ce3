import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STAGES } from "../../core/schemas/model-card.ts";
import { validateRepository } from "../../core/validate/index.ts";
import { generateRepository } from "../../scripts/generate-repo.ts";

const temp = await mkdtemp(join(tmpdir(), "almanac-generator-"));
afterAll(() => rm(temp, { recursive: true, force: true }));

describe("generateRepository", () => {
  it("writes the same bytes for the same options", async () => {
    const a = await generateRepository(join(temp, "a"), { models: 12, datasets: 4, rows: 40, seed: 7 });
    const b = await generateRepository(join(temp, "b"), { models: 12, datasets: 4, rows: 40, seed: 7 });
    expect(a.files).toEqual(b.files);
    for (const file of a.files) {
      expect(await readFile(join(a.root, file), "utf8"), file).toBe(await readFile(join(b.root, file), "utf8"));
    }
  });

  it("changes the data with the seed", async () => {
    const c = await generateRepository(join(temp, "c"), { models: 1, datasets: 1, rows: 40, seed: 8 });
    const a = join(temp, "a", "datasets/retail-001/data/retail-001.csv");
    expect(await readFile(join(c.root, "datasets/retail-001/data/retail-001.csv"), "utf8")).not.toBe(
      await readFile(a, "utf8"),
    );
  });

  it("covers every task and stage, and the repository validates with its data", async () => {
    const repo = await generateRepository(join(temp, "d"), { models: 24, datasets: 6, rows: 60 });
    expect(new Set(repo.models.map((model) => model.task))).toEqual(
      new Set(["binary-classification", "multiclass-classification", "regression"]),
    );
    expect(new Set(repo.models.map((model) => model.stage))).toEqual(new Set(STAGES));
    expect(repo.files).toContain(`models/${repo.models[0]?.id}/train.mts`);
    expect(repo.files).toContain(`models/${repo.models[0]?.id}/baseline.mts`);
    const { repository, diagnostics } = await validateRepository(repo.root);
    expect(repository.models).toHaveLength(24);
    expect(repository.datasets).toHaveLength(6);
    expect(diagnostics).toEqual([]);
  });

  it("refuses a folder that already holds a repository", async () => {
    await expect(generateRepository(join(temp, "a"), { models: 1, datasets: 1 })).rejects.toThrow(
      /already has models\/ or datasets\//,
    );
  });

  it("rejects impossible options", async () => {
    await expect(generateRepository(join(temp, "e"), { rows: 3 })).rejects.toThrow(/--rows must be at least 20/);
    await expect(generateRepository(join(temp, "e"), { datasets: 0 })).rejects.toThrow(/--datasets must be at least 1/);
  });
});
