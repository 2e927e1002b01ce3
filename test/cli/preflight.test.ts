import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lineOf, snapshotTree } from "../support/tiny-repo.ts";
import { makeRepo, runCli } from "../train/fixture-repo.ts";

const CARD = "models/seattle-rain/model.md";
const MANIFEST = "datasets/seattle-weather/dataset.yaml";
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** A copy of the seattle-rain example after `edits` (file → [from, to] replacements). */
async function repoWith(edits: Record<string, [string, string][]>): Promise<string> {
  const root = await makeRepo({ datasets: ["seattle-weather"], models: ["seattle-rain"] });
  roots.push(root);
  for (const [file, replacements] of Object.entries(edits)) {
    let text = await readFile(join(root, file), "utf8");
    for (const [from, to] of replacements) {
      expect(text).toContain(from);
      text = text.replace(from, to);
    }
    await writeFile(join(root, file), text);
  }
  return root;
}

/** Runs a verb and checks the habits of every refusal: exit code, no stack trace, nothing written. */
async function refused(root: string, args: string[], code = 1) {
  const before = await snapshotTree(root);
  const run = await runCli(args, root);
  expect(run.code).toBe(code);
  expect(run.stderr).not.toContain("internal error");
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(await snapshotTree(root)).toEqual(before);
  return run;
}

/** `file:line:col error field:` of the first line of `file` that contains `needle`. */
async function at(root: string, file: string, needle: string, column: number, field: string) {
  const line = lineOf(await readFile(join(root, file), "utf8"), needle);
  return `${file}:${line}:${column} error ${field}:`;
}

