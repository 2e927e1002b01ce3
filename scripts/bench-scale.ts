/**
 * How validate, history, affected and the catalogue build grow with the number of models
 * (issue #14, target 5: at 10,000 models `validate` < 15 s, `history` (all) < 25 s,
 * `affected` < 2 s, `almanac site build` < 5 minutes and < 4 GB). For each size it prints
 * wall seconds, CPU seconds (user + system, children included) and peak RSS of the real CLI
 * process (`/usr/bin/time -v node bin/almanac.js …`), then each figure divided by the
 * smallest size's, so growth faster than the number of models shows.
 *
 * One generated repository per size, with one dataset per ten models, cached under `--cache`
 * (generation is not timed; a second run reuses it): scripts/generate-site-fixtures.ts, the
 * catalogue's own fixture (cards, datasets, profiles, evaluations, drift reports and the git
 * history of every model's lifecycle, ~6.5 commits per model), plus a branch `pr/retrain` that
 * edits one model (the pull request `affected` is asked about). All four verbs run on it; git's
 * commit graph is removed before each run (as cloned). With `--lifecycle`, validate, history
 * and affected run instead on scripts/generate-history.ts's repository (~22 commits per
 * model, the lifecycle benchmark's shape; slow to generate past a few thousand models).
 *
 *   node scripts/bench-scale.ts [--sizes 1000,3000,10000] [--only validate,history,affected,site]
 *                               [--runs 1] [--cache /tmp/almanac-scale] [--lifecycle]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultWorkDir } from "../core/site/config.ts";
import { generateHistory } from "./generate-history.ts";
import { generateSiteFixtures } from "./generate-site-fixtures.ts";

const PROJECT_ROOT = resolve(import.meta.dirname, "..");
const CLI = join(PROJECT_ROOT, "bin/almanac.js");
const MODELS_PER_DATASET = 10;
const COMMITS_PER_MODEL = 20;
/** Rows of the one large predictions file in the history repository (affected does not read it). */
const PREDICTION_ROWS = 1000;
const READY = ".almanac-bench-ready";

interface Operation {
  name: string;
  /** Targets at 10,000 models (issue #14). */
  seconds: number;
  megabytes?: number;
  /** `lifecycle`: the generate-history repository with `--lifecycle`, else the catalogue's. */
  repository: "lifecycle" | "site";
  args: (root: string, work: string) => string[];
  /** Exit codes that mean the command ran to the end (affected and validate: 0 or findings). */
  okCodes: number[];
}

const OPERATIONS: Operation[] = [
  {
    name: "validate",
    seconds: 15,
    repository: "lifecycle",
    args: (root) => ["validate", "--root", root],
    okCodes: [0],
  },
  {
    name: "history",
    seconds: 25,
    repository: "lifecycle",
    args: (root) => ["history", "--json", "--root", root],
    okCodes: [0],
  },
  {
    name: "affected",
    seconds: 2,
    repository: "lifecycle",
    args: (root) => ["affected", "--base", "main", "--head", "pr/retrain", "--root", root],
    okCodes: [0],
  },
  {
    name: "site",
    seconds: 300,
    megabytes: 4096,
    repository: "site",
    args: (root, work) => ["site", "build", "--root", root, "--out", join(work, "out")],
    okCodes: [0],
  },
];

interface Measured {
  wall: number;
  cpu: number;
  megabytes: number;
}

function run(args: string[]): Measured {
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-v", process.execPath, CLI, ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", ASTRO_TELEMETRY_DISABLED: "1" },
  });
  const wall = (performance.now() - started) / 1000;
  const field = (label: string) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(result.stderr)?.[1] ?? Number.NaN);
  return {
    wall,
    cpu: field("User time \\(seconds\\)") + field("System time \\(seconds\\)"),
    megabytes: field("Maximum resident set size \\(kbytes\\)") / 1024,
    ...(result.status === 0 ? {} : { failed: `${result.stdout.slice(-2000)}${result.stderr.slice(-3000)}` }),
  } as Measured;
}

async function repository(cache: string, kind: "history" | "site", models: number): Promise<string> {
  const root = join(cache, `${kind}-${models}`);
  if (existsSync(join(root, ".git", READY))) {
    if (kind === "site" && !git(root, ["branch", "--list", "pr/retrain"])) addPullRequestBranch(root);
    return root;
  }
  rmSync(root, { recursive: true, force: true });
  const started = performance.now();
  const datasets = Math.max(1, Math.round(models / MODELS_PER_DATASET));
  if (kind === "history") {
    await generateHistory(root, { models, datasets, commits: COMMITS_PER_MODEL, rows: PREDICTION_ROWS });
  } else {
    await generateSiteFixtures(root, { kind: "generated", models, datasets, seed: 1 });
    addPullRequestBranch(root);
  }
  writeFileSync(join(root, ".git", READY), "");
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.error(`generated ${root} in ${seconds} s`);
  return root;
}

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: "Almanac Bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "Almanac Bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
};

