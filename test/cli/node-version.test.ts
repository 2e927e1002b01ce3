import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const PROJECT = resolve(import.meta.dirname, "../..");
const { nodeVersionProblem } = createRequire(import.meta.url)("../../bin/node-version.cjs") as {
  nodeVersionProblem: (found: string, executable?: string) => string | undefined;
};

/** A Node older than 22.12 on this machine (Debian's Node 20 on the project's machines), if any. */
function oldNode(): { path: string; version: string } | undefined {
  for (const path of ["/usr/bin/node", "/usr/local/bin/node"]) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();
    if (nodeVersionProblem(version)) return { path, version };
  }
  return undefined;
}

const OLD = oldNode();

const message = (version: string, path: string) =>
  `almanac needs Node.js 22.12 or newer, found ${version} (${path}): install Node.js 24, the version in .node-version (fnm, mise and actions/setup-node's node-version-file read it; or https://nodejs.org/), and run again\n`;

describe("the Node version check", () => {
  it("accepts 22.12 and later, refuses older with the versions and how to get Node", () => {
    for (const version of ["22.12.0", "22.13.1", "23.0.0", "24.21.0", "30.0.0"])
      expect(nodeVersionProblem(version), version).toBeUndefined();
    for (const version of ["22.11.0", "20.20.2", "18.20.8", "0.10.48"])
      expect(nodeVersionProblem(version, "/opt/node/bin/node"), version).toBe(
        message(version, "/opt/node/bin/node").trimEnd(),
      );
  });

  it("reads the version it needs from package.json's engines", () => {
    const { engines } = createRequire(import.meta.url)("../../package.json") as { engines: { node: string } };
    expect(engines.node).toBe(">=22.12");
  });
});

describe.skipIf(!OLD)(`on an old Node (${OLD?.path} ${OLD?.version})`, () => {
  const old = OLD as { path: string; version: string };

  it.each(["--version", "validate", "site build", "init", "new model x"])(
    "almanac %s prints one line and exits 2",
    (command: string) => {
      const run = spawnSync(old.path, [join(PROJECT, "bin", "almanac.js"), ...command.split(" ")], {
        cwd: PROJECT,
        encoding: "utf8",
      });
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(message(old.version, old.path));
      expect(run.status).toBe(2);
    },
  );

  it("the preinstall check (npm ci, npm install) prints one line and exits 1", () => {
    const run = spawnSync(old.path, [join(PROJECT, "bin", "node-version.cjs")], { cwd: PROJECT, encoding: "utf8" });
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(message(old.version, old.path));
    expect(run.status).toBe(1);
  });
});