describe("train, evaluate, drift and profile check the card and dataset first", () => {
  it("a target typo is a positioned finding with a did-you-mean in every model verb", async () => {
    const root = await repoWith({ [CARD]: [["target: rain", "target: rian"]] });
    const where = await at(root, CARD, "target: rian", 11, "dataset.target");
    for (const verb of [["train"], ["evaluate"], ["drift", "--no-write"]]) {
      const run = await refused(root, [verb[0] as string, "seattle-rain", ...verb.slice(1)]);
      expect(run.stderr).toContain(`${where} target column "rian" is not in dataset seattle-weather`);
      expect(run.stderr).toContain('hint: did you mean "rain"?');
      expect(run.stderr).not.toContain("Binder Error");
    }
  });

  it("a wrong dataset version does not hide a feature typo", async () => {
    const root = await repoWith({
      [CARD]: [
        ["  version: 1.0.0", "  version: 1.0.1"],
        ["features: [month,", "features: [mnth,"],
      ],
    });
    const run = await refused(root, ["evaluate", "seattle-rain"]);
    expect(run.stderr).toContain(
      `${await at(root, CARD, "version: 1.0.1", 12, "dataset.version")} dataset "seattle-weather" has no version 1.0.1 (found: 1.0.0)`,
    );
    expect(run.stderr).toContain('feature column "mnth" is not in dataset seattle-weather');
    expect(run.stderr).toContain('did you mean "month"?');
    expect(run.stderr).toContain("error cannot evaluate seattle-rain: 2 errors, 0 warnings in 1 file");
  });

  it("drift with a missing data file names the manifest entry instead of DuckDB's IO error", async () => {
    const root = await repoWith({});
    await rm(join(root, "datasets/seattle-weather/data/seattle-weather-2012-2014.csv"));
    const run = await refused(root, ["drift", "seattle-rain", "--no-write"]);
    expect(run.stderr).toContain(
      `${await at(root, MANIFEST, "path: data/seattle-weather-2012-2014.csv", 11, "files[0].path")} data/seattle-weather-2012-2014.csv does not exist`,
    );
    expect(run.stderr).not.toContain("IO Error");
  });

  it("drift whose monitoring.current points at nothing names that card field", async () => {
    const root = await repoWith({ [CARD]: [["current/2015.csv", "current/2016.csv"]] });
    const run = await refused(root, ["drift", "seattle-rain", "--no-write"]);
    expect(run.stderr).toContain(
      `${await at(root, CARD, "current: datasets", 12, "monitoring.current")} file not found: datasets/seattle-weather/current/2016.csv`,
    );
  });

  it("monitoring typos (timestamp, per-column settings) are positioned findings before drift", async () => {
    const root = await repoWith({
      [CARD]: [
        ["timestamp: date", "timestamp: dat"],
        ["    temp_max: {", "    tmp_max: {"],
      ],
    });
    const run = await refused(root, ["drift", "seattle-rain", "--no-write"]);
    expect(run.stderr).toContain(
      `${await at(root, CARD, "timestamp: dat", 14, "monitoring.timestamp")} timestamp column "dat" is not in dataset seattle-weather`,
    );
    expect(run.stderr).toContain(
      `${await at(root, CARD, "tmp_max: {", 5, "monitoring.columns.tmp_max")} "tmp_max" is not a feature or the target, so drift never compares it`,
    );
    expect(run.stderr).toContain('did you mean "temp_max"?');
  });

  it("an unknown drift test or an out-of-range threshold in monitoring.columns is a positioned finding", async () => {
    const root = await repoWith({
      [CARD]: [
        ["month: { test: chisquare, threshold: 0.05 }", "month: { test: chi-square, threshold: 0.05 }"],
        ["temp_max: { test: wasserstein_norm, threshold: 0.1 }", "temp_max: { test: ks, threshold: 5 }"],
      ],
    });
    const run = await refused(root, ["drift", "seattle-rain", "--no-write"]);
    expect(run.stderr).toContain(
      `${await at(root, CARD, "month: {", 20, "monitoring.columns.month.test")} unknown drift test "chi-square"`,
    );
    expect(run.stderr).toContain('did you mean "chisquare"?');
    expect(run.stderr).toContain(
      `${await at(root, CARD, "temp_max: {", 38, "monitoring.columns.temp_max.threshold")} threshold 5 for ks is out of range: expected a significance level (drift when p < threshold) in (0, 1)`,
    );
  });

  it("current data without the time window's column names the column instead of a binder error", async () => {
    const root = await repoWith({});
    await writeFile(join(root, "current.csv"), "row_id,temp_max\n1,3\n");
    const run = await refused(root, ["drift", "seattle-rain", "--current", join(root, "current.csv"), "--no-write"], 2);
    expect(run.stderr).toContain('current.csv has no column "date" to apply the time window on');
    expect(run.stderr).toContain("its columns: row_id, temp_max");
    expect(run.stderr).not.toContain("Binder");
  });

  it("a card schema error and a target typo are both listed before training", async () => {
    const root = await repoWith({
      [CARD]: [
        ["primary_metric:", "primary_metirc:"],
        ["target: rain", "target: rian"],
      ],
    });
    const run = await refused(root, ["train", "seattle-rain"]);
    expect(run.stderr).toContain('unknown key "primary_metirc"');
    expect(run.stderr).toContain('did you mean "primary_metric"?');
    expect(run.stderr).toContain('target column "rian" is not in dataset seattle-weather');
  });

  it("a split key typo in the manifest stops evaluate", async () => {
    const root = await repoWith({ [MANIFEST]: [["key: row_id", "key: row_idd"]] });
    const run = await refused(root, ["evaluate", "seattle-rain"]);
    expect(run.stderr).toContain(
      `${await at(root, MANIFEST, "key: row_idd", 8, "split.key")} split key "row_idd" is not a declared column`,
    );
  });

  it("a column the manifest declares but the data lacks stops train", async () => {
    const root = await repoWith({
      [MANIFEST]: [["name: wind", "name: windy"]],
      [CARD]: [["temp_min, wind]", "temp_min, windy]"]],
    });
    const run = await refused(root, ["train", "seattle-rain"]);
    expect(run.stderr).toContain(
      `${await at(root, MANIFEST, "name: windy", 11, "columns[5].name")} column "windy" is declared but data/seattle-weather-2012-2014.csv has no such column`,
    );
  });

  it("a dataset id typo is a finding with the datasets that exist", async () => {
    const root = await repoWith({ [CARD]: [["  id: seattle-weather", "  id: seattle-weathr"]] });
    const run = await refused(root, ["train", "seattle-rain"]);
    expect(run.stderr).toContain(
      `${await at(root, CARD, "id: seattle-weathr", 7, "dataset.id")} dataset "seattle-weathr" does not exist`,
    );
    expect(run.stderr).toContain('did you mean "seattle-weather"?');
  });

  it("profile of an invalid manifest lists its findings", async () => {
    const root = await repoWith({ [MANIFEST]: [["\nversion: 1.0.0", "\nversion: one"]] });
    const run = await refused(root, ["profile", "seattle-weather"]);
    expect(run.stderr).toContain(`${await at(root, MANIFEST, "version: one", 10, "version")} expected a semantic`);
  });

  it("an unknown model is a usage error with a did-you-mean", async () => {
    const root = await repoWith({});
    const run = await refused(root, ["train", "seattle-ran"], 2);
    expect(run.stderr).toContain('unknown model "seattle-ran"');
    expect(run.stderr).toContain('did you mean "seattle-rain"?');
  });
});
