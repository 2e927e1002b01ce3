/**
 * Side-by-side benchmark of Almanac against its peers on issue #14's workload shapes, printing
 * wall time, CPU time (user + system of the child process, all threads) and peak resident memory
 * of each, with their ratio:
 *
 *   1. drift, numeric: two numeric columns of 3,000,000 rows a side in CSV (`normal`: a standard
 *      normal, the current side shifted by 0.05; `heavy`: a Pareto(1.5) tail rounded to one
 *      decimal, so heavy-tailed with many ties), ks + psi + jensenshannon + wasserstein_norm;
 *      peer: scripts/bench-drift-pandas.py (pandas + scipy, Evidently's arithmetic);
 *   2. drift, mixed: flights-3m (vega-datasets) split at 2001-04-01 12:00, as scripts/bench-drift.ts,
 *      the same numeric tests plus chisquare + psi + jensenshannon on the categories; same peer;
 *   3. evaluate: 1,000,000 binary predictions with one sensitive column (`almanac evaluate --task
 *      binary-classification`: all metrics, bootstrap intervals, fairness); peer:
 *      scripts/bench-evaluate-sklearn.py (pandas + scikit-learn, the same metrics overall and per
 *      group, no intervals), with the predictions in the truth's row order and (3b) shuffled.
 *
 * The drift shapes also time their floor (scripts/bench-floor.ts: Node and DuckDB parsing the two
 * CSVs once, counting the values and nothing more).
 *
 * Almanac runs as an installed package runs it (`--cli installed`, the default): the compiled CLI
 * that `npm run build:cli` writes to dist/cli (rebuilt first), which is what `npx almanac` runs
 * from node_modules; `--cli source` runs the TypeScript sources as a checkout does (bin/almanac.ts).
 *
 * Run: node scripts/bench-peers.ts [--runs N] [--only numeric|flights|evaluate] [--cli installed|source]
 * Inputs are generated deterministically (hash-based uniforms, no random state) once into
 * $ALMANAC_BENCH_DIR or <tmp>/almanac-bench. Each measurement is taken N times (default 3) with
 * Almanac and the peer alternating, and the median printed. The machines are shared: absolute
 * figures move with other people's load; ratios from the same alternating run are the fair figure.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { withDatabase } from "../core/data/duckdb.ts";
import { buildCli } from "./build-cli.ts";

const ROWS = 3_000_000;
const EVALUATION_ROWS = 1_000_000;
const FLIGHTS = "node_modules/vega-datasets/data/flights-3m.parquet";
const SPLIT = "TIMESTAMP '2001-04-01 12:00:00'";
const NUMERIC_TESTS = "ks,psi,jensenshannon,wasserstein_norm";
const CATEGORICAL_TESTS = "chisquare,psi,jensenshannon";
const dir = process.env.ALMANAC_BENCH_DIR ?? join(tmpdir(), "almanac-bench");
const flag = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const RUNS = Number(flag("--runs") ?? 3);
const ONLY = flag("--only");
const CLI_FORM = flag("--cli") ?? "installed";
if (CLI_FORM !== "installed" && CLI_FORM !== "source")
  throw new Error(`--cli ${CLI_FORM}: expected installed or source`);

interface Measured {
  seconds: number;
  /** User + system CPU seconds of the child (all threads). */
  cpu: number;
  peakMb: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time -v: wall seconds, CPU seconds and peak resident set size. */
