import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanEnvironment } from "../site/support/build-site.ts";

/** Almanac's checkout. */
export const PROJECT = resolve(import.meta.dirname, "../..");

/** What a command printed and how it ended. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end without a shell; the environment is this process's minus Vitest's variables. */
export function runCommand(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...cleanEnvironment(), NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

function check(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0)
    throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Test files pack at once: their prepare steps (which rewrite dist/cli/) take turns. */
const PACK_LOCK = join(
  tmpdir(),
  `almanac-pack-${createHash("sha256").update(PROJECT).digest("hex").slice(0, 12)}.lock`,
);

/**
 * `npm pack` of this checkout, as a release would make it (npm runs the prepare step, which
 * compiles the CLI): the path of the tarball in a fresh temp folder.
 */
export async function packAlmanac(): Promise<string> {
  const destination = await mkdtemp(join(tmpdir(), "almanac-pack-"));
  const pack = ["npm", "pack", "--pack-destination", destination, "--json", "--loglevel=error"];
  const output = check(
    spawnSync("flock", [PACK_LOCK, ...pack], {
      cwd: PROJECT,
      encoding: "utf8",
      env: cleanEnvironment(),
    }),
    "npm pack",
  );
  const [packed] = JSON.parse(output.slice(output.indexOf("["))) as { filename: string }[];
  if (!packed) throw new Error(`npm pack printed no tarball:\n${output}`);
  return join(destination, packed.filename);
}

/** The paths inside a tarball made by `npm pack` (without the leading `package/`). */
export function tarballFiles(tarball: string): string[] {
  return check(spawnSync("tar", ["tzf", tarball], { encoding: "utf8" }), "tar tzf")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/^package\//, ""))
    .sort();
}

/** `npm install --save-dev <tarball>` from npm's cache where it can (no registry round trips for cached packages). */
export function installTarball(dir: string, tarball: string, npm: string[] = ["npm"]): Promise<Run> {
  const [command, ...prefix] = npm as [string, ...string[]];
  return runCommand(
    command,
    [...prefix, "install", "--save-dev", "--prefer-offline", "--no-audit", "--no-fund", tarball],
    dir,
  );
}

/** Every file under `dir` with its size and modification time. */
export async function fileStamps(dir: string): Promise<string[]> {
  const { stat } = await import("node:fs/promises");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const stamps = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        const info = await stat(path);
        return `${path.slice(dir.length)} ${info.size} ${info.mtimeMs}`;
      }),
  );
  return stamps.sort();
}
