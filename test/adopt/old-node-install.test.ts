import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packAlmanac, runCommand } from "./support.ts";

// `npm install` of Almanac on a machine whose Node is too old (Debian's Node 20 with its npm):
// npm runs the package's preinstall check, which stops the install with one line.

const OLD_NODE = "/usr/bin/node";
const OLD_NPM = "/usr/bin/npm";

function oldVersion(): string | undefined {
  if (!existsSync(OLD_NODE) || !existsSync(OLD_NPM)) return undefined;
  const version = execFileSync(OLD_NODE, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major < 22 || (major === 22 && minor < 12) ? version : undefined;
}

const OLD = oldVersion();

describe.skipIf(!OLD)(`npm install of Almanac on Node ${OLD}`, () => {
  it("stops with the one-line message from the preinstall check, no stack trace", async () => {
    const tarball = await packAlmanac();
    const team = await mkdtemp(join(tmpdir(), "almanac-old-node-"));
    await writeFile(join(team, "package.json"), '{ "name": "team", "version": "1.0.0", "private": true }\n');
    // The machine's own node and npm first on the PATH, as on a machine without a newer Node.
    const run = await runCommand(
      OLD_NPM,
      ["install", "--save-dev", "--prefer-offline", "--no-audit", "--no-fund", tarball],
      team,
      { PATH: "/usr/bin:/bin" },
    );
    expect(run.code).not.toBe(0);
    const ours = run.stderr.split("\n").filter((line) => line.includes("almanac needs Node.js"));
    expect(ours).toEqual([
      `npm error almanac needs Node.js 22.12 or newer, found ${OLD} (${OLD_NODE}): install Node.js 24, the version in .node-version (fnm, mise and actions/setup-node's node-version-file read it; or https://nodejs.org/), and run again`,
    ]);
    expect(run.stderr).toContain("npm error command sh -c node bin/node-version.cjs");
    expect(run.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|\n\s+at [\w.<]+ \(/);
  }, 300_000);
});
