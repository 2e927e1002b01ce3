import { execFileSync, spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluationJson } from "../git/fixtures.ts";
import { BIRD_CARD, createTinyRepo } from "../support/tiny-repo.ts";
import { cleanEnvironment, PROJECT_ROOT } from "./support/build-site.ts";

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

function build(root: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(PROJECT_ROOT, "bin/almanac.js"), "site", "build", "--root", root, "--out", join(root, "out")],
      { cwd: root, env: { ...cleanEnvironment(), NO_COLOR: "1", ASTRO_TELEMETRY_DISABLED: "1" } },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/ ([,.])/g, "$1")
    .trim();

describe("the model page says what code an evaluation came from", () => {
  it("uncommitted changes on top of a commit, not committed, or the commit", async () => {
    const root = await createTinyRepo();
    roots.push(root);
    const sha = "abc1234".padEnd(40, "0");
    const cards: Record<string, { commit: string | null; dirty: boolean }> = {
      "bird-species": { commit: sha, dirty: true },
      "bird-early": { commit: null, dirty: true },
      "bird-clean": { commit: sha, dirty: false },
    };
    for (const [id, state] of Object.entries(cards)) {
      await mkdir(join(root, "models", id), { recursive: true });
      await writeFile(join(root, "models", id, "model.md"), BIRD_CARD.replace("id: bird-species", `id: ${id}`));
      await mkdir(join(root, "reports/models", id), { recursive: true });
      const evaluation = evaluationJson({
        id,
        task: "multiclass-classification",
        metrics: { accuracy: 0.8 },
        ...state,
      });
      await writeFile(join(root, "reports/models", id, "evaluation.json"), evaluation);
    }
    execFileSync("git", ["init", "-q", root]);
    const result = await build(root);
    expect(result.code, result.output).toBe(0);
    const page = async (id: string) => text(await readFile(join(root, "out/models", id, "index.html"), "utf8"));
    expect(await page("bird-species")).toContain("(100 rows), uncommitted changes on top of abc1234.");
    expect(await page("bird-early")).toContain("(100 rows), not committed.");
    expect(await page("bird-clean")).toContain("(100 rows), commit abc1234.");
  }, 180_000);
});
