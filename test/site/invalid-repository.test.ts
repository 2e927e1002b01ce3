import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT, runAstroBuild } from "./support/build-site.ts";

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, "utf8");
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture edit did not apply to ${file}`);
  await writeFile(file, changed);
}

describe("building the catalogue of a repository that does not validate", () => {
  it("fails listing every invalid file as path:line:col field: message", async () => {
    const repository = await mkdtemp(join(tmpdir(), "almanac-invalid-"));
    for (const folder of ["models", "datasets"])
      await cp(join(PROJECT_ROOT, folder), join(repository, folder), { recursive: true });
    await edit(join(repository, "models/penguin-species/model.md"), /^stage: .*$/m, "stage: shipped");
    await edit(join(repository, "models/car-mpg/model.md"), /^license: (.*)$/m, "license: $1\nlicence: MIT");
    await edit(join(repository, "datasets/penguins/dataset.yaml"), /^format: csv$/m, "format: xlsx");
    await mkdir(join(repository, "reports/models/seattle-rain"), { recursive: true });
    await writeFile(
      join(repository, "reports/models/seattle-rain/evaluation.json"),
      '{\n  "apiVersion": "almanac/v1",\n  "kind": "Evaluation"\n}\n',
    );
    await mkdir(join(repository, "reports/drift/seattle-rain"), { recursive: true });
    await writeFile(join(repository, "reports/drift/seattle-rain/2026-01-31.json"), "{ not json");

    const result = await runAstroBuild(repository, join(repository, "..", `${repository.split("/").at(-1)}-site`));

    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/the repository does not validate: \d+ errors in 5 files/);
    expect(result.output).toMatch(
      /models\/penguin-species\/model\.md:\d+:\d+ stage: expected one of "proposed", "staging", "production", "archived", received string "shipped"/,
    );
    expect(result.output).toMatch(/models\/car-mpg\/model\.md:\d+:\d+ licence: unknown key "licence"/);
    expect(result.output).toMatch(
      /datasets\/penguins\/dataset\.yaml:\d+:\d+ format: expected one of "csv", "parquet", "json", "ndjson", received string "xlsx"/,
    );
    expect(result.output).toMatch(
      /reports\/models\/seattle-rain\/evaluation\.json:\d+:\d+ model: required field missing/,
    );
    expect(result.output).toMatch(/reports\/drift\/seattle-rain\/2026-01-31\.json:1:\d+ invalid YAML/);
  }, 120_000);
});
