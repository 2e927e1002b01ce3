import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validateRepository } from "../../core/validate/index.ts";

const ROOT = resolve(import.meta.dirname, "../..");

describe("the example repository", () => {
  it("validates with no findings, data checks included", async () => {
    const { repository, diagnostics } = await validateRepository(ROOT);
    expect(diagnostics).toEqual([]);
    expect(repository.models.length).toBeGreaterThanOrEqual(3);
    expect(repository.datasets.length).toBeGreaterThanOrEqual(3);
  });

  it("finds a changed data file by its hash", async () => {
    const { validateData } = await import("../../core/validate/data-validator.ts");
    const { repository } = await validateRepository(ROOT, { skipData: true });
    const tampered = repository.datasets.map((loaded) =>
      loaded.manifest
        ? {
            ...loaded,
            manifest: {
              ...loaded.manifest,
              files: loaded.manifest.files.map((file) => ({ ...file, sha256: "0".repeat(64) })),
            },
          }
        : loaded,
    );
    const diagnostics = await validateData({ ...repository, datasets: tampered }, () => true);
    const files = tampered.reduce((sum, loaded) => sum + (loaded.manifest?.files.length ?? 0), 0);
    expect(diagnostics.filter((d) => d.code === "data.sha256-mismatch")).toHaveLength(files);
  });
});
