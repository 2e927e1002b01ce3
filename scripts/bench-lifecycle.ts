/**
 * Benchmarks the lifecycle verbs on a generated repository with ~20,000 commits
 * (scripts/generate-history.ts) and prints the figures: wall-clock and CPU seconds (user +
 * system, git children included) of the real CLI (`node bin/almanac.ts …`, Node start-up
 * included), the median of a few runs, against the targets of issue 5. Run twice: as cloned (no commit graph), then after
 * the first one-model `almanac history` wrote git's commit graph with changed-path filters
 * (`git commit-graph write --reachable --changed-paths`), which lets git answer single-path
 * logs from Bloom filters.
 *
 *   node scripts/bench-lifecycle.ts [dir] [--models 1000] [--commits 20] [--rows 100000] [--runs 3] [--reuse]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateHistory } from "./generate-history.ts";

interface Case {
  name: string;
  args: string[];
  /** Target from the issue, in seconds. */
  target: number;
}

const CLI = resolve(import.meta.dirname, "../bin/almanac.ts");

/** GNU time, when installed, also gives the CPU seconds of the CLI and its git children. */
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Timing {
  /** Median wall-clock seconds. */
  wall: number;
  /** Median CPU seconds (user + system, children included), or NaN without GNU time. */
  cpu: number;
}

function time(root: string, args: readonly string[], runs: number): Timing {
  const walls: number[] = [];
  const cpus: number[] = [];
  const output = join(tmpdir(), `almanac-bench-time-${process.pid}`);
  for (let run = 0; run < runs; run++) {
    const command = [process.execPath, CLI, "--root", root, ...args];
    const started = performance.now();
    const result = GNU_TIME
      ? spawnSync(GNU_TIME, ["-f", "%U %S", "-o", output, ...command], spawnOptions)
      : spawnSync(command[0] as string, command.slice(1), spawnOptions);
    walls.push((performance.now() - started) / 1000);
    if (result.status === 2) throw new Error(`almanac ${args.join(" ")} failed: ${result.stderr}`);
    if (GNU_TIME) {
      const [user = 0, system = 0] = readFileSync(output, "utf8").trim().split(/\s+/).slice(-2).map(Number);
      cpus.push(user + system);
    }
  }
  rmSync(output, { force: true });
  return { wall: median(walls), cpu: cpus.length > 0 ? median(cpus) : Number.NaN };
}

const spawnOptions = {
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
  env: { ...process.env, NO_COLOR: "1" },
} as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function git(root: string, args: string[]): string {
  const result = spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

function report(title: string, root: string, cases: readonly Case[], runs: number): void {
  console.log(`\n${title} (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs)`);
  console.log("| operation | wall, median (s) | CPU, median (s) | target (s) | wall within target |");
  console.log("|---|---:|---:|---:|---|");
  for (const item of cases) {
    const { wall, cpu } = time(root, item.args, runs);
    const within = wall < item.target ? "yes" : "no";
    console.log(`| ${item.name} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | < ${item.target} | ${within} |`);
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      models: { type: "string", default: "1000" },
      commits: { type: "string", default: "20" },
      rows: { type: "string", default: "100000" },
      runs: { type: "string", default: "3" },
      reuse: { type: "boolean", default: false },
    },
  });
  const root = resolve(positionals[0] ?? "/tmp/almanac-lifecycle-bench");
  const runs = Number(values.runs);
  if (!(values.reuse && existsSync(`${root}/.git`))) {
    rmSync(root, { recursive: true, force: true });
    const started = performance.now();
    const generated = await generateHistory(root, {
      models: Number(values.models),
      commits: Number(values.commits),
      rows: Number(values.rows),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`generated ${generated.models.length} models, ${generated.commits} commits in ${seconds} s: ${root}`);
  }
  rmSync(`${root}/.git/objects/info/commit-graph`, { force: true });
  rmSync(`${root}/.git/objects/info/commit-graphs`, { recursive: true, force: true });
  const model = git(root, ["diff", "--name-only", "main", "pr/retrain", "--", "models"]).split("/")[1] ?? "";
  const commits = git(root, ["rev-list", "--count", "--all"]);
  console.log(`${commits} commits; pull request pr/retrain retrains ${model} (100,000-row predictions)`);
  const cases: Case[] = [
    { name: "`almanac history --json` (all models)", args: ["history", "--json"], target: 5 },
    { name: `\`almanac history ${model}\` (one model)`, args: ["history", model], target: 1 },
    {
      name: "`almanac affected` (a change touching one model)",
      args: ["affected", "--base", "main", "--head", "pr/retrain"],
      target: 1,
    },
    {
      name: "`almanac report` (one model, paired bootstrap on 100,000 rows)",
      args: ["report", "--base", "main", "--head", "pr/retrain"],
      target: 3,
    },
  ];
  const oneModel = cases[1] as Case;
  report(
    "As cloned (no commit graph)",
    root,
    cases.filter((item) => item !== oneModel),
    runs,
  );
  // The first one-model history on a large repository writes git's commit graph (core/git/commit-graph.ts).
  const first = time(root, oneModel.args, 1);
  if (!existsSync(`${root}/.git/objects/info/commit-graph`))
    throw new Error("almanac history did not write the commit graph");
  console.log(
    `\nFirst ${oneModel.name} as cloned, writing git's commit graph once: ${first.wall.toFixed(2)} s wall, ${first.cpu.toFixed(2)} s CPU`,
  );
  report("Then, with the commit graph Almanac wrote", root, cases, runs);
}

await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
