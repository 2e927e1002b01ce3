// The Node version check, in plain CommonJS so that any Node can run it: the CLI launcher calls
// it before importing anything else, and npm runs it as the package's preinstall script. Below
// the version in package.json's engines it prints one line and exits 1, instead of the stack
// trace the TypeScript sources or the dependencies would end in.
"use strict";

const { engines } = require("../package.json");

/** The lowest supported version from engines.node (">=22.12"), as [major, minor, patch]. */
function requiredVersion() {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(engines.node).trim());
  if (!match) throw new Error(`package.json engines.node must read ">=MAJOR.MINOR", not ${engines.node}`);
  return [Number(match[1]), Number(match[2] || 0), Number(match[3] || 0)];
}

function isAtLeast(found, needed) {
  for (let i = 0; i < 3; i++) if (found[i] !== needed[i]) return found[i] > needed[i];
  return true;
}

/**
 * The one-line message for a Node older than Almanac needs, or undefined when `found`
 * (e.g. "20.20.2") is new enough.
 */
function nodeVersionProblem(found, executable) {
  const needed = requiredVersion();
  const parts = String(found)
    .split(".")
    .map((part) => Number.parseInt(part, 10) || 0);
  if (isAtLeast([parts[0] || 0, parts[1] || 0, parts[2] || 0], needed)) return undefined;
  const where = executable ? ` (${executable})` : "";
  return (
    `almanac needs Node.js ${needed[0]}.${needed[1]} or newer, found ${found}${where}: ` +
    "install Node.js 24, the version in .node-version (fnm, mise and actions/setup-node's node-version-file read it; " +
    "or https://nodejs.org/), and run again"
  );
}

module.exports = { nodeVersionProblem, requiredVersion };

if (require.main === module) {
  const problem = nodeVersionProblem(process.versions.node, process.execPath);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exitCode = 1;
  }
}