function measure(command: string, args: string[]): Measured {
  const result = spawnSync("/usr/bin/time", ["-v", command, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
  if (!wall || !rss || !user || !system) throw new Error(`cannot read /usr/bin/time output:\n${result.stderr}`);
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
  return {
    seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    cpu: Number(user[1]) + Number(system[1]),
    peakMb: Number(rss[1]) / 1024,
    stdout: result.stdout,
  };
}

/** A uniform in (0, 1) from the hash of an integer expression: the same on every run and thread count. */
const uniform = (expression: string) => `((hash(${expression}) % 1000000007) + 0.5) / 1000000007.0`;

/** Writes the inputs that are missing (once per cache folder). */
async function prepare(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const statements: string[] = [];
  for (const [side, shift, offset] of [
    ["reference", 0, 0],
    ["current", 0.05, ROWS],
  ] as const) {
    const numeric = join(dir, `numeric-${side}.csv`);
    if (!existsSync(numeric)) {
      // Box–Muller for the normal column; an inverse-CDF Pareto(1.5) rounded to 0.1 for the heavy one.
      const normal = `sqrt(-2 * ln(${uniform("2 * i")})) * cos(2 * pi() * ${uniform("2 * i + 1")}) + ${shift}`;
      const heavy = `round(pow(${uniform(`i + ${4 * ROWS}`)}, -1 / 1.5) * (1 + ${shift}), 1)`;
      statements.push(
        `COPY (SELECT ${normal} AS normal, ${heavy} AS heavy FROM range(${offset}, ${offset + ROWS}) t(i)) TO '${numeric}' (FORMAT csv, HEADER true)`,
      );
    }
    const flights = join(dir, `flights-${side}.csv`);
    if (!existsSync(flights))
      statements.push(
        `COPY (SELECT delay, distance, origin, destination FROM read_parquet('${FLIGHTS}') WHERE date ${side === "reference" ? "<" : ">="} ${SPLIT}) TO '${flights}' (FORMAT csv, HEADER true)`,
      );
  }
  const truth = join(dir, "evaluate-truth.csv");
  const predictions = join(dir, "evaluate-predictions.csv");
  const shuffled = join(dir, "evaluate-predictions-shuffled.csv");
  if (!existsSync(truth) || !existsSync(predictions) || !existsSync(shuffled)) {
    // A decent classifier: the true class's raw score gets +0.8, both rounded to 0.001, then normalised.
    const rows = [
      `SELECT i AS row_id, CASE WHEN ${uniform(`i + ${10 * ROWS}`)} < 0.5 THEN 'c00' ELSE 'c01' END AS target,`,
      `  ['north', 'south', 'east'][1 + (hash(i + ${11 * ROWS}) % 3)::INTEGER] AS region,`,
      `  round(${uniform(`i + ${12 * ROWS}`)} * 1000) / 1000 + 0.001 AS r0, round(${uniform(`i + ${13 * ROWS}`)} * 1000) / 1000 + 0.001 AS r1`,
      `FROM range(${EVALUATION_ROWS}) t(i)`,
    ].join("\n");
    const scored = `SELECT row_id, target, region, r0 + CASE WHEN target = 'c00' THEN 0.8 ELSE 0 END AS s0, r1 + CASE WHEN target = 'c01' THEN 0.8 ELSE 0 END AS s1 FROM (${rows})`;
    statements.push(`CREATE TABLE evaluation AS ${scored}`);
    statements.push(
      `COPY (SELECT row_id, target, region FROM evaluation ORDER BY row_id) TO '${truth}' (FORMAT csv, HEADER true)`,
    );
    statements.push(
      `COPY (SELECT row_id, CASE WHEN s1 > s0 THEN 'c01' ELSE 'c00' END AS prediction, s0 / (s0 + s1) AS p_c00, s1 / (s0 + s1) AS p_c01 FROM evaluation ORDER BY row_id) TO '${predictions}' (FORMAT csv, HEADER true)`,
    );
    // The same rows in another order: what a predictions file not echoing the truth's order costs.
    statements.push(
      `COPY (SELECT * FROM read_csv('${predictions}', all_varchar = true) ORDER BY hash(row_id)) TO '${shuffled}' (FORMAT csv, HEADER true)`,
    );
  }
  if (statements.length === 0) return;
  console.log(`writing the benchmark inputs to ${dir} (once)…`);
  await withDatabase(async (db) => {
    for (const sql of statements) await db.run(sql);
  });
}

/** The run with the median wall time, and the medians of CPU and peak memory over the runs. */
function median(runs: Measured[]): Measured {
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const byWall = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)] as Measured;
  return {
    seconds: byWall.seconds,
    cpu: middle(runs.map((run) => run.cpu)),
    peakMb: middle(runs.map((run) => run.peakMb)),
    stdout: byWall.stdout,
  };
}

