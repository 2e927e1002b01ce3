import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli } from "../../scripts/build-cli.ts";

const PROJECT = resolve(import.meta.dirname, "../..");

/**
 * Almanac installed the way npm installs it: real files under a team repository's
 * node_modules/almanac (not a symlink out of it), where Node refuses to strip TypeScript types.
 */
let team: string;
let installed: string;

beforeAll(async () => {
  team = mkdtempSync(join(tmpdir(), "almanac-installed-"));
  installed = join(team, "node_modules", "almanac");
  mkdirSync(installed, { recursive: true });
  await buildCli(join(installed, "dist", "cli"));
  for (const entry of ["bin", "core", "package.json"])
    cpSync(join(PROJECT, entry), join(installed, entry), { recursive: true });
  symlinkSync(join(PROJECT, "node_modules"), join(installed, "node_modules"));
  for (const folder of ["models", "datasets"]) cpSync(join(PROJECT, folder), join(team, folder), { recursive: true });
}, 60_000);

function almanac(entry: string, args: string[]) {
  return spawnSync(process.execPath, [join(installed, entry), ...args], {
    cwd: team,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
}

describe("almanac installed under node_modules", () => {
  it("the TypeScript entry cannot run there (why the package ships a compiled CLI)", () => {
    const run = almanac("bin/almanac.ts", ["--version"]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING");
  });

  it("the package's bin runs the compiled CLI: --version, validate with data checks, new model", () => {
    const version = almanac("bin/almanac.js", ["--version"]);
    expect(version.stderr).toBe("");
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(PROJECT, "package.json"), "utf8")).version);
    const validate = almanac("bin/almanac.js", ["validate"]);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/✓ \d+ models, \d+ datasets: valid/);
    const scaffold = almanac("bin/almanac.js", [
      "new",
      "model",
      "petal",
      "--dataset",
      "penguins",
      "--task",
      "multiclass-classification",
      "--target",
      "species",
    ]);
    expect(scaffold.stderr).toBe("");
    expect(scaffold.status).toBe(0);
    const train = almanac("bin/almanac.js", ["train", "petal"]);
    expect(train.stdout).toContain("[petal]");
    expect([0, 1]).toContain(train.status);
  });
});
