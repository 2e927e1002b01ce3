/**
 * Profiling past one runner, measured: ROWS generated rows in SHARDS Parquet files (DuckDB,
 * hash-based values, see shard-data.ts), each shard profiled one after another by
 * `almanac profile --file '<dir>/part-*.parquet' --shard i/n` under /usr/bin/time -v (wall, CPU,
 * peak RSS per shard), the shard profiles merged with `almanac profile --merge`, and the merge
 * checked against DuckDB's exact figures over all files: rows and counts exact, moments to
 * 1e-9 relative, histograms and quantile sketches bucket for bucket, quantiles within the
 * sketch's stated error.
 *
 *   node scripts/bench-shards.ts [--rows 300000000] [--shards 10] [--dir /tmp/almanac-shards] [--memory-limit 512MB] [--keep]
 *
 * The files take about 11 GB per billion rows; they are deleted at the end unless --keep (a
 * later run with the same --rows and --dir reuses kept files).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../core/data/duckdb.ts";
import { checkMergedProfile, writeShardFiles } from "./shard-data.ts";

const { values: flags } = parseArgs({
  options: {
    rows: { type: "string", default: "300000000" },
    shards: { type: "string", default: "10" },
    dir: { type: "string", default: process.env.ALMANAC_BENCH_DIR ?? "/tmp/almanac-shards" },
    "memory-limit": { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const ROWS = Number(flags.rows);
const SHARDS = Number(flags.shards);
const dir = resolve(flags.dir as string);
const cli = resolve(import.meta.dirname, "../bin/almanac.js");

interface Measured {
  wall: number;
  cpu: number;
  rssMb: number;
}

function parseTime(text: string): { cpu: number; rssMb: number } {
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(text)?.[1] ?? Number.NaN);
  return {
    cpu: field("User time \\(seconds\\)") + field("System time \\(seconds\\)"),
    rssMb: field("Maximum resident set size \\(kbytes\\)") / 1024,
  };
}

/** Runs almanac under /usr/bin/time -v (report to a file): wall seconds, user + system seconds, peak RSS in MB. */
function timedToFile(args: string[]): Measured {
  const out = join(dir, "time.txt");
  const start = process.hrtime.bigint();
  execFileSync("/usr/bin/time", ["-v", "-o", out, process.execPath, cli, ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  return { wall, ...parseTime(readFileSync(out, "utf8")) };
}

const fmt = (n: number, digits = 2) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const exp = (n: number) => (n === 0 ? "0" : n.toExponential(1));

async function generate(): Promise<string[]> {
  const stamp = join(dir, `rows-${ROWS}-files-${SHARDS}.done`);
  const files = Array.from({ length: SHARDS }, (_, f) => join(dir, `part-${String(f).padStart(3, "0")}.parquet`));
  if (existsSync(stamp)) return files;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = await openDatabase();
  const start = process.hrtime.bigint();
  await writeShardFiles(db, dir, ROWS, SHARDS);
  db.close();
  mkdirSync(stamp);
  console.log(
    `generated ${fmt(ROWS, 0)} rows in ${SHARDS} Parquet files in ${fmt(Number(process.hrtime.bigint() - start) / 1e9, 1)} s`,
  );
  return files;
}

const files = await generate();
const bytes = files.reduce((total, file) => total + statSync(file).size, 0);
console.log(
  `load average before the runs: ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")}`,
);
console.log(
  `data: ${fmt(ROWS, 0)} rows in ${SHARDS} Parquet files, ${fmt(bytes / 2 ** 30)} GiB (x normal with 0.1 % nulls, amount log-normal in cents, k integer 0…999, cat 20 categories)`,
);
const memory = flags["memory-limit"] ? ["--memory-limit", flags["memory-limit"]] : [];
const shards: string[] = [];
const measured: Measured[] = [];
for (let i = 1; i <= SHARDS; i++) {
  const out = join(dir, `shard-${i}.json`);
  const m = timedToFile([
    "profile",
    "--file",
    join(dir, "part-*.parquet"),
    "--shard",
    `${i}/${SHARDS}`,
    "--out",
    out,
    ...memory,
  ]);
  measured.push(m);
  shards.push(out);
  console.log(
    `  shard ${String(i).padStart(2)}/${SHARDS}  ${fmt(m.wall).padStart(7)} s wall  ${fmt(m.cpu).padStart(7)} s CPU  ${fmt(m.rssMb, 0).padStart(5)} MB peak RSS  profile ${fmt(statSync(out).size / 1024, 0)} KB`,
  );
}
const merged = join(dir, "merged.json");
const mergeTime = timedToFile(["profile", "--merge", ...shards, "--out", merged]);
const peak = Math.max(...measured.map((m) => m.rssMb));
const sum = (pick: (m: Measured) => number) => measured.reduce((total, m) => total + pick(m), 0);
console.log(
  `shards one after another: ${fmt(
    sum((m) => m.wall),
    1,
  )} s wall, ${fmt(
    sum((m) => m.cpu),
    1,
  )} s CPU in all; largest peak RSS ${fmt(peak, 0)} MB (${peak < 1024 ? "under" : "OVER"} 1 GB)`,
);
console.log(
  `merge of ${SHARDS} profiles: ${fmt(mergeTime.wall)} s wall, ${fmt(mergeTime.rssMb, 0)} MB peak RSS; merged profile ${fmt(statSync(merged).size / 1024, 0)} KB`,
);

const db = await openDatabase();
const start = process.hrtime.bigint();
const profile = JSON.parse(readFileSync(merged, "utf8"));
const check = await checkMergedProfile(db, files, profile);
db.close();
console.log(
  `checked against DuckDB over all ${fmt(check.rows, 0)} rows in ${fmt(Number(process.hrtime.bigint() - start) / 1e9, 1)} s:`,
);
console.log(`  rows ${check.rowsExact ? "exact" : "DIFFER"}`);
for (const column of check.columns) {
  const parts = [
    `counts, nulls, min, max${column.momentsError === undefined ? ", top values" : ""} ${column.countsExact ? "exact" : "DIFFER"}`,
  ];
  if (column.momentsError !== undefined) {
    parts.push(`mean/std rel. error ${exp(column.momentsError)}`);
    parts.push(`histogram ${column.histogramExact ? "exact" : "DIFFERS"}`);
    parts.push(`sketch ${column.sketchExact ? "exact" : "DIFFERS"}`);
    parts.push(
      `quantiles max rel. error ${exp(column.quantileRelativeError as number)} (${fmt((column.quantileErrorRatio as number) * 100, 1)} % of the stated bound α = 0.005)`,
    );
  }
  console.log(`  ${column.column.padEnd(7)} ${parts.join("; ")}`);
}
const ok =
  check.rowsExact &&
  peak < 1024 &&
  check.columns.every(
    (c) =>
      c.countsExact &&
      (c.momentsError === undefined ||
        (c.momentsError < 1e-9 && c.histogramExact && c.sketchExact && (c.quantileErrorRatio as number) <= 1)),
  );
console.log(ok ? "merge == whole: every check passed" : "merge != whole: see above");
if (!flags.keep) rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
