import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../core/cli/main.ts";
import { parseFileCommands } from "../support/file-commands.ts";
import { ALMANAC_ROOT, createWorkspace } from "../support/workspace.ts";

/** `almanac models`: the drift workflow's matrix of production models. */
const workspace = createWorkspace({
  models: ["seattle-rain", "penguin-sex"],
  datasets: ["seattle-weather", "penguins-sex"],
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, "--root", workspace], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("almanac models", () => {
  it("prints the production models as a matrix", async () => {
    expect(await run("models", "--stage", "production", "--matrix")).toEqual({
      code: 0,
      stdout:
        '{"include":[{"model":"seattle-rain","runner":"ubuntu-latest","timeout_minutes":5,"python_version":"","python_requirements":""}]}',
      stderr: "",
    });
  });

  it("lists every valid card, or the ones named", async () => {
    const all = await run("models");
    expect(all.stdout.split("\n").map((line) => line.split("\t")[0])).toEqual(["penguin-sex", "seattle-rain"]);
    const one = await run("models", "penguin-sex", "--json");
    expect(JSON.parse(one.stdout).map((m: { id: string }) => m.id)).toEqual(["penguin-sex"]);
  });

  it("refuses an unknown stage or id with a hint (exit 2)", async () => {
    expect(await run("models", "--stage", "prod")).toMatchObject({
      code: 2,
      stderr:
        'error unknown stage "prod"; available: proposed, staging, production, archived\n  hint: expected one of: proposed, staging, production, archived',
    });
    expect(await run("models", "seattle-rian")).toMatchObject({
      code: 2,
      stderr: 'error no valid model card with id "seattle-rian"\n  hint: did you mean "seattle-rain"?',
    });
  });

  it("sets the matrix and count outputs inside GitHub Actions", () => {
    const output = join(mkdtempSync(join(tmpdir(), "almanac-output-")), "output");
    writeFileSync(output, "");
    execFileSync(
      process.execPath,
      [join(ALMANAC_ROOT, "bin", "almanac.ts"), "models", "--stage", "production", "--matrix"],
      {
        cwd: workspace,
        env: { PATH: process.env.PATH, GITHUB_ACTIONS: "true", GITHUB_OUTPUT: output, NO_COLOR: "1" },
      },
    );
    expect(parseFileCommands(readFileSync(output, "utf8"))).toEqual({
      matrix:
        '{"include":[{"model":"seattle-rain","runner":"ubuntu-latest","timeout_minutes":5,"python_version":"","python_requirements":""}]}',
      count: "1",
    });
  });
});
