import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatasetManifest } from "../../core/load/dataset-manifest.ts";
import { parseModelCard, readModelCard } from "../../core/load/model-card.ts";
import { MIN_FILES_FOR_WORKERS, parseFilesInWorkers } from "../../core/load/parse-pool.ts";
import { validateRepository } from "../../core/validate/validate-repository.ts";
import { generateRepository } from "../../scripts/generate-repo.ts";

describe("parsing a large registry's cards on worker threads", () => {
  let root: string;
  let files: string[];
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "almanac-parse-pool-"));
    const generated = await generateRepository(root, {
      models: MIN_FILES_FOR_WORKERS,
      datasets: 4,
      rows: 20,
      trainScripts: false,
    });
    files = generated.files.filter((file) => file.endsWith("/model.md"));
    // Two findings: a wrong type (the position comes from the document, parsed again on demand) and broken YAML.
    const [typed = "", broken = ""] = files;
    writeFileSync(
      join(root, typed),
      readFileSync(join(root, typed), "utf8").replace(/^version: .*$/m, "version: high"),
    );
    writeFileSync(
      join(root, broken),
      readFileSync(join(root, broken), "utf8").replace(/^license: .*$/m, "license: [x"),
    );
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("gives the cards, findings and field positions that parsing on this thread gives", async () => {
    expect(files).toHaveLength(MIN_FILES_FOR_WORKERS);
    const threaded = await parseFilesInWorkers(root, "model", files, parseModelCard, 2);
    const here = await Promise.all(files.map((file) => readModelCard(root, file)));
    expect(threaded).toBeDefined();
    const strip = (loaded: object) => {
      const { document, folder, ...rest } = loaded as { document?: unknown; folder?: unknown };
      return rest;
    };
    expect(threaded?.map(strip)).toEqual(here.map(strip));
    const path = ["dataset", "features", 0];
    for (const index of [0, 1, 2, MIN_FILES_FOR_WORKERS - 1]) {
      expect(threaded?.[index]?.document?.diagnostics).toEqual(here[index]?.document?.diagnostics);
      if (here[index]?.card)
        expect(threaded?.[index]?.document?.locate(path)).toEqual(here[index]?.document?.locate(path));
    }
    expect(threaded?.[0]?.diagnostics[0]?.message).toContain('received string "high"');
    expect(threaded?.[1]?.diagnostics[0]?.code).toBe("yaml.syntax");
  });

  it("leaves fewer files, or one thread, to the caller", async () => {
    expect(await parseFilesInWorkers(root, "model", files.slice(1), parseModelCard, 2)).toBeUndefined();
    expect(await parseFilesInWorkers(root, "model", files, parseModelCard, 1)).toBeUndefined();
    expect(await parseFilesInWorkers(root, "dataset", [], parseDatasetManifest, 2)).toBeUndefined();
  });

  it("validates the repository with the same findings and lines", async () => {
    const { diagnostics } = await validateRepository(root, { skipData: true });
    const lines = diagnostics.map(
      (diagnostic) => `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.code}`,
    );
    const version = readFileSync(join(root, files[0] as string), "utf8")
      .split("\n")
      .findIndex((line) => line.startsWith("version:"));
    expect(lines).toEqual([
      `${files[0]}:${version + 1}:10 schema.invalid`,
      expect.stringMatching(new RegExp(`^${files[1]}:\\d+:\\d+ yaml.syntax$`)),
    ]);
  });
});
