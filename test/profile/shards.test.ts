import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../core/data/duckdb.ts";
import { parseShard, shardFileIndexes } from "../../core/profile/shard.ts";
import { DriftReportSchema } from "../../core/schemas/drift-report.ts";
import { type Profile, ProfileSchema } from "../../core/schemas/profile.ts";
import { checkMergedProfile, writeShardFiles } from "../../scripts/shard-data.ts";
import { runCli } from "../support/tiny-repo.ts";

// A smaller version of scripts/bench-shards.ts: 3,000,000 generated rows in 4 Parquet files,
// profiled shard by shard, merged, and checked against DuckDB over all the files.
const ROWS = 3_000_000;
const SHARDS = 4;

let dir: string;
let db: Database;
let files: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "almanac-shards-"));
  db = await openDatabase();
  files = await writeShardFiles(db, dir, ROWS, SHARDS);
}, 60_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  return runCli(args);
}

async function profileShards(glob: string, count: number, prefix: string): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 1; i <= count; i++) {
    const out = join(dir, `${prefix}-${i}.json`);
    const run = await cli(["profile", "--file", glob, "--shard", `${i}/${count}`, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    paths.push(out);
  }
  return paths;
}

const read = (path: string): Profile => ProfileSchema.parse(JSON.parse(readFileSync(path, "utf8")));

describe("--shard i/n", () => {
  it("parses i/n and refuses anything else, naming the flag", async () => {
    expect(parseShard("3/10")).toEqual({ index: 3, count: 10 });
    for (const bad of ["0/4", "5/4", "1", "a/b", "1/0"])
      expect(() => parseShard(bad)).toThrow(`--shard ${bad} is not a shard`);
    const run = await cli(["profile", "--file", files[0] as string, "--shard", "4/3"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--shard 4/3 is not a shard");
    expect(run.stderr).toContain("expected i/n with 1 ≤ i ≤ n");
  });

  it("cuts a file list into contiguous blocks that cover every file once", () => {
    for (const [fileCount, count] of [
      [10, 10],
      [23, 4],
      [4, 4],
      [7, 3],
    ] as const) {
      const all = Array.from({ length: count }, (_, i) => shardFileIndexes(fileCount, { index: i + 1, count })).flat();
      expect(all).toEqual(Array.from({ length: fileCount }, (_, i) => i));
    }
    expect(shardFileIndexes(23, { index: 2, count: 4 })).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it("refuses to split one CSV by rows, and says how to shard it", async () => {
    const csv = join(dir, "one.csv");
    writeFileSync(csv, "x\n1\n2\n3\n");
    const run = await cli(["profile", "--file", csv, "--shard", "1/2"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has 1 CSV file, fewer than the 2 shards");
    expect(run.stderr).toContain("split it into at least 2 files");
  });
});

describe("shard profiles merged equal the profile of the whole (3,000,000 rows, real DuckDB)", () => {
  let merged: Profile;

  beforeAll(async () => {
    const shards = await profileShards(join(dir, "part-*.parquet"), SHARDS, "files");
    expect(read(shards[1] as string).shard).toEqual({ index: 2, count: 4, by: "files" });
    expect(read(shards[1] as string).source.files).toEqual([files[1]]);
    const out = join(dir, "merged.json");
    const run = await cli(["profile", "--merge", ...shards, "--out", out]);
    expect(run.code).toBe(0);
    merged = read(out);
  }, 120_000);

  it("counts, nulls, min, max, histograms, sketches and top values exact; moments to 1e-9; quantiles within the sketch's error", async () => {
    const check = await checkMergedProfile(db, files, merged);
    expect(check.rows).toBe(ROWS);
    expect(check.rowsExact).toBe(true);
    expect(check.columns.map((column) => column.column)).toEqual(["x", "amount", "k", "cat"]);
    for (const column of check.columns) {
      expect(column.countsExact, column.column).toBe(true);
      if (column.column === "cat") continue;
      expect(column.momentsError, column.column).toBeLessThan(1e-9);
      expect(column.histogramExact, column.column).toBe(true);
      expect(column.sketchExact, column.column).toBe(true);
      expect(column.quantileErrorRatio, column.column).toBeLessThanOrEqual(1);
      expect(column.quantileRelativeError, column.column).toBeGreaterThan(0);
    }
    const x = merged.columns[0];
    expect(x?.quantiles_method).toBe("sketch");
    expect(x?.sketch?.relative_accuracy).toBe(0.005);
    expect(x?.nulls).toBeGreaterThan(0);
  });

  it("the exact quantiles the check compares with are DuckDB's quantile_cont", async () => {
    const check = await checkMergedProfile(db, files, merged);
    const [row] = await db.all(
      `SELECT quantile_cont(x, [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]) AS x, quantile_cont(amount, [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]) AS amount FROM read_parquet('${dir}/part-*.parquet')`,
    );
    for (const name of ["x", "amount"]) {
      const exact = check.columns.find((column) => column.column === name)?.exactQuantiles as number[];
      const duckdb = row?.[name] as number[];
      expect(duckdb).toHaveLength(7);
      duckdb.forEach((value, i) => {
        expect(Math.abs((exact[i] as number) - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(value)));
      });
    }
  });

  it("shards by rows of one Parquet file merge to the same profile as shards by files", async () => {
    const one = join(dir, "one.parquet");
    await db.run(`COPY (SELECT * FROM read_parquet('${dir}/part-*.parquet')) TO '${one}' (FORMAT parquet)`);
    const shards = await profileShards(one, 3, "rows");
    expect(read(shards[0] as string).shard).toEqual({ index: 1, count: 3, by: "rows" });
    const out = join(dir, "merged-rows.json");
    expect((await cli(["profile", "--merge", ...shards, "--out", out])).code).toBe(0);
    const byRows = read(out);
    expect(byRows.rows).toBe(ROWS);
    byRows.columns.forEach((column, i) => {
      const other = merged.columns[i] as Profile["columns"][number];
      expect([column.count, column.nulls, column.min, column.max]).toEqual([
        other.count,
        other.nulls,
        other.min,
        other.max,
      ]);
      expect(column.sketch).toEqual(other.sketch);
      expect(column.histogram).toEqual(other.histogram);
      expect(column.top).toEqual(other.top);
      if (column.moments) expect(column.moments.sum).toBeCloseTo(other.moments?.sum as number, 6);
    });
  }, 120_000);

  it("refuses a merge with a shard missing or given twice, naming it", async () => {
    const paths = [1, 2, 3, 4].map((i) => join(dir, `files-${i}.json`));
    const missing = await cli(["profile", "--merge", paths[0] as string, paths[1] as string, paths[3] as string]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("shard 3/4 missing from the merge");
    const twice = await cli(["profile", "--merge", ...paths, paths[2] as string]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`shard 3/4 is given twice: ${paths[2]} and ${paths[2]}`);
  });
});

describe("almanac drift --reference-profile --current-profile", () => {
  let reference: string;
  let current: string;
  let same: string;

  beforeAll(async () => {
    const sub = join(dir, "drift");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(sub);
    await writeShardFiles(db, sub, 200_000, 2, { prefix: "ref" });
    await writeShardFiles(db, sub, 100_000, 2, { prefix: "cur", shift: 0.1 });
    const profiles = async (prefix: string) => {
      const shards: string[] = [];
      for (const i of [1, 2]) {
        const out = join(sub, `${prefix}-shard-${i}.json`);
        expect(
          (await cli(["profile", "--file", join(sub, `${prefix}-*.parquet`), "--shard", `${i}/2`, "--out", out])).code,
        ).toBe(0);
        shards.push(out);
      }
      const out = join(sub, `${prefix}.json`);
      expect((await cli(["profile", "--merge", ...shards, "--out", out])).code).toBe(0);
      return out;
    };
    reference = await profiles("ref");
    current = await profiles("cur");
    same = join(sub, "ref-shard-1.json");
  }, 120_000);

  it("finds the shifted column from the two merged profiles, with the KS statistic's bounds around the raw value", async () => {
    const run = await cli([
      "drift",
      "--reference-profile",
      reference,
      "--current-profile",
      current,
      "--test",
      "ks,wasserstein,psi,chisquare",
      "--json",
    ]);
    expect(run.code).toBe(1);
    const report = DriftReportSchema.parse(JSON.parse(run.stdout));
    expect(report.reference).toEqual({ source: reference, kind: "profile", rows: 200_000 });
    expect(report.current.rows).toBe(100_000);
    const ks = report.columns.find((result) => result.column === "x" && result.test === "ks");
    expect(ks?.drifted).toBe(true);
    expect(ks?.binning).toMatch(/^ECDFs compared at the bounds of the quantile sketches' \d+ log buckets/);
    const defaults = DriftReportSchema.parse(
      JSON.parse(
        (await cli(["drift", "--reference-profile", reference, "--current-profile", current, "--json"])).stdout,
      ),
    );
    expect(defaults.columns.find((result) => result.column === "x")?.reason).toMatch(
      /from a profile, Kolmogorov–Smirnov on the ECDFs at the bounds of the quantile sketches' \d+ log buckets/,
    );
    // The raw KS statistic of x, from DuckDB's sorted values.
    const dir2 = join(dir, "drift");
    const values = async (prefix: string) =>
      (await db.columns(`SELECT x FROM read_parquet('${dir2}/${prefix}-*.parquet') WHERE x IS NOT NULL ORDER BY x`))
        .x as number[];
    const [a, b] = [await values("ref"), await values("cur")];
    let i = 0;
    let j = 0;
    let d = 0;
    while (i < a.length || j < b.length) {
      const v =
        j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number)) ? (a[i] as number) : (b[j] as number);
      while (i < a.length && a[i] === v) i++;
      while (j < b.length && b[j] === v) j++;
      d = Math.max(d, Math.abs(i / a.length - j / b.length));
    }
    const bounds = /lies in \[([\d.e-]+), ([\d.e-]+)\]/.exec((ks?.warnings ?? []).join(" "));
    expect(Number(bounds?.[1])).toBeLessThanOrEqual(d);
    expect(Number(bounds?.[2])).toBeGreaterThanOrEqual(d);
    const psi = report.columns.find((result) => result.column === "cat" && result.test === "psi");
    expect(psi?.binning).toBe("one bin per value of the reference profile (20 bins)");
    expect(report.notes?.[0]).toContain("Not computable from profiles");
    expect(report.columns.every((result) => result.computable !== false)).toBe(true);
  });

  it("names ks and Wasserstein not computable when a profile has no quantile sketch, and still runs the binned tests", async () => {
    const old = JSON.parse(readFileSync(current, "utf8")) as Profile;
    for (const column of old.columns) delete column.sketch;
    const path = join(dir, "drift", "no-sketch.json");
    writeFileSync(path, JSON.stringify(old));
    const run = await cli([
      "drift",
      "--reference-profile",
      reference,
      "--current-profile",
      path,
      "--columns",
      "x",
      "--test",
      "ks,wasserstein,psi",
    ]);
    expect(run.stdout).toMatch(/x\s+number\s+ks\s+.*not computable/);
    expect(run.stdout).toContain(
      "x ks: not computable from profiles: ks needs the raw values, or quantile sketches in both profiles",
    );
    expect(run.stdout).toMatch(/x\s+number\s+psi\s+[\d.e-]+/);
  });

  it("a shard against the whole it belongs to does not drift, and the flags must go together", async () => {
    const run = await cli(["drift", "--reference-profile", reference, "--current-profile", same]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("no dataset drift");
    const alone = await cli(["drift", "--reference-profile", reference]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--reference-profile and --current-profile go together");
  });
});
