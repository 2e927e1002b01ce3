import { execFile, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { promisify } from "node:util";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerCommands } from "../../core/cli/commands/index.ts";
import { VERSION } from "../../core/cli/main.ts";
import { mapLimit } from "../../core/util/map-limit.ts";
import { BIRDS_CSV, createTinyRepo, runCli } from "../support/tiny-repo.ts";

const exec = promisify(execFile);
const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function tiny(options: Parameters<typeof createTinyRepo>[0] = {}): Promise<string> {
  const root = await createTinyRepo(options);
  roots.push(root);
  return root;
}

/** Every verb path, e.g. ["validate"], ["new", "dataset"], from the registered commands. */
async function verbPaths(): Promise<string[][]> {
  const program = new Command();
  await registerCommands(program, () => async () => {});
  const walk = (command: Command, prefix: string[]): string[][] =>
    command.commands.flatMap((sub) => [[...prefix, sub.name()], ...walk(sub, [...prefix, sub.name()])]);
  return walk(program, []);
}

const VERB_PATHS = await verbPaths();

/** Runs the real CLI process (for colour and stream behaviour). */
async function spawnCli(args: string[], env: Record<string, string | undefined>) {
  const result = await exec(process.execPath, ["bin/almanac.ts", ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
  return { code: "code" in result ? result.code : 0, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `almanac <verb> --help` with its stdout closed before it writes, as `| head` does. */
function helpIntoClosedPipe(verb: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/almanac.ts", ...verb, "--help"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("almanac validate (CLI)", () => {
  it("exits 0 on a valid repository", async () => {
    const run = await runCli(["validate", "--root", await tiny()]);
    expect(run).toEqual({ code: 0, stdout: "✓ 1 model, 1 dataset: valid\n", stderr: "" });
  });

  it("exits 1 on findings and lists them grouped by file", async () => {
    const run = await runCli(["validate", "--root", await tiny({ data: BIRDS_CSV.replace("48.2", "x") })]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "datasets/birds/dataset.yaml",
        '  datasets/birds/dataset.yaml:27:11 error columns[2].type: data/birds.csv: number column "wing_mm": 1 row holds a value that is not a number, e.g. row 4 (line 5): "x" [data.type]',
        "    hint: fix those cells, leave them empty (with nullable: true), or declare type: string",
        "✗ 1 model, 1 dataset: 1 error, 0 warnings in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("exits 2 on a usage error", async () => {
    const run = await runCli(["validate", "--no-such-flag"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--no-such-flag'");
  });

  it("prints { ok, diagnostics } with --json, each diagnostic with the eight fields", async () => {
    const root = await tiny({ data: BIRDS_CSV.replace("48.2", "x") });
    const run = await runCli(["validate", "--json", "--root", root]);
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual(["ok", "diagnostics"]);
    expect(output.ok).toBe(false);
    expect(output.diagnostics.length).toBeGreaterThan(0);
    for (const diagnostic of output.diagnostics) {
      expect(Object.keys(diagnostic)).toEqual([
        "file",
        "line",
        "column",
        "field",
        "severity",
        "code",
        "message",
        "hint",
      ]);
      expect(diagnostic).toMatchObject({
        file: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
        field: expect.any(String),
        severity: expect.stringMatching(/^(error|warning)$/),
        code: expect.stringMatching(/^[a-z]+\.[a-z0-9-]+$/),
        message: expect.any(String),
        hint: expect.any(String),
      });
    }
    const valid = JSON.parse((await runCli(["validate", "--json", "--root", await tiny()])).stdout);
    expect(valid).toEqual({ ok: true, diagnostics: [] });
  });

  it("--json stays ok with warnings only", async () => {
    const root = await tiny({
      data: BIRDS_CSV.replace("ringed\n", "ringed,extra\n").replaceAll(/(true|false)\n/g, "$1,1\n"),
    });
    const { writeFile } = await import("node:fs/promises");
    const { birdsManifest } = await import("../support/tiny-repo.ts");
    const data = BIRDS_CSV.replace("ringed\n", "ringed,extra\n").replaceAll(/(true|false)\n/g, "$1,1\n");
    await writeFile(`${root}/datasets/birds/dataset.yaml`, birdsManifest(data));
    const run = await runCli(["validate", "--json", "--root", root]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(["data.column-undeclared"]);
  });
});

describe("CLI habits", () => {
  it.each(VERB_PATHS.map((path) => path.join(" ")))("--help works on almanac %s", async (verb) => {
    const run = await runCli([...verb.split(" "), "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: almanac ${verb}`);
  });

  it("every verb's --help into a pipe closed early exits 0 quietly (no EPIPE trace)", async () => {
    const verbs = VERB_PATHS.map((path) => path.join(" "));
    const results = await mapLimit(verbs, 2, (verb) => helpIntoClosedPipe(verb.split(" ")));
    expect(results).toEqual(verbs.map(() => ({ code: 0, stderr: "" })));
  });

  it("--version prints the version", async () => {
    const run = await runCli(["--version"]);
    expect(run).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });

  it("prints no colour with NO_COLOR, nor off a terminal; colour only when forced", async () => {
    const root = await tiny({ data: BIRDS_CSV.replace("48.2", "x") });
    const plain = await spawnCli(["validate", "--root", root], { NO_COLOR: "1", FORCE_COLOR: "1" });
    const piped = await spawnCli(["validate", "--root", root], {});
    const forced = await spawnCli(["validate", "--root", root], { FORCE_COLOR: "1" });
    for (const run of [plain, piped, forced]) expect(run.code).toBe(1);
    expect(plain.stdout).not.toContain("\u001b[");
    expect(piped.stdout).not.toContain("\u001b[");
    expect(forced.stdout).toContain("\u001b[");
  });

  it("prints no stack trace for an internal error, and one with --debug", async () => {
    const root = await tiny({ manifest: "" });
    const { mkdir, rm: remove } = await import("node:fs/promises");
    await remove(`${root}/datasets/birds/dataset.yaml`);
    await mkdir(`${root}/datasets/birds/dataset.yaml`);
    const run = await spawnCli(["validate", "--root", root], { NO_COLOR: "1" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("internal error");
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const debug = await spawnCli(["validate", "--debug", "--root", root], { NO_COLOR: "1" });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});
