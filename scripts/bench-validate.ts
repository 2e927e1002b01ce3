/**
 * Prints three wall-clock figures for `almanac validate`, the median and best of several runs
 * of the whole CLI process (`node bin/almanac.ts validate --root <dir>`), start-up included:
 *
 *   1. the example repository (target < 1 s);
 *   2. a generated repository of 1,000 models and 100 datasets (target < 3 s);
 *   3. flights-3m.parquet (3,000,000 rows, 13 MB) from vega-datasets declared as a dataset
 *      (hash + one DuckDB scan; target < 3 s).
 *
 * Beside each figure: the best run, the process's CPU time (all threads; independent of
 * other load) and the 1-minute load average. On a shared machine other work stretches wall
 * time; on an idle one wall time lies between CPU/cores and CPU.
 *
 *   node scripts/bench-validate.ts [--runs 5]
 */
import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { hashFile } from "../core/data/hash-file.ts";
import { generateRepository } from "./generate-repo.ts";

const REPO = resolve(import.meta.dirname, "..");
const FLIGHTS = join(REPO, "node_modules/vega-datasets/data/flights-3m.parquet");

/** Makes the child print its own CPU time (all threads, DuckDB's included) to stderr at exit. */
const CPU_REPORTER =
  "data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\nalmanac-bench-cpu:'+(u.user+u.system)/1e6+'\\n')})";

interface Timing {
  wall: number;
  cpu: number;
}

/** Runs validate as a child process `runs` times; returns wall and CPU seconds of each run. */
function timeValidate(root: string, runs: number): Timing[] {
  const timings: Timing[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [`--import=${CPU_REPORTER}`, join(REPO, "bin/almanac.ts"), "validate", "--root", root],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    const wall = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`validate failed on ${root}:\n${result.stdout}${result.stderr}`);
    const cpu = Number(/almanac-bench-cpu:([\d.]+)/.exec(result.stderr)?.[1] ?? Number.NaN);
    timings.push({ wall, cpu });
  }
  return timings;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function report(label: string, timings: Timing[], target: number): void {
  const wall = median(timings.map((timing) => timing.wall));
  const best = Math.min(...timings.map((timing) => timing.wall)).toFixed(2);
  const cpu = median(timings.map((timing) => timing.cpu)).toFixed(2);
  const verdict = wall < target ? "ok" : "OVER TARGET";
  const load = loadavg()[0]?.toFixed(1);
  console.log(
    `${label.padEnd(40)} median ${wall.toFixed(2)} s, best ${best} s, CPU ${cpu} s  (target < ${target} s: ${verdict}; load average ${load})`,
  );
}

/** A temp repository with flights-3m.parquet declared as a dataset with checks on every column. */
async function flightsRepository(dir: string): Promise<string> {
  const folder = join(dir, "datasets/flights");
  await mkdir(join(folder, "data"), { recursive: true });
  await copyFile(FLIGHTS, join(folder, "data/flights-3m.parquet"));
  const digest = await hashFile(join(folder, "data/flights-3m.parquet"));
  const manifest = `apiVersion: almanac/v1
kind: Dataset
id: flights
version: 1.0.0
description: US domestic flights, January–June 2001 (vega-datasets flights-3m).
license: BSD-3-Clause
source:
  name: vega-datasets
format: parquet
files:
  - path: data/flights-3m.parquet
    sha256: ${digest.sha256}
    bytes: ${digest.bytes}
    rows: 3000000
columns:
  - name: date
    type: datetime
    role: timestamp
    min: "2001-01-01"
    max: "2001-07-01"
  - name: delay
    type: integer
    role: target
    min: -1200
    max: 1700
  - name: distance
    type: integer
    min: 1
    max: 5000
  - name: origin
    type: string
    max_null_fraction: 0.01
  - name: destination
    type: string
split:
  method: column
  column: origin
  test_values: [SFO]
checks:
  rows:
    min: 1000000
  null_fraction:
    destination: 0.01
`;
  await writeFile(join(folder, "dataset.yaml"), manifest);
  return dir;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
  const runs = Number(values.runs);
  const temp = await mkdtemp(join(tmpdir(), "almanac-bench-"));
  try {
    console.log(
      `almanac validate, whole CLI process, ${runs} runs each (Node ${process.versions.node}, ${availableParallelism()} cores)`,
    );
    report("example repository", timeValidate(REPO, runs), 1);
    const generated = await generateRepository(join(temp, "generated"), { models: 1000, datasets: 100 });
    report("generated: 1,000 models, 100 datasets", timeValidate(generated.root, runs), 3);
    const flights = await flightsRepository(join(temp, "flights"));
    report("flights-3m.parquet (3,000,000 rows)", timeValidate(flights, runs), 3);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

await main();
