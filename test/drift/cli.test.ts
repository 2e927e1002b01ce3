import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIFT_TEST_NAMES } from "../../core/drift/registry.ts";
import { DriftReportSchema } from "../../core/schemas/drift-report.ts";
import { runCli } from "../support/tiny-repo.ts";

let dir: string;
let repo: string;
const ROOT = resolve(".");

/** Writes a CSV in the temp folder and returns its path. */
function csv(name: string, header: string, rows: Array<string | number>): string {
  const path = join(dir, name);
  writeFileSync(path, [header, ...rows].map((line) => `${line}\n`).join(""));
  return path;
}

const sequence = (n: number, f: (i: number) => string | number) => Array.from({ length: n }, (_, i) => f(i));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "almanac-drift-cli-"));
  repo = mkdtempSync(join(tmpdir(), "almanac-drift-repo-"));
  cpSync(join(ROOT, "models/seattle-rain"), join(repo, "models/seattle-rain"), { recursive: true });
  cpSync(join(ROOT, "datasets/seattle-weather"), join(repo, "datasets/seattle-weather"), { recursive: true });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
});

describe("almanac drift --reference --current (ad hoc)", () => {
  it("reads the data as meant: labels keep their spelling, inf/NaN columns are numbers, ids are skipped", async () => {
    const row = (i: number, yes: string, no: string) =>
      `${i},${i % 3 ? yes : no},${i % 2 ? "t" : "f"},${i % 4 ? "01" : "00"},${i < 2 ? ["inf", "NaN"][i] : (i % 17) / 4}`;
    const header = "user_id,answer,flag,code,x";
    const reference = csv(
      "meant-ref.csv",
      header,
      sequence(120, (i) => row(i, "yes", "no")),
    );
    const current = csv(
      "meant-cur.csv",
      header,
      sequence(90, (i) => row(i + 1000, "Yes", "No")),
    );
    const run = await runCli(["drift", "--reference", reference, "--current", current, "--json"]);
    expect(run.stderr).toBe("");
    const report = DriftReportSchema.parse(JSON.parse(run.stdout));
    expect(report.columns.map((c) => [c.column, c.type, c.test, c.histogram?.labels.length])).toEqual([
      ["answer", "category", "chisquare", 4],
      ["flag", "category", "z", 2],
      ["code", "category", "z", 2],
      ["x", "number", "ks", 17],
    ]);
    expect(report.columns[0]?.histogram?.labels).toEqual(["No", "Yes", "no", "yes"]);
    expect(report.columns[1]?.histogram?.labels).toEqual(["f", "t"]);
    expect(report.columns[2]?.histogram?.labels).toEqual(["00", "01"]);
    // ±inf and NaN are missing values, as Evidently drops them: 2 of 120 reference rows.
    expect(report.columns[3]?.reference_rows).toBe(118);
    expect(report.new_categories).toEqual([{ column: "answer", values: ["Yes", "No"], count: 2, rows: 90 }]);
    expect(report.skipped).toEqual([
      {
        column: "user_id",
        reason:
          "id-like column (named like an id, all 120 reference values distinct): an id is not a feature; --include-ids or --columns compares it",
      },
    ]);
    const withIds = await runCli(["drift", "--reference", reference, "--current", current, "--include-ids", "--json"]);
    expect(DriftReportSchema.parse(JSON.parse(withIds.stdout)).columns[0]?.column).toBe("user_id");
  });

  it("prints the JSON the issue asks for and exits 1 when the dataset drifts", async () => {
    const reference = csv(
      "ref.csv",
      "x,c",
      sequence(200, (i) => `${i % 50},${i % 3 === 0 ? "a" : "b"}`),
    );
    const current = csv(
      "cur.csv",
      "x,c",
      sequence(150, (i) => `${(i % 50) + 20},${i % 3 === 0 ? "a" : "b"}`),
    );
    const run = await runCli(["drift", "--reference", reference, "--current", current, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const report = DriftReportSchema.parse(JSON.parse(run.stdout));
    expect(report.dataset_drift).toBe(true);
    expect(report.drift_share).toBe(0.5);
    const [x, c] = report.columns;
    expect(x).toMatchObject({
      column: "x",
      type: "integer",
      test: "ks",
      direction: "p_value",
      threshold: 0.05,
      drifted: true,
      reference_rows: 200,
      current_rows: 150,
      effect_size_name: "wasserstein_norm",
      method: "exact",
    });
    expect(x?.reason).toMatch(/^Evidently's default for a numeric column with 200 reference values/);
    expect(c).toMatchObject({ column: "c", type: "category", test: "z", direction: "p_value", drifted: false });
    expect(c?.p_value).toBeGreaterThan(0.05);
  });

  it("runs each --test on every column it applies to and exits 0 without drift", async () => {
    const reference = csv(
      "same-ref.csv",
      "x,c",
      sequence(100, (i) => `${i},${i % 2 ? "a" : "b"}`),
    );
    const current = csv(
      "same-cur.csv",
      "x,c",
      sequence(100, (i) => `${i},${i % 2 ? "a" : "b"}`),
    );
    const run = await runCli(["drift", "--reference", reference, "--current", current, "--test", "ks,psi", "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { columns: Array<{ column: string; test: string; statistic: number }> };
    expect(report.columns.map((r) => `${r.column}:${r.test}:${r.statistic}`)).toEqual(["x:ks:0", "x:psi:0", "c:psi:0"]);
  });

  it("prints a summary: the verdict, the table and why each test was chosen", async () => {
    const reference = csv(
      "h-ref.csv",
      "x",
      sequence(40, (i) => i),
    );
    const current = csv(
      "h-cur.csv",
      "x",
      sequence(40, (i) => i + 100),
    );
    const run = await runCli(["drift", "--reference", reference, "--current", current]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("drift in 1 of 1 column (share 1 ≥ 0.5): dataset drift");
    expect(lines[4]).toMatch(/^ {2}column +type +test +statistic +p-value +effect +threshold +result$/);
    expect(lines[5]).toMatch(/^ {2}x +integer +ks +1 +[0-9.e-]+ +W\/σ [0-9.]+ +p < 0.05 +drift$/);
    expect(run.stdout).toContain("why these tests:");
    expect(run.stdout).toMatch(/x ks: Evidently's default for a numeric column with 40 reference values/);
  });

  const bad: Array<[string, () => string[], RegExp]> = [
    [
      "an empty reference",
      () => ["--reference", csv("empty.csv", "x", []), "--current", csv("c1.csv", "x", [1, 2])],
      /the reference sample is empty \(.*empty\.csv\): there is nothing to compare/,
    ],
    [
      "a column missing on one side",
      () => [
        "--reference",
        csv("m-ref.csv", "x,y", ["1,2", "2,3"]),
        "--current",
        csv("m-cur.csv", "x", [1, 2]),
        "--columns",
        "x,y",
      ],
      /column "y" is missing from the current sample \(.*m-cur\.csv\)/,
    ],
    [
      "a column whose type differs",
      () => ["--reference", csv("t-ref.csv", "x", [1, 2, 3]), "--current", csv("t-cur.csv", "x", ["a", "b", "c"])],
      /column "x" is integer \(BIGINT\) in the reference .* but category \(VARCHAR\) in the current sample/,
    ],
    [
      "a column of nulls",
      () => [
        "--reference",
        csv("n-ref.csv", "x,y", ["1,2", "2,3"]),
        "--current",
        csv("n-cur.csv", "x,y", ["1,", "2,"]),
      ],
      /column "y" has no values in the current sample .*: all 2 rows are null/,
    ],
    [
      "a single value on both sides",
      () => ["--reference", csv("s-ref.csv", "x", [7, 7, 7]), "--current", csv("s-cur.csv", "x", [7, 7])],
      /column "x" holds a single value \(7\) in both/,
    ],
    [
      "a file that is not what its extension says",
      () => ["--reference", csv("fake.parquet", "x", [1, 2]), "--current", csv("c2.csv", "x", [1, 2])],
      /fake\.parquet is not a Parquet file: its content looks like text \(CSV\?\)/,
    ],
    [
      "a glob matching nothing",
      () => ["--reference", join(dir, "nothing-*.csv"), "--current", csv("c3.csv", "x", [1, 2])],
      /the glob .*nothing-\*\.csv matches no files/,
    ],
    [
      "an unknown test",
      () => ["--reference", csv("u-ref.csv", "x", [1, 2]), "--current", csv("u-cur.csv", "x", [1, 3]), "--test", "k-s"],
      /unknown drift test "k-s"\n {2}hint: did you mean "ks"\? available: ks, chisquare/,
    ],
    [
      "a threshold out of range",
      () => [
        "--reference",
        csv("r-ref.csv", "x", [1.5, 2.5, 3.5]),
        "--current",
        csv("r-cur.csv", "x", [1.5, 3.5, 4.5]),
        "--test",
        "ks",
        "--threshold",
        "1.5",
      ],
      /threshold 1\.5 for ks is out of range: expected a significance level/,
    ],
    [
      "a threshold that is not positive",
      () => [
        "--reference",
        csv("r2-ref.csv", "x", [1, 2]),
        "--current",
        csv("r2-cur.csv", "x", [1, 3]),
        "--threshold",
        "-1",
      ],
      /--threshold -1 is out of range/,
    ],
  ];
  for (const [what, args, message] of bad)
    it(`refuses ${what} with a clear message and exit 2`, async () => {
      const run = await runCli(["drift", ...args()]);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(run.code).toBe(2);
    });

  it("lists the known tests in its help", async () => {
    const run = await runCli(["drift", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\s+/g, " ")).toContain(DRIFT_TEST_NAMES.join(", "));
  });
});

describe("almanac drift <model>", () => {
  const report = (date: string) => join(repo, "reports/drift/seattle-rain", `${date}.json`);

  it("compares the training split with the card's current data and writes the report reproducibly", async () => {
    const first = await runCli(["drift", "seattle-rain", "--root", repo, "--date", "2016-01-01", "--json"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(1);
    const written = readFileSync(report("2016-01-01"), "utf8");
    const parsed = DriftReportSchema.parse(JSON.parse(written));
    expect(parsed).toMatchObject({
      model: "seattle-rain",
      date: "2016-01-01",
      reference: { kind: "raw", rows: 826 },
      current: {
        source: "datasets/seattle-weather/current/2015.csv",
        rows: 365,
        window: { start: "2015-01-01", end: "2016-01-01" },
      },
    });
    expect(parsed.columns.map((c) => `${c.column}:${c.test}`)).toEqual([
      "month:chisquare",
      "temp_max:wasserstein_norm",
      "temp_min:wasserstein_norm",
      "wind:ks",
    ]);
    expect(parsed.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual(["temp_max", "temp_min"]);
    expect(parsed.dataset_drift).toBe(true);
    expect(parsed.columns[0]?.reason).toBe("set in models/seattle-rain/model.md monitoring.columns.month");
    expect(parsed.notes).toEqual(["the target rain is not in the current data (labels not known yet): not compared"]);
    await runCli(["drift", "seattle-rain", "--root", repo, "--date", "2016-01-01", "--json"]);
    expect(readFileSync(report("2016-01-01"), "utf8")).toBe(written);
  });

  it("exits 1 when the window drifts, and says so", async () => {
    const run = await runCli([
      "drift",
      "seattle-rain",
      "--root",
      repo,
      "--until",
      "2015-04-01",
      "--date",
      "2015-04-01",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe("seattle-rain: drift in 4 of 4 columns (share 1 ≥ 0.5): dataset drift");
    expect(run.stdout).toContain("wrote reports/drift/seattle-rain/2015-04-01.json");
    expect(JSON.parse(readFileSync(report("2015-04-01"), "utf8")).current.rows).toBe(90);
  });

  it("a malformed value in the current data is a usage error naming the file, with no report", async () => {
    const current = csv("bad-date.csv", "row_id,date,month,temp_max,temp_min,wind", [
      "1,2015-02-28,2,5.6,-3.2,1.2",
      "2,2015-02-29,2,6.1,0.5,2.3",
    ]);
    const run = await runCli(["drift", "seattle-rain", "--root", repo, "--current", current, "--date", "2098-01-01"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /cannot read the samples \(reference training split .*; current .*bad-date\.csv\): .*2015-02-29/,
    );
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(report("2098-01-01"))).toBe(false);
  });

  it("writes no report when the current data lacks a feature", async () => {
    const current = csv("no-wind.csv", "row_id,date,month,temp_max,temp_min", ["1,2015-01-01,1,5.6,-3.2"]);
    const run = await runCli(["drift", "seattle-rain", "--root", repo, "--current", current, "--date", "2099-01-01"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/column "wind" is missing from the current sample/);
    expect(existsSync(report("2099-01-01"))).toBe(false);
  });

  it("compares with the committed profile: binned tests from its counts, raw-value tests on its ECDFs, the 2015 shift found", async () => {
    const missing = await runCli(["drift", "seattle-rain", "--root", repo, "--from-profile", "--no-write"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no reference profile at reports/profiles/seattle-weather/1.0.0.json");
    expect((await runCli(["profile", "seattle-weather", "--root", repo])).code).toBe(0);
    const run = await runCli(["drift", "seattle-rain", "--root", repo, "--from-profile", "--no-write", "--json"]);
    const parsed = DriftReportSchema.parse(JSON.parse(run.stdout));
    expect(parsed.reference).toEqual({
      source: "reports/profiles/seattle-weather/1.0.0.json",
      kind: "profile",
      rows: 1096,
    });
    expect(parsed.columns.map((c) => `${c.column}:${c.test}:${c.binning}`)).toEqual([
      "month:chisquare:one bin per value of the reference profile (12 bins)",
      "temp_max:wasserstein_norm:ECDFs compared at the edges of the reference profile's histogram bins (19 bins)",
      "temp_min:wasserstein_norm:ECDFs compared at the edges of the reference profile's histogram bins (27 bins)",
      "wind:ks:ECDFs compared at the edges of the reference profile's histogram bins (20 bins)",
    ]);
    // The card judges temperatures by normed Wasserstein: from the profile's ECDFs the warm 2015
    // season drifts as it does against the training split (0.18 and 0.16 there).
    expect(parsed.columns.map((c) => [c.column, Number(c.statistic?.toFixed(4)), c.drifted])).toEqual([
      ["month", 0.0027, false],
      ["temp_max", 0.1773, true],
      ["temp_min", 0.1573, true],
      ["wind", 0.0408, false],
    ]);
    expect(parsed.dataset_drift).toBe(true);
    expect(parsed.columns[1]?.warnings).toEqual([
      "wasserstein_norm from the profile's histogram: the ECDFs are compared at its bin edges, exact to within one bin width",
    ]);
    expect(parsed.columns[3]?.reason).toMatch(
      /1096 reference values .*: Wasserstein distance normed by the reference std; from a profile, Kolmogorov–Smirnov on the ECDFs at its bin edges instead \(conservative: never more false alarms than on raw values\)$/,
    );
    const ks = await runCli([
      "drift",
      "seattle-rain",
      "--root",
      repo,
      "--from-profile",
      "--no-write",
      "--num-test",
      "ks",
      "--json",
    ]);
    // KS from the profile's ECDFs: the statistics of the raw values (scipy's ks_2samp on the
    // 2012–2014 and 2015 files gives D = 0.0828 for temp_max), p-values no smaller.
    const fromBins = DriftReportSchema.parse(JSON.parse(ks.stdout)).columns.filter((c) => c.test === "ks");
    expect(fromBins.map((c) => [c.column, Number(c.statistic?.toFixed(4)), c.drifted])).toEqual([
      ["month", 0.0008, false],
      ["temp_max", 0.0828, true],
      ["temp_min", 0.0654, false],
      ["wind", 0.0408, false],
    ]);
  });
});