function line(label: string, m: Measured): string {
  return `  ${label.padEnd(34)} ${m.seconds.toFixed(2).padStart(6)} s wall ${m.cpu.toFixed(2).padStart(6)} s CPU ${m.peakMb.toFixed(0).padStart(6)} MB peak RSS`;
}

/**
 * Runs both commands RUNS times, alternating (with the floor, when given, a third), and prints
 * their medians and ratios.
 */
function compare(
  title: string,
  ours: [string, string[]],
  theirs: [string, string, string[]],
  floor?: string[],
): [Measured, Measured] {
  const oursRuns: Measured[] = [];
  const theirsRuns: Measured[] = [];
  const floorRuns: Measured[] = [];
  for (let run = 0; run < RUNS; run++) {
    oursRuns.push(measure(process.execPath, [almanacCli, ...ours[1]]));
    theirsRuns.push(measure(theirs[1], theirs[2]));
    if (floor) floorRuns.push(measure(process.execPath, ["scripts/bench-floor.ts", ...floor]));
  }
  const a = median(oursRuns);
  const b = median(theirsRuns);
  console.log(title);
  console.log(line(`almanac ${ours[0]}`, a));
  console.log(line(theirs[0], b));
  if (floor) console.log(line("floor: DuckDB parsing both CSVs", median(floorRuns)));
  console.log(
    `  ratio (peer / almanac): ${(b.seconds / a.seconds).toFixed(2)}× wall, ${(b.cpu / a.cpu).toFixed(2)}× CPU, ${(b.peakMb / a.peakMb).toFixed(2)}× peak RSS`,
  );
  return [a, b];
}

/** Largest relative difference between Almanac's drift statistics and the peer's. */
function driftAgreement(almanacJson: string, peerJson: string): string {
  const report = JSON.parse(almanacJson) as { columns: Array<{ column: string; test: string; statistic: number }> };
  const peer = (JSON.parse(peerJson) as { columns: Record<string, Record<string, { statistic: number }>> }).columns;
  let worst = 0;
  for (const result of report.columns) {
    const expected = peer[result.column]?.[result.test]?.statistic;
    if (expected === undefined) throw new Error(`the peer has no ${result.test} for ${result.column}`);
    worst = Math.max(worst, Math.abs(result.statistic - expected) / Math.max(1, Math.abs(expected)));
  }
  return `  largest relative difference of a statistic, almanac vs peer: ${worst.toExponential(1)}`;
}

/** Largest difference between Almanac's metrics and scikit-learn's, overall and per group (accuracy). */
function evaluationAgreement(almanacJson: string, peerJson: string): string {
  const report = JSON.parse(almanacJson) as {
    metrics: Record<string, { value: number | null }>;
    fairness: Record<string, { groups: Array<{ group: string; metrics: Record<string, number | null> }> }>;
  };
  const peer = (
    JSON.parse(peerJson) as {
      metrics: { overall: Record<string, unknown>; by_region: Record<string, Record<string, unknown>> };
    }
  ).metrics;
  const pairs: Array<[string, number | null | undefined, unknown]> = Object.entries(report.metrics)
    .filter(([name]) => typeof peer.overall[name] === "number")
    .map(([name, metric]) => [name, metric.value, peer.overall[name]]);
  for (const group of report.fairness.region?.groups ?? [])
    pairs.push([`accuracy of ${group.group}`, group.metrics.accuracy, peer.by_region[group.group]?.accuracy]);
  let worst = 0;
  for (const [name, ours, theirs] of pairs) {
    if (typeof ours !== "number" || typeof theirs !== "number") throw new Error(`${name}: ${ours} vs ${theirs}`);
    worst = Math.max(worst, Math.abs(ours - theirs));
  }
  return `  largest difference of ${pairs.length} metrics (overall and per group), almanac vs scikit-learn: ${worst.toExponential(1)}`;
}

