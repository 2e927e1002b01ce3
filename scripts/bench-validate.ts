/**
 * Prints three wall-clock figures for `almanac validate`, the median and best of several runs
 * of the whole CLI process (`node bin/almanac.ts validate --root <dir>`), start-up included:
 *
 *   1. the example repository (target < 1 s);
 *   2. a generated repository of 1,000 models and 100 datasets (target < 3 s);
 *   3. flights-3m.parquet (3,000,000 rows, 13 MB) from vega-datasets declared as a dataset
 *      (hash + one DuckDB scan; target < 3 s).
 *
 * The 1-minute load average is printed beside each figure: on a shared machine, other work
 * stretches wall time, and the best run is the closer estimate of an idle machine.
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

/** Runs validate as a child process `runs` times; returns the wall times in seconds. */
function timeValidate(root: string, runs: number): number[] {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(REPO, "bin/almanac.ts"), "validate", "--root", root], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    times.push((performance.now() - started) / 1000);
    if (result.status !== 0) throw new Error(`validate failed on ${root}:\n${result.stdout}${result.stderr}`);
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function report(label: string, times: number[], target: number): void {
  const figure = median(times);
  const verdict = figure < target ? "ok" : "OVER TARGET";
  const best = Math.min(...times).toFixed(2);
  const load = loadavg()[0]?.toFixed(1);
  console.log(
    `${label.padEnd(40)} median ${figure.toFixed(2)} s, best ${best} s  (target < ${target} s: ${verdict}; load average ${load})`,
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
