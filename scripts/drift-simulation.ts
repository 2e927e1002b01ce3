/**
 * A null simulation of drift against a committed profile: a 30-column reference (normal,
 * log-normal, uniform and integer numbers; integer codes; categories from 2 to 60 values with
 * rare ones) is profiled once; then, trial after trial, a current sample is drawn from the
 * same distribution (or a shifted one) and compared with the profile as `almanac drift
 * --from-profile` does. The share of trials declaring dataset drift is the false-alarm rate
 * (same distribution) or the detection rate (shifted). Used by scripts/drift-false-alarms.ts
 * (the figures) and test/drift/profile-false-alarms.test.ts (a smaller run).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, withDatabase } from "../core/data/duckdb.ts";
import { quoteIdentifier, quoteLiteral } from "../core/data/sql.ts";
import { profileRequests } from "../core/drift/model-reference.ts";
import type { ColumnRequest } from "../core/drift/plan.ts";
import { compareWithProfile } from "../core/drift/profile-compare.ts";
import { buildReport } from "../core/drift/report.ts";
import { profileSource } from "../core/profile/profile-source.ts";
import type { Profile } from "../core/schemas/profile.ts";

/** One generated column: its SQL from uniform draws `u<i>` (and normals `z<i>`), and how it is compared. */
interface GeneratedColumn {
  name: string;
  kind: "numeric" | "categorical";
  type: string;
  /** SQL of the value given `u` (a uniform draw in [0, 1)) and `z` (a standard normal draw); `shift` moves the distribution. */
  sql: (u: string, z: string, shift: number) => string;
}

function numeric(name: string, sql: GeneratedColumn["sql"], type = "number"): GeneratedColumn {
  return { name, kind: "numeric", type, sql };
}

/** A category from cumulative shares; `shift` moves that much probability from the first category to the last. */
function categorical(name: string, weights: readonly number[]): GeneratedColumn {
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    name,
    kind: "categorical",
    type: "category",
    sql: (u, _z, shift) => {
      const shares = weights.map((w) => w / total);
      const moved = Math.min(shift, shares[0] as number);
      shares[0] = (shares[0] as number) - moved;
      shares[shares.length - 1] = (shares.at(-1) as number) + moved;
      let cumulative = 0;
      const cases = shares.slice(0, -1).map((share, i) => {
        cumulative += share;
        return `WHEN ${u} < ${cumulative} THEN ${quoteLiteral(`v${String(i).padStart(2, "0")}`)}`;
      });
      return `CASE ${cases.join(" ")} ELSE ${quoteLiteral(`v${String(shares.length - 1).padStart(2, "0")}`)} END`;
    },
  };
}

const zipf = (k: number, s = 1) => Array.from({ length: k }, (_, i) => 1 / (i + 1) ** s);

/** The 30 columns: 19 numeric (3 of them integer codes), 11 categorical. Shifts are in standard deviations or shares. */
export const COLUMNS: readonly GeneratedColumn[] = [
  ...[0, 1, 2, 3, 4, 5].map((i) =>
    numeric(`normal_${i}`, (_u, z, shift) => `round(${10 * i} + ${1 + i} * (${z} + ${shift}), ${i % 3})`),
  ),
  ...[0, 1, 2, 3].map((i) =>
    numeric(`lognormal_${i}`, (_u, z, shift) => `round(exp(${0.5 + i * 0.25} * (${z} + ${shift})), 2)`),
  ),
  ...[0, 1, 2].map((i) =>
    numeric(`uniform_${i}`, (u, _z, shift) => `round(${100 * (i + 1)} * (${u} + ${shift / 3.46}), 1)`),
  ),
  ...[0, 1, 2].map((i) =>
    numeric(
      `count_${i}`,
      (_u, z, shift) => `greatest(0, round(${20 * (i + 1)} + ${5 * (i + 1)} * (${z} + ${shift})))::BIGINT`,
      "integer",
    ),
  ),
  ...[3, 4, 5].map((k) =>
    numeric(`code_${k}`, (u, _z, shift) => `least(${k}, floor(${k} * ${u} + ${shift}) + 1)::BIGINT`, "integer"),
  ),
  categorical("binary", [0.7, 0.3]),
  categorical("three", [5, 3, 2]),
  categorical("five", zipf(5)),
  categorical("ten", zipf(10)),
  categorical("twenty", zipf(20)),
  categorical("thirty", zipf(30)),
  categorical("sixty", zipf(60, 1.2)),
  categorical("flat_eight", Array(8).fill(1)),
  categorical("rare_tail", [50, 30, 10, 5, 2, 1, 1, 0.5, 0.3, 0.2]),
  categorical("two_rare", [99, 0.5, 0.5]),
  categorical("twelve", zipf(12, 0.5)),
];