/**
 * The command that runs Almanac: as installed, a launcher doing what bin/almanac.js does under
 * node_modules (the compile cache on, then dist/cli/almanac.js), after rebuilding dist/cli;
 * from source, bin/almanac.ts.
 */
async function cliCommand(): Promise<string> {
  if (CLI_FORM === "source") return "bin/almanac.ts";
  await buildCli();
  const launcher = join(dir, "almanac-installed.mjs");
  const compiled = pathToFileURL(join(import.meta.dirname, "../dist/cli/almanac.js")).href;
  writeFileSync(
    launcher,
    `import { enableCompileCache } from "node:module";\nenableCompileCache();\nconst { main } = await import(${JSON.stringify(compiled)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  return launcher;
}

await prepare();
const almanacCli = await cliCommand();
console.log(
  CLI_FORM === "installed"
    ? "almanac: the compiled CLI an installed package runs (dist/cli, rebuilt now)"
    : "almanac: the TypeScript sources (bin/almanac.ts)",
);
console.log(
  `load average before the runs: ${loadavg()
    .map((load) => load.toFixed(1))
    .join(" ")}; medians of ${RUNS} alternating runs each (wall and its run; CPU and RSS medians)`,
);
console.log(
  "The machine is shared: absolute times move with other jobs' load; the ratios, measured alternately in this run, are the comparable figure.",
);
const drift = (name: string) => {
  const files = ["--reference", join(dir, `${name}-reference.csv`), "--current", join(dir, `${name}-current.csv`)];
  return [
    ["drift", ["drift", ...files, "--num-test", NUMERIC_TESTS, "--cat-test", CATEGORICAL_TESTS, "--json"]],
    ["pandas + scipy", "/usr/bin/python3", ["scripts/bench-drift-pandas.py", files[1] as string, files[3] as string]],
  ] as const;
};
if (!ONLY || ONLY === "numeric") {
  const [ours, theirs] = drift("numeric");
  const [a, b] = compare(
    `1. drift, numeric: 2 columns (normal shifted 0.05; heavy-tailed Pareto with ties), ${ROWS.toLocaleString("en")} rows a side, CSV; ${NUMERIC_TESTS}`,
    [ours[0], [...ours[1]]],
    [theirs[0], theirs[1], [...theirs[2]]],
    [theirs[2][1] as string, theirs[2][2] as string],
  );
  console.log(driftAgreement(a.stdout, b.stdout));
}
if (!ONLY || ONLY === "flights") {
  const [ours, theirs] = drift("flights");
  const [a, b] = compare(
    "2. drift, mixed: flights-3m CSV (1,483,920 / 1,516,080 rows; 2 numeric, 2 categorical columns)",
    [ours[0], [...ours[1]]],
    [theirs[0], theirs[1], [...theirs[2]]],
    [theirs[2][1] as string, theirs[2][2] as string],
  );
  console.log(driftAgreement(a.stdout, b.stdout));
}
if (!ONLY || ONLY === "evaluate") {
  const truth = join(dir, "evaluate-truth.csv");
  const evaluation = (predictions: string): [[string, string[]], [string, string, string[]]] => [
    [
      "evaluate",
      ["evaluate", "--task", "binary-classification", "--truth", truth, "--predictions", predictions].concat([
        "--sensitive",
        "region",
        "--json",
      ]),
    ],
    ["pandas + scikit-learn", "/usr/bin/python3", ["scripts/bench-evaluate-sklearn.py", truth, predictions]],
  ];
  const [a, b] = compare(
    `3. evaluate: ${EVALUATION_ROWS.toLocaleString("en")} binary rows, 1 sensitive column (almanac: all metrics + intervals + fairness; peer: metrics overall and per group, no intervals)`,
    ...evaluation(join(dir, "evaluate-predictions.csv")),
  );
  console.log(evaluationAgreement(a.stdout, b.stdout));
  compare(
    "3b. the same, the predictions in another row order than the truth's (almanac loads, checks and joins them by key)",
    ...evaluation(join(dir, "evaluate-predictions-shuffled.csv")),
  );
}
