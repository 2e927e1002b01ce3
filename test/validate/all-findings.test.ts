import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIRD_CARD, createTinyRepo, lineOf, runCli } from "../support/tiny-repo.ts";

const CARD = "models/bird-species/model.md";
const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function validateCard(card: string) {
  const root = await createTinyRepo({ card });
  roots.push(root);
  return { root, run: await runCli(["validate", "--root", root, "--no-data"]) };
}

describe("validate reports every finding of a card in one run", () => {
  it("a schema error does not hide the card's cross-reference errors", async () => {
    const card = BIRD_CARD.replace("primary_metric:", "primary_metirc:").replace("target: species", "target: specis");
    const { run } = await validateCard(card);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${CARD}:${lineOf(card, "primary_metirc")}:3 error evaluation.primary_metirc: unknown key "primary_metirc"`,
    );
    expect(run.stdout).toContain(
      `${CARD}:${lineOf(card, "target: specis")}:11 error dataset.target: target column "specis" is not in dataset birds [ref.column-missing]`,
    );
    expect(run.stdout).toContain('hint: did you mean "species"?');
  });

  it("a schema error elsewhere keeps the gate and metric checks that can still run", async () => {
    const card = BIRD_CARD.replace("license: MIT", "licence: MIT").replace(
      "accuracy: { min: 0.5 }",
      "acuracy: { min: 0.5 }",
    );
    const { run } = await validateCard(card);
    expect(run.stdout).toContain('unknown key "licence"');
    expect(run.stdout).toContain('evaluation.gates.acuracy: unknown metric "acuracy" [ref.metric-unknown]');
  });

  it("a wrong dataset.version does not hide feature typos", async () => {
    const card = BIRD_CARD.replace("  version: 1.0.0", "  version: 2.0.0").replace(
      "features: [wing_mm",
      "features: [wingmm",
    );
    const { run } = await validateCard(card);
    expect(run.stdout).toContain(
      `${CARD}:${lineOf(card, "version: 2.0.0")}:12 error dataset.version: dataset "birds" has no version 2.0.0 (found: 1.0.0)`,
    );
    expect(run.stdout).toContain(
      `${CARD}:${lineOf(card, "features: [wingmm")}:14 error dataset.features.0: feature column "wingmm" is not in dataset birds`,
    );
    expect(run.stdout).toContain('did you mean "wing_mm"?');
    expect(run.stdout).toContain("2 errors, 0 warnings in 1 file");
  });

  it("monitoring.current pointing at nothing is a finding on that field", async () => {
    const withMonitoring = (current: string) =>
      BIRD_CARD.replace("---\n\n# Bird", `monitoring:\n  current: ${current}\n---\n\n# Bird`);
    const missing = withMonitoring("datasets/birds/current/*.csv");
    const { root, run } = await validateCard(missing);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${CARD}:${lineOf(missing, "current: datasets")}:12 error monitoring.current: the glob datasets/birds/current/*.csv matches no files [ref.monitoring-current]`,
    );
    await mkdir(join(root, "datasets/birds/current"));
    await writeFile(join(root, "datasets/birds/current/2024-04.csv"), "row_id,wing_mm,mass_g\n7,75,20\n");
    expect((await runCli(["validate", "--root", root, "--no-data"])).code).toBe(0);
    const remote = await validateCard(withMonitoring("s3://birds/current/*.parquet"));
    expect(remote.run.code).toBe(0);
  });
});