/** SQL creating `table` with `rows` draws of every column (uniform and normal draws per column, Box–Muller). */
export function sampleSql(table: string, rows: number, shift = 0): string {
  const draws = COLUMNS.flatMap((_, i) => [
    `random() AS u${i}`,
    `sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z${i}`,
  ]);
  const values = COLUMNS.map(
    (column, i) => `${column.sql(`u${i}`, `z${i}`, shift)} AS ${quoteIdentifier(column.name)}`,
  );
  return `CREATE OR REPLACE TABLE ${quoteIdentifier(table)} AS SELECT ${values.join(", ")} FROM (SELECT ${draws.join(", ")} FROM range(${rows}))`;
}

/** How the comparison picks its tests: Almanac's profile default, or the one it replaced (Jensen–Shannon ≥ 0.1 for numbers and large categories). */
export type Mode = "current" | "previous";

function requestsFor(mode: Mode): ColumnRequest[] {
  const requests: ColumnRequest[] = COLUMNS.map((column) => ({
    name: column.name,
    kind: column.kind,
    type: column.type,
  }));
  if (mode === "current") return profileRequests(requests);
  return requests.map((request) => ({
    ...request,
    fallback: (choice) =>
      ["ks", "wasserstein", "wasserstein_norm"].includes(choice.test)
        ? { test: "jensenshannon", reason: "previous profile default" }
        : choice,
  }));
}

/** Dataset-drift and column-drift rates over the trials of one current size. */
export interface SimulationRate {
  rows: number;
  trials: number;
  shift: number;
  mode: Mode;
  /** Trials whose report declares dataset drift. */
  datasetDrift: number;
  /** Drifted columns over all tested columns of all trials. */
  columnShare: number;
}

/** Profiles a reference of `referenceRows` draws (seeded) written to Parquet. */
export async function referenceProfile(referenceRows: number, seed: number): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), "almanac-null-"));
  try {
    const path = join(dir, "reference.parquet");
    await withDatabase(
      async (db) => {
        await db.run(`SELECT setseed(${seed})`);
        await db.run(sampleSql("reference", referenceRows));
        await db.run(`COPY reference TO ${quoteLiteral(path)} (FORMAT parquet)`);
      },
      { threads: 1 },
    );
    return await profileSource({ label: "reference", files: [path], format: "parquet" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function trial(db: Database, profile: Profile, rows: number, shift: number, mode: Mode) {
  await db.run(sampleSql("current", rows, shift));
  const labels = { reference: "profile", current: "sample" };
  const comparison = await compareWithProfile(db, "current", profile, labels, requestsFor(mode));
  const report = buildReport({
    date: "2024-01-01",
    reference: { source: "profile", kind: "profile", rows: profile.rows },
    current: { source: "sample", rows },
    columns: comparison.columns,
    schema_changes: [],
    null_rates: comparison.nullRates,
    new_categories: comparison.newCategories,
  });
  return { dataset: report.dataset_drift, drifted: report.drifted_columns, tested: COLUMNS.length };
}

/**
 * Runs `trials` comparisons of fresh current samples of `rows` rows with the profile, seeded
 * (DuckDB single-threaded, so the draws repeat), and returns the rates.
 */
export async function simulate(
  profile: Profile,
  options: { rows: number; trials: number; seed: number; shift?: number; mode?: Mode },
): Promise<SimulationRate> {
  const shift = options.shift ?? 0;
  const mode = options.mode ?? "current";
  return withDatabase(
    async (db) => {
      await db.run(`SELECT setseed(${options.seed})`);
      let datasetDrift = 0;
      let drifted = 0;
      let tested = 0;
      for (let t = 0; t < options.trials; t++) {
        const outcome = await trial(db, profile, options.rows, shift, mode);
        if (outcome.dataset) datasetDrift++;
        drifted += outcome.drifted;
        tested += outcome.tested;
      }
      return {
        rows: options.rows,
        trials: options.trials,
        shift,
        mode,
        datasetDrift: datasetDrift / options.trials,
        columnShare: drifted / tested,
      };
    },
    { threads: 1 },
  );
}
