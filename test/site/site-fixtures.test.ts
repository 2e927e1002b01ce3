import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHistory } from "../../core/git/history.ts";
import { DriftReportSchema } from "../../core/schemas/drift-report.ts";
import { EvaluationSchema } from "../../core/schemas/evaluation.ts";
import { ProfileSchema } from "../../core/schemas/profile.ts";
import { generateSiteFixtures } from "../../scripts/generate-site-fixtures.ts";
import { cardAt } from "../../scripts/site-fixtures/commits.ts";
import { versionPath } from "../../scripts/site-fixtures/lifecycle-plan.ts";

describe("the site fixture generator", () => {
  it("walks versions back from the card's", () => {
    expect(versionPath("1.2.3", 3)).toEqual(["1.1.0", "1.2.0", "1.2.3"]);
    expect(versionPath("1.0.0", 3)).toEqual(["0.8.0", "0.9.0", "1.0.0"]);
    expect(versionPath("0.0.1", 4)).toEqual(["0.0.0", "0.0.1"]);
  });

  it("rewrites only the version and stage of a card's front matter", () => {
    const text = "---\nid: m\nversion: 2.0.0\nstage: production\n---\n\nversion: 9 in the body\n";
    expect(cardAt(text, "1.0.0", "proposed")).toBe(
      "---\nid: m\nversion: 1.0.0\nstage: proposed\n---\n\nversion: 9 in the body\n",
    );
  });

  it("writes a valid repository whose git history is a plausible life per model", async () => {
    const root = join(await mkdtemp(join(tmpdir(), "almanac-fixtures-")), "repo");
    const summary = await generateSiteFixtures(root, { kind: "generated", models: 8, datasets: 2, seed: 3 });
    expect(summary.models).toBe(8);
    expect(execFileSync("git", ["-C", root, "status", "--porcelain"]).toString()).toBe("");
    expect(Number(execFileSync("git", ["-C", root, "rev-list", "--count", "HEAD"]).toString())).toBe(summary.commits);

    for (const model of await readdir(join(root, "reports/models"))) {
      const text = await readFile(join(root, "reports/models", model, "evaluation.json"), "utf8");
      expect(EvaluationSchema.safeParse(JSON.parse(text)).success, model).toBe(true);
    }
    const driftFolders = await readdir(join(root, "reports/drift"));
    expect(driftFolders.length).toBeGreaterThan(0);
    for (const model of driftFolders) {
      for (const file of await readdir(join(root, "reports/drift", model))) {
        const text = await readFile(join(root, "reports/drift", model, file), "utf8");
        expect(DriftReportSchema.safeParse(JSON.parse(text)).success, file).toBe(true);
      }
    }
    for (const dataset of await readdir(join(root, "reports/profiles"))) {
      const [file] = await readdir(join(root, "reports/profiles", dataset));
      const text = await readFile(join(root, "reports/profiles", dataset, file as string), "utf8");
      expect(ProfileSchema.safeParse(JSON.parse(text)).success, dataset).toBe(true);
    }

    const events = await readHistory(root);
    const types = new Set(events.map((event) => event.type));
    for (const type of ["created", "version_changed", "stage_changed", "evaluation_changed", "drift_report_added"]) {
      expect(types.has(type as never), type).toBe(true);
    }
    expect(events.some((event) => event.type === "stage_changed" && event.pr !== null)).toBe(true);
  }, 120_000);
});
