/**
 * Benchmark of `almanac drift` and `almanac profile`, printing the figures docs/drift.md quotes.
 *
 * Run: node scripts/bench-drift.ts [--runs N] [--skip-30m]
 * (each flights-3m measurement is taken N times, default 5, Almanac and pandas alternating, and
 * the median printed: the machines these run on are shared)
 *
 * 1. flights-3m.parquet (vega-datasets) is written once, as CSV and as Parquet, to a cache folder
 *    ($ALMANAC_BENCH_DIR or <tmp>/almanac-bench): reference = rows before 2001-04-01 12:00,
 *    current = the rest, every column but the date.
 * 2. The same drift tests on the same CSV files, in this run: Almanac (`almanac drift --num-test
 *    ks,psi,jensenshannon,wasserstein_norm --cat-test chisquare,psi,jensenshannon`) and
 *    scripts/bench-drift-pandas.py (Debian's python3-pandas + python3-scipy). Wall time and peak
 *    resident memory of each process come from /usr/bin/time -v; their ratio is printed, and the
 *    statistics of both are compared.
 * 3. Almanac on the Parquet files.
 * 4. A generated 30,000,000-row Parquet pair (15M rows a side: a continuous column, an integer
 *    column, a category) with DuckDB's memory limit at 1 GB: wall time and peak RSS.
 * 5. `almanac profile --file flights-3m.parquet`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withDatabase } from "../core/data/duckdb.ts";

const FLIGHTS = "node_modules/vega-datasets/data/flights-3m.parquet";
const SPLIT = "TIMESTAMP '2001-04-01 12:00:00'";
const COLUMNS = "delay, distance, origin, destination";
const NUMERIC_TESTS = "ks,psi,jensenshannon,wasserstein_norm";
const CATEGORICAL_TESTS = "chisquare,psi,jensenshannon";
const GENERATED_ROWS = 30_000_000;
const dir = process.env.ALMANAC_BENCH_DIR ?? join(tmpdir(), "almanac-bench");

interface Measured {
  seconds: number;
  /** User + system CPU seconds (all threads). */
  cpu: number;
  peakMb: number;
  stdout: string;
  status: number | null;
}

