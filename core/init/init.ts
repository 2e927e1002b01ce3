import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.ts";
import { AlmanacError, EXIT_USAGE } from "../util/errors.ts";
import { PACKAGE_ROOT } from "../util/package-root.ts";
import { VERSION } from "../version.ts";
import { EDITOR_SETTINGS, mergeExtensions, mergeGitignore, mergeJsonSettings, registryReadme } from "./files.ts";
import { mergePackageJson, packageNameFrom, renderPackageJson } from "./package-json.ts";
import { emptyPlan, type InitPlan, planMergedFile, planOwnedFile } from "./plan.ts";
import { almanacRepository, callerWorkflows, defaultRef } from "./workflows.ts";

/** What `almanac init` is asked to do. */
export interface InitOptions {
  /** The registry repository: created when missing. */
  dir: string;
  /** owner/name of Almanac's repository for the callers' `uses:` (default: package.json's repository). */
  almanacRepo?: string;
  /** The ref the callers pin (default: `v<version>`). */
  almanacRef?: string;
  /** The devDependency spec when package.json has none (default: how npx was given Almanac, else the version). */
  almanacSpec?: string;
  /** Run `npm install` when Almanac is not installed in `dir` yet (default true). */
  install?: boolean;
  /** Where the caller workflow templates are (default: the package's templates/workflows/). */
  templatesDir?: string;
  /** The environment, for npx's package spec (default: process.env). */
  env?: Record<string, string | undefined>;
}

/** What `almanac init` did. */
export interface InitResult {
  dir: string;
  plan: InitPlan;
  /** True when init ran `git init` (the folder was not in a git work tree). */
  gitInitialised: boolean;
  /** True when init ran `npm install`. */
  installed: boolean;
  /** True when Almanac still needs `npm install` (install was turned off). */
  needsInstall: boolean;
}

/** Folders every registry has; an empty one gets a .gitkeep so git keeps it. */
const REGISTRY_FOLDERS = ["models", "datasets", "reports"];

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
}

/**
 * The devDependency spec of the Almanac running init: what npx was given (`npx --package
 * <spec> almanac init`: a tarball becomes `file:`, a git URL stays), else the exact version.
 */
export function almanacSpec(env: Record<string, string | undefined>, cwd: string, dir: string): string {
  const given = env.npm_command === "exec" ? env.npm_config_package?.trim() : undefined;
  if (!given || given.includes("\n") || /^almanac(@|$)/.test(given)) return VERSION;
  if (/^(\.{0,2}\/|~\/)/.test(given) || /\.(tgz|tar\.gz)$/.test(given))
    return `file:${relative(dir, resolve(cwd, given.replace(/^file:/, ""))) || "."}`;
  return given;
}

async function planPackageJson(plan: InitPlan, dir: string, spec: string): Promise<void> {
  const text = await readText(join(dir, "package.json"));
  let existing: Record<string, unknown> | undefined;
  if (text !== undefined) {
    try {
      existing = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      plan.conflicts.push({ path: "package.json", reason: `is not valid JSON (${(error as Error).message})` });
      return;
    }
  }
  const merged = mergePackageJson(existing, packageNameFrom(basename(dir)), { spec, version: VERSION });
  plan.conflicts.push(...merged.conflicts);
  if (merged.conflicts.length > 0 || merged.changes.length === 0) {
    if (merged.conflicts.length === 0) plan.unchanged.push("package.json");
    return;
  }
  const content = renderPackageJson(merged.json, text);
  plan.changes.push(
    text === undefined
      ? { path: "package.json", content, action: "create" }
      : { path: "package.json", content, action: "merge", detail: merged.changes.join("; ") },
  );
}

async function planFolders(plan: InitPlan, dir: string): Promise<void> {
  for (const folder of REGISTRY_FOLDERS) {
    const entries = await readdir(join(dir, folder)).catch((): string[] => []);
    if (entries.length === 0) plan.changes.push({ path: `${folder}/.gitkeep`, content: "", action: "create" });
    else if (entries.includes(".gitkeep")) plan.unchanged.push(`${folder}/.gitkeep`);
  }
}

