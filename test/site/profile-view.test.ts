import { describe, expect, it } from "vitest";
import type { ProfileColumn } from "../../core/schemas/profile.ts";
import type { LoadedProfile } from "../../site/lib/data/reports.ts";
import { buildProfileView, coarsenBins, profileDistribution } from "../../site/lib/view/profile-view.ts";
import { compareVersions } from "../../site/lib/view/site-index.ts";

const numeric: ProfileColumn = {
  name: "x",
  type: "number",
  duckdb_type: "DOUBLE",
  count: 8,
  nulls: 2,
  distinct: 8,
  distinct_method: "exact",
  min: 0,
  max: 4,
  histogram: { width: 1, edges: [0, 1, 2, 3, 4], counts: [1, 2, 3, 2] },
};

const category: ProfileColumn = {
  name: "c",
  type: "category",
  duckdb_type: "VARCHAR",
  count: 10,
  nulls: 0,
  distinct: 3,
  distinct_method: "exact",
  min: null,
  max: null,
  top: {
    values: [
      { value: "a", count: 6 },
      { value: "b", count: 3 },
    ],
    rest: 1,
    complete: false,
  },
};

describe("coarsenBins", () => {
  it("merges neighbouring bins until few enough remain, keeping the outer edges", () => {
    expect(coarsenBins([0, 1, 2, 3, 4, 5], [1, 1, 1, 1, 1], 3)).toEqual({ edges: [0, 2, 4, 5], counts: [2, 2, 1] });
    expect(coarsenBins([0, 1, 2], [4, 5], 3)).toEqual({ edges: [0, 1, 2], counts: [4, 5] });
  });
});

describe("profileDistribution", () => {
  it("turns a histogram into shares of the non-null rows", () => {
    expect(profileDistribution(numeric)).toEqual({
      column: "x",
      labels: ["[0, 1)", "[1, 2)", "[2, 3)", "[3, 4)"],
      series: { rows: [0.125, 0.25, 0.375, 0.25] },
    });
  });

  it("turns top values into shares, with the rest as (other)", () => {
    expect(profileDistribution(category)).toEqual({
      column: "c",
      labels: ["a", "b", "(other)"],
      series: { rows: [0.6, 0.3, 0.1] },
    });
  });

  it("has nothing to draw for an empty column", () => {
    expect(profileDistribution({ ...numeric, count: 0 })).toBeUndefined();
  });
});

describe("buildProfileView", () => {
  const profile = (version: string): LoadedProfile => ({
    file: `reports/profiles/d/${version}.json`,
    dataset: "d",
    version,
    profile: {
      apiVersion: "almanac/v1",
      kind: "DatasetProfile",
      source: { files: [], format: "csv" },
      rows: 10,
      columns: [numeric, category],
    },
  });

  it("shows the manifest's version, else the latest profiled one", () => {
    const profiles = [profile("1.2.0"), profile("1.10.0")].sort((a, b) => compareVersions(a.version, b.version));
    expect(profiles.map((item) => item.version)).toEqual(["1.2.0", "1.10.0"]);
    expect(buildProfileView(profiles, "1.2.0")).toMatchObject({ version: "1.2.0", current: true });
    const latest = buildProfileView(profiles, "2.0.0");
    expect(latest).toMatchObject({ version: "1.10.0", current: false, rows: 10 });
    expect(latest?.charts.map((chart) => chart.title)).toEqual(["Distribution of x", "Distribution of c"]);
    expect(buildProfileView(undefined, "1.0.0")).toBeUndefined();
  });

  it("charts no id column, and keeps its table row", () => {
    const view = buildProfileView([profile("1.0.0")], "1.0.0", new Set(["x"]));
    expect(view?.charts.map((chart) => chart.title)).toEqual(["Distribution of c"]);
    expect(view?.columns.map((column) => column.name)).toEqual(["x", "c"]);
  });
});
