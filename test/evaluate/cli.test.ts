import { describe, expect, it } from "vitest";
import { sortLabels } from "../../core/evaluate/labels.ts";
import { makeRepo, runCli } from "../train/fixture-repo.ts";

describe("almanac evaluate <model>: usage", () => {
  it("unknown models, missing predictions and conflicting baselines are usage errors (exit 2)", async () => {
    const root = await makeRepo({ datasets: ["cars"], models: ["car-mpg"] });
    const unknown = await runCli(["evaluate", "car-mgp"], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown model "car-mgp"');
    const none = await runCli(["evaluate", "car-mpg"], root);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no predictions for car-mpg (reports/models/car-mpg/predictions.csv.gz)");
    expect(none.stderr).toContain("run `almanac train car-mpg`, or pass --predictions FILE");
    const both = await runCli(["evaluate", "car-mpg", "--baseline", "a.json", "--baseline-ref", "main"], root);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("pass --baseline or --baseline-ref, not both");
  });
});

describe("sortLabels", () => {
  it("sorts numerically when every label is a number, else by code point", () => {
    expect(sortLabels(["rain", "dry", "rain"])).toEqual(["dry", "rain"]);
    expect(sortLabels(["10", "9", "-1"])).toEqual(["-1", "9", "10"]);
    expect(sortLabels(["b", "B", "a"])).toEqual(["B", "a", "b"]);
  });
});