/** Runs a command under /usr/bin/time -v: wall seconds and peak resident set size. */
function measure(command: string, args: string[]): Measured {
  const result = spawnSync("/usr/bin/time", ["-v", command, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  if (!wall || !rss) throw new Error(`cannot read /usr/bin/time output:\n${result.stderr}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const cpu = Number(user?.[1] ?? 0) + Number(system?.[1] ?? 0);
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
  return { seconds, cpu, peakMb: Number(rss[1]) / 1024, stdout: result.stdout, status: result.status };
}

async function prepare(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const copies: Array<[string, string]> = [];
  for (const [side, where] of [
    ["reference", `date < ${SPLIT}`],
    ["current", `date >= ${SPLIT}`],
  ] as const) {
    for (const format of ["csv", "parquet"]) {
      const path = join(dir, `flights-${side}.${format}`);
      if (!existsSync(path))
        copies.push([
          path,
          `COPY (SELECT ${COLUMNS} FROM read_parquet('${FLIGHTS}') WHERE ${where}) TO '${path}' (FORMAT ${format}${format === "csv" ? ", HEADER true" : ""})`,
        ]);
    }
    const generated = join(dir, `generated-${side}.parquet`);
    if (!existsSync(generated) && !process.argv.includes("--skip-30m")) {
      const shift = side === "current" ? 0.02 : 0;
      copies.push([
        generated,
        `COPY (SELECT random() * 1000 + ${shift} * 1000 AS amount, (random() * 200)::INTEGER AS items, ['north', 'south', 'east', 'west'][1 + (i % 4)] AS region FROM range(${GENERATED_ROWS / 2}) t(i)) TO '${generated}' (FORMAT parquet)`,
      ]);
    }
  }
  if (copies.length === 0) return;
  console.log(`writing the benchmark files to ${dir} (once)…`);
  await withDatabase(async (db) => {
    for (const [, sql] of copies) await db.run(sql);
  });
}

function almanac(args: string[]): Measured {
  return measure(process.execPath, ["bin/almanac.ts", ...args]);
}

const runsFlag = process.argv.indexOf("--runs");
const RUNS = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 5;

/** The run with the median wall time (its memory figure with it). */
function median(runs: Measured[]): Measured {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)] as Measured;
}

type Stats = Record<string, Record<string, { statistic: number; p_value?: number }>>;

function compareResults(almanacJson: string, pandasJson: string): number {
  const report = JSON.parse(almanacJson) as { columns: Array<{ column: string; test: string; statistic: number }> };
  const pandas = (JSON.parse(pandasJson) as { columns: Stats }).columns;
  let worst = 0;
  for (const result of report.columns) {
    const expected = pandas[result.column]?.[result.test]?.statistic;
    if (expected === undefined) throw new Error(`pandas has no ${result.test} for ${result.column}`);
    worst = Math.max(worst, Math.abs(result.statistic - expected) / Math.max(1, Math.abs(expected)));
  }
  return worst;
}

function line(label: string, m: Measured): string {
  return `${label.padEnd(52)} ${m.seconds.toFixed(2).padStart(6)} s wall ${m.cpu.toFixed(2).padStart(6)} s CPU ${m.peakMb.toFixed(0).padStart(6)} MB peak RSS`;
}

await prepare();
const loadBefore = (await import("node:os"))
  .loadavg()
  .map((load) => load.toFixed(1))
  .join(" ");
const csv = (side: string) => join(dir, `flights-${side}.csv`);
const parquet = (side: string) => join(dir, `flights-${side}.parquet`);
const tests = ["--num-test", NUMERIC_TESTS, "--cat-test", CATEGORICAL_TESTS, "--json"];
const oursRuns: Measured[] = [];
const theirsRuns: Measured[] = [];
const parquetRuns: Measured[] = [];
for (let run = 0; run < RUNS; run++) {
  oursRuns.push(almanac(["drift", "--reference", csv("reference"), "--current", csv("current"), ...tests]));
  theirsRuns.push(measure("/usr/bin/python3", ["scripts/bench-drift-pandas.py", csv("reference"), csv("current")]));
  parquetRuns.push(almanac(["drift", "--reference", parquet("reference"), "--current", parquet("current"), ...tests]));
}
const ours = median(oursRuns);
const theirs = median(theirsRuns);
const onParquet = median(parquetRuns);
console.log(`load average before the runs: ${loadBefore}; medians of ${RUNS} runs each`);
console.log(
  `flights-3m: reference ${"1,483,920"} rows, current ${"1,516,080"} rows; 2 numeric and 2 categorical columns`,
);
console.log(line("almanac drift (CSV)", ours));
console.log(line("pandas + scipy (CSV)", theirs));
console.log(
  `speed-up on CSV: ${(theirs.seconds / ours.seconds).toFixed(1)}× faster (wall), ${(theirs.cpu / ours.cpu).toFixed(1)}× less CPU time, ${(theirs.peakMb / ours.peakMb).toFixed(1)}× less peak memory`,
);
console.log(
  `largest relative difference of a statistic, almanac vs pandas + scipy: ${compareResults(ours.stdout, theirs.stdout).toExponential(1)}`,
);
console.log(line("almanac drift (Parquet)", onParquet));
if (!process.argv.includes("--skip-30m")) {
  const big = almanac([
    "drift",
    "--reference",
    join(dir, "generated-reference.parquet"),
    "--current",
    join(dir, "generated-current.parquet"),
    "--num-test",
    NUMERIC_TESTS,
    "--cat-test",
    CATEGORICAL_TESTS,
    "--memory-limit",
    "1GB",
    "--json",
  ]);
  console.log(line(`almanac drift, ${GENERATED_ROWS / 1e6}M rows Parquet, memory_limit 1GB`, big));
}
const profile = median(Array.from({ length: RUNS }, () => almanac(["profile", "--file", FLIGHTS, "--json"])));
console.log(line("almanac profile flights-3m.parquet", profile));