/** Decides every file init would write in `dir`, reading but writing nothing. */
export async function planInit(options: InitOptions): Promise<InitPlan> {
  const dir = resolve(options.dir);
  const plan = emptyPlan();
  const at = (path: string) => readText(join(dir, path));
  const repo = options.almanacRepo ?? almanacRepository();
  await planPackageJson(plan, dir, options.almanacSpec ?? almanacSpec(options.env ?? process.env, process.cwd(), dir));
  const nodeVersion = (await readText(join(PACKAGE_ROOT, ".node-version")))?.trim() ?? "24";
  planOwnedFile(plan, ".node-version", `${nodeVersion}\n`, await at(".node-version"));
  planMergedFile(plan, ".gitignore", await at(".gitignore"), mergeGitignore(await at(".gitignore")));
  await planFolders(plan, dir);
  const settings = await at(".vscode/settings.json");
  planMergedFile(plan, ".vscode/settings.json", settings, mergeJsonSettings(settings, EDITOR_SETTINGS));
  const extensions = await at(".vscode/extensions.json");
  planMergedFile(plan, ".vscode/extensions.json", extensions, mergeExtensions(extensions));
  const readme = await at("README.md");
  if (readme === undefined) {
    const name = packageNameFrom(basename(dir));
    plan.changes.push({
      path: "README.md",
      content: registryReadme(name, `https://github.com/${repo}`),
      action: "create",
    });
  } else plan.kept.push("README.md");
  const templates = options.templatesDir ?? join(PACKAGE_ROOT, "templates", "workflows");
  for (const workflow of await callerWorkflows(templates, repo, options.almanacRef ?? defaultRef()))
    planOwnedFile(plan, workflow.path, workflow.content, await at(workflow.path));
  return plan;
}

/** The refusal: every conflict on its own line, and nothing written. */
function refusal(plan: InitPlan): AlmanacError {
  if (plan.conflicts.length === 0)
    return new AlmanacError("this repository is already set up for Almanac: init has nothing to write", {
      hint: "to take newer caller workflows, delete them from .github/workflows/ and run almanac init again",
      exitCode: EXIT_USAGE,
    });
  const count = plan.conflicts.length;
  const lines = plan.conflicts.map((conflict) => `  ${conflict.path}: ${conflict.reason}`);
  return new AlmanacError(
    `init refused: ${count} conflict${count === 1 ? "" : "s"} with what is here, nothing was written\n${lines.join("\n")}`,
    { hint: "rename, move or merge these by hand, then run almanac init again", exitCode: EXIT_USAGE },
  );
}

/** Runs a command in `cwd`; resolves with its exit code (127 when it cannot start). */
function run(command: string, args: string[], cwd: string, quiet: boolean): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, stdio: quiet ? "ignore" : ["ignore", "inherit", "inherit"] });
    child.on("error", () => resolvePromise(127));
    child.on("close", (code) => resolvePromise(code ?? 1));
  });
}

/** npm as npx ran us (its own CLI on this Node), else `npm` on the PATH. */
function npmCommand(env: Record<string, string | undefined>): [string, string[]] {
  const execPath = env.npm_execpath;
  return execPath && /npm-cli\.js$/.test(execPath) ? [process.execPath, [execPath]] : ["npm", []];
}

/**
 * Sets up `dir` as a registry: writes every planned file, or refuses listing each conflict and
 * writes nothing (also when nothing is left to write: a second init). Then `git init` when the
 * folder is no git work tree, and `npm install` when Almanac is not installed there yet.
 */
export async function initRegistry(options: InitOptions): Promise<InitResult> {
  const dir = resolve(options.dir);
  const plan = await planInit(options);
  if (plan.conflicts.length > 0 || plan.changes.length === 0) throw refusal(plan);
  await mkdir(dir, { recursive: true });
  for (const change of plan.changes) await writeFileAtomic(join(dir, change.path), change.content);
  const inGit = (await run("git", ["rev-parse", "--is-inside-work-tree"], dir, true)) === 0;
  const gitInitialised = !inGit && (await run("git", ["init", "-q"], dir, true)) === 0;
  const present = existsSync(join(dir, "node_modules", "almanac", "package.json"));
  const install = options.install !== false && !present;
  if (install) {
    const [command, prefix] = npmCommand(options.env ?? process.env);
    const code = await run(command, [...prefix, "install", "--no-audit", "--no-fund"], dir, false);
    if (code !== 0)
      throw new AlmanacError(`npm install failed (exit ${code}); the registry's files are written`, {
        hint: `run npm install in ${dir} once the cause is fixed`,
        exitCode: EXIT_USAGE,
      });
  }
  return { dir, plan, gitInitialised, installed: install, needsInstall: !present && !install };
}
