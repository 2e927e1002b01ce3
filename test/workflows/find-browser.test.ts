import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALMANAC_ROOT } from "../support/workspace.ts";

const SCRIPT = join(ALMANAC_ROOT, "scripts", "find-browser.sh");
let temp: string;
let bin: string;

/** An executable that records its name and arguments in calls.log. */
function fakeCommand(name: string): string {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\necho "${name} $*" >> "${join(temp, "calls.log")}"\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Runs the script with only `bin` (and the basics) on PATH; returns what it exported and ran. */
function run(env: Record<string, string> = {}) {
  const githubEnv = join(temp, "github-env");
  writeFileSync(githubEnv, "");
  // Only the fake commands are on PATH: the script uses nothing but bash builtins besides them.
  execFileSync("/bin/bash", [SCRIPT], {
    env: { PATH: bin, GITHUB_ENV: githubEnv, ...env },
    stdio: "pipe",
  });
  const calls = (() => {
    try {
      return readFileSync(join(temp, "calls.log"), "utf8").trim().split("\n");
    } catch {
      return [];
    }
  })();
  return { exported: readFileSync(githubEnv, "utf8").trim(), calls };
}

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), "almanac-browser-"));
  bin = join(temp, "bin");
  mkdirSync(bin);
  fakeCommand("sudo");
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

describe("scripts/find-browser.sh (CI's browser discovery)", () => {
  it("takes CHROME_PATH when it names a browser, installing nothing", () => {
    const chrome = fakeCommand("my-chrome");
    expect(run({ CHROME_PATH: chrome })).toEqual({ exported: `CHROME_PATH=${chrome}`, calls: [] });
  });

  it("finds google-chrome on PATH, as GitHub's Ubuntu runners have it, installing nothing", () => {
    const chrome = fakeCommand("google-chrome");
    const result = run();
    expect(result.exported).toBe(`CHROME_PATH=${chrome}`);
    expect(result.calls.filter((call) => call.startsWith("sudo"))).toEqual([]);
  });

  it("installs Debian's chromium only when no browser exists", () => {
    const result = run();
    expect(result).toEqual({
      exported: "CHROME_PATH=/usr/bin/chromium",
      calls: ["sudo apt-get update -qq", "sudo apt-get install -y -qq chromium"],
    });
  });

  it("is what CI runs instead of an unconditional apt-get install", () => {
    const ci = readFileSync(join(ALMANAC_ROOT, ".github", "workflows", "ci.yml"), "utf8");
    expect(ci).toContain("run: bash scripts/find-browser.sh");
    expect(ci).not.toContain("apt-get");
  });
});
