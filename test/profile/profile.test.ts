import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VALUE_COUNTS_MAX_DISTINCT } from "../../core/profile/profile-table.ts";
import { type Profile, ProfileSchema } from "../../core/schemas/profile.ts";
import { runCli } from "../support/tiny-repo.ts";

let dir: string;
let repo: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "almanac-profile-"));
  repo = mkdtempSync(join(tmpdir(), "almanac-profile-repo-"));
  cpSync(resolve("datasets/penguins"), join(repo, "datasets/penguins"), { recursive: true });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
});

/** numpy.quantile (type 7) of raw values, the reference the profile must match exactly. */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(sorted.length - 1, below + 1)] as number;
  return low + (high - low) * (position - below);
}

function write(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

async function profile(args: string[]): Promise<Profile> {
  const run = await runCli(["profile", ...args, "--json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return ProfileSchema.parse(JSON.parse(run.stdout));
}

/** A small sample: x numbers (one missing, one NaN-free), c categories. */
const rows = Array.from(
  { length: 60 },
  (_, i) => `${i === 7 ? "" : ((i * 37) % 23) / 4},${["a", "b", "b", "c"][i % 4]}`,
);

describe("almanac profile --file", () => {
  it("profiles every column: counts, nulls, distinct, range, moments, quantiles, histogram, top values", async () => {
    const result = await profile(["--file", write("sample.csv", ["x,c", ...rows])]);
    const values = rows
      .map((row) => row.split(",")[0] as string)
      .filter((cell) => cell !== "")
      .map(Number);
    const sorted = [...values].sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const [x, c] = result.columns;
    expect(result.rows).toBe(60);
    expect(x).toMatchObject({
      name: "x",
      type: "number",
      count: 59,
      nulls: 1,
      distinct: new Set(values).size,
      distinct_method: "exact",
      min: sorted[0],
      max: sorted.at(-1),
    });
    expect(x?.mean).toBeCloseTo(mean, 13);
    expect(x?.std).toBeCloseTo(Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length), 13);
    expect(Object.values(x?.quantiles ?? {})).toEqual(
      [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map((q) => quantile(sorted, q)),
    );
    expect(x?.histogram?.counts.reduce((a, b) => a + b, 0)).toBe(59);
    expect(x?.histogram?.width).toBe(0.25);
    expect(c).toMatchObject({
      name: "c",
      type: "category",
      count: 60,
      distinct: 3,
      top: {
        values: [
          { value: "b", count: 30 },
          { value: "a", count: 15 },
          { value: "c", count: 15 },
        ],
        rest: 0,
        complete: true,
      },
    });
  });

  it("profiles numbers with more distinct values than VALUE_COUNTS_MAX_DISTINCT by SQL aggregates, exactly", async () => {
    const n = Math.round(VALUE_COUNTS_MAX_DISTINCT * 1.3);
    const values = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / 8 + 0.0625);
    const result = await profile(["--file", write("many.csv", ["v", ...values.map(String)])]);
    const sorted = [...values].sort((a, b) => a - b);
    const [v] = result.columns;
    expect(v?.distinct_method).toBe("estimate");
    expect(v?.count).toBe(n);
    // DuckDB's quantile_cont interpolates with other float operations than numpy: equal to the last ulps.
    const expected = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map((q) => quantile(sorted, q));
    Object.values(v?.quantiles ?? {}).forEach((value, i) => {
      expect(Math.abs((value as number) - (expected[i] as number))).toBeLessThanOrEqual(
        1e-12 * (expected[i] as number),
      );
    });
    expect(v?.histogram?.counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(v?.moments?.sum).toBe(values.reduce((a, b) => a + b, 0));
  });

  it("merges shard profiles into the profile of the whole: exact counts, moments, histograms and values", async () => {
    const whole = await profile(["--file", write("whole.csv", ["x,c", ...rows])]);
    const first = write("part-1.json", [
      JSON.stringify(await profile(["--file", write("part-1.csv", ["x,c", ...rows.slice(0, 25)])])),
    ]);
    const second = write("part-2.json", [
      JSON.stringify(await profile(["--file", write("part-2.csv", ["x,c", ...rows.slice(25)])])),
    ]);
    const merged = await profile(["--merge", first, second]);
    expect(merged.rows).toBe(60);
    expect(merged.merged_from).toBe(2);
    const [x, c] = merged.columns;
    const [wx, wc] = whole.columns;
    expect([x?.count, x?.nulls, x?.min, x?.max, x?.distinct]).toEqual([
      wx?.count,
      wx?.nulls,
      wx?.min,
      wx?.max,
      wx?.distinct,
    ]);
    expect(x?.moments?.count).toBe(wx?.moments?.count);
    expect(x?.moments?.sum).toBeCloseTo(wx?.moments?.sum as number, 12);
    expect(x?.moments?.m2).toBeCloseTo(wx?.moments?.m2 as number, 10);
    expect(x?.histogram).toEqual(wx?.histogram);
    expect(x?.sketch).toEqual(wx?.sketch);
    expect(x?.quantiles_method).toBe("sketch");
    const sorted = rows
      .map((row) => row.split(",")[0] as string)
      .filter((cell) => cell !== "")
      .map(Number)
      .sort((a, b) => a - b);
    [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99].forEach((q, i) => {
      const k = Math.floor((sorted.length - 1) * q);
      const bound = 0.005 * Math.max(Math.abs(sorted[k] as number), Math.abs(sorted[k + 1] as number));
      const exact = Object.values(wx?.quantiles ?? {})[i] as number;
      expect(Math.abs((Object.values(x?.quantiles ?? {})[i] as number) - exact)).toBeLessThanOrEqual(bound + 1e-15);
    });
    // Profiles written before sketches: quantiles from the merged histogram, within one bin width.
    const strip = (path: string, name: string) => {
      const old = JSON.parse(readFileSync(path, "utf8")) as Profile;
      for (const column of old.columns) delete column.sketch;
      return write(name, [JSON.stringify(old)]);
    };
    const [oldX] = (await profile(["--merge", strip(first, "old-1.json"), strip(second, "old-2.json")])).columns;
    expect(oldX?.quantiles_method).toBe("histogram");
    for (const key of ["p5", "p50", "p95"] as const)
      expect(Math.abs((oldX?.quantiles?.[key] as number) - (wx?.quantiles?.[key] as number))).toBeLessThanOrEqual(
        wx?.histogram?.width as number,
      );
    expect(c?.top).toEqual(wc?.top);
  });

  it("refuses a glob matching nothing, a second mode, and merging fewer than two profiles", async () => {
    expect((await runCli(["profile", "--file", join(dir, "none-*.parquet")])).stderr).toMatch(
      /the glob .*none-\*\.parquet matches no files/,
    );
    expect((await runCli(["profile", "penguins", "--file", "x.csv"])).stderr).toContain(
      "give one of: a dataset id, --file PATH_OR_GLOB, or --merge",
    );
    const one = await runCli([
      "profile",
      "--merge",
      write("one.json", [JSON.stringify(await profile(["--file", join(dir, "sample.csv")]))]),
    ]);
    expect([one.code, one.stderr]).toEqual([
      2,
      "error --merge needs at least two profiles\n  hint: e.g. almanac profile --merge a.json b.json\n",
    ]);
    const notProfile = await runCli(["profile", "--merge", write("a.json", ["{}"]), write("b.json", ["{}"])]);
    expect(notProfile.code).toBe(1);
    expect(notProfile.stderr).toMatch(/a\.json is not an Almanac profile: apiVersion/);
  });
});

describe("almanac profile <dataset>", () => {
  it("writes reports/profiles/<dataset>/<version>.json with the manifest's types, reproducibly", async () => {
    const run = await runCli(["profile", "penguins", "--root", repo]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("penguins 1.0.0: 344 rows, 8 columns");
    expect(run.stdout).toContain("wrote reports/profiles/penguins/1.0.0.json");
    const path = join(repo, "reports/profiles/penguins/1.0.0.json");
    const text = readFileSync(path, "utf8");
    const written = ProfileSchema.parse(JSON.parse(text));
    expect(written).toMatchObject({
      $schema: "../../../schemas/profile.schema.json",
      dataset: "penguins",
      version: "1.0.0",
      source: { files: ["datasets/penguins/data/penguins.csv"], format: "csv" },
    });
    expect(written.columns.find((column) => column.name === "sex")).toMatchObject({
      type: "category",
      count: 333,
      nulls: 11,
      distinct: 2,
    });
    expect(written.columns.find((column) => column.name === "body_mass_g")).toMatchObject({
      type: "integer",
      count: 342,
      nulls: 2,
      min: 2700,
      max: 6300,
    });
    await runCli(["profile", "penguins", "--root", repo]);
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("takes the version with = (a bare --version is Almanac's) and refuses another version", async () => {
    const run = await runCli(["profile", "penguins", "--root", repo, "--version=2.0.0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error dataset penguins is at version 1.0.0 in this checkout, not 2.0.0\n  hint: profile it as 1.0.0, or check out the commit of version 2.0.0 first\n",
    );

    expect((await runCli(["profile", "penguins@1.0.0", "--root", repo, "--out", join(dir, "p.json")])).code).toBe(0);
  });

  it("profiles a shard of a dataset by its manifest's files, and names why a single CSV cannot be cut in two", async () => {
    const out = join(dir, "penguins-shard.json");
    const run = await runCli(["profile", "penguins", "--root", repo, "--shard", "1/1", "--out", out]);
    expect(run.code).toBe(0);
    const shard = ProfileSchema.parse(JSON.parse(readFileSync(out, "utf8")));
    expect([shard.rows, shard.shard, shard.source.files]).toEqual([
      344,
      { index: 1, count: 1, by: "files" },
      ["datasets/penguins/data/penguins.csv"],
    ]);
    const two = await runCli(["profile", "penguins", "--root", repo, "--shard", "2/2"]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain("datasets/penguins/dataset.yaml has 1 CSV file, fewer than the 2 shards");
  });
});