function git(root: string, args: string[]): string {
  const result = spawnSync("git", ["-C", root, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...GIT_IDENTITY },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

/** Branch `pr/retrain`: one commit on top of main that edits the first model's card (its description). */
function addPullRequestBranch(root: string): void {
  const card = git(root, ["ls-files", "models/*/model.md"]).split("\n")[0] as string;
  const text = readFileSync(join(root, card), "utf8");
  git(root, ["checkout", "-q", "-b", "pr/retrain"]);
  writeFileSync(join(root, card), text.replace(/^description: (.*)$/m, "description: $1 Retrained."));
  git(root, ["commit", "-q", "-am", "Retrain one model (#99999)"]);
  git(root, ["checkout", "-q", "main"]);
}

function removeCommitGraph(root: string): void {
  rmSync(join(root, ".git/objects/info/commit-graph"), { force: true });
  rmSync(join(root, ".git/objects/info/commit-graphs"), { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,3000,10000" },
      only: { type: "string", default: OPERATIONS.map((operation) => operation.name).join(",") },
      runs: { type: "string", default: "1" },
      cache: { type: "string", default: join(tmpdir(), "almanac-scale") },
      lifecycle: { type: "boolean", default: false },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  const only = new Set(values.only.split(","));
  const runs = Number(values.runs);
  const cache = resolve(values.cache);
  const operations = OPERATIONS.filter((operation) => only.has(operation.name));
  const results = new Map<string, Measured>();
  console.log(`machine: ${availableParallelism()} cores, Node ${process.versions.node}; cache ${cache}`);
  console.log("| models | operation | wall (s) | CPU (s) | peak RSS (MB) | load | target at 10,000 |");
  console.log("|---:|---|---:|---:|---:|---:|---|");
  for (const models of sizes) {
    for (const operation of operations) {
      const kind = operation.repository === "lifecycle" && values.lifecycle ? "history" : "site";
      const root = await repository(cache, kind, models);
      const work = join(cache, `work-${models}`);
      const measured: Measured[] = [];
      for (let index = 0; index < runs; index++) {
        removeCommitGraph(root);
        // A cold build: no content cache from an earlier build of the same repository.
        if (operation.name === "site") rmSync(defaultWorkDir(root), { recursive: true, force: true });
        rmSync(work, { recursive: true, force: true });
        const result = run(operation.args(root, work));
        if ("failed" in result) throw new Error(`${operation.name} at ${models} models failed:\n${result.failed}`);
        measured.push(result);
      }
      const figure = {
        wall: median(measured.map((item) => item.wall)),
        cpu: median(measured.map((item) => item.cpu)),
        megabytes: median(measured.map((item) => item.megabytes)),
      };
      results.set(`${operation.name}/${models}`, figure);
      const target = `< ${operation.seconds} s${operation.megabytes ? `, < ${operation.megabytes} MB` : ""}`;
      console.log(
        `| ${models} | ${operation.name} | ${figure.wall.toFixed(2)} | ${figure.cpu.toFixed(2)} | ${figure.megabytes.toFixed(0)} | ${loadavg()[0]?.toFixed(1)} | ${target} |`,
      );
      if (operation.name === "site") rmSync(work, { recursive: true, force: true });
    }
    for (const kind of ["history", "site"]) {
      const root = join(cache, `${kind}-${models}`);
      if (existsSync(join(root, ".git", READY)))
        console.error(`${kind}-${models}: ${git(root, ["rev-list", "--count", "--all"])} commits`);
    }
  }
  printGrowth(sizes, operations, results);
}

/** Each figure over the smallest size's, beside the ratio of models: growth faster than linear stands out. */
function printGrowth(sizes: number[], operations: Operation[], results: Map<string, Measured>): void {
  const base = sizes[0] as number;
  if (sizes.length < 2) return;
  console.log(`\ngrowth against ${base} models (linear = the models ratio)`);
  console.log("| models | ratio | operation | wall × | CPU × | RSS × |");
  console.log("|---:|---:|---|---:|---:|---:|");
  for (const models of sizes.slice(1)) {
    for (const operation of operations) {
      const first = results.get(`${operation.name}/${base}`);
      const now = results.get(`${operation.name}/${models}`);
      if (!first || !now) continue;
      const times = (a: number, b: number) => (a / b).toFixed(2);
      console.log(
        `| ${models} | ${(models / base).toFixed(1)} | ${operation.name} | ${times(now.wall, first.wall)} | ${times(now.cpu, first.cpu)} | ${times(now.megabytes, first.megabytes)} |`,
      );
    }
  }
}

await main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
