import { createHash } from "node:crypto";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { retrain } from "../../core/retrain/retrain.ts";
import { AlmanacError } from "../../core/util/errors.ts";
import { makeRepo, PROJECT } from "../train/fixture-repo.ts";

/** The retraining policy of models/seattle-rain/model.md (the example card declares it). */
const POLICY = /\nretraining:\n(?: {2}.*\n)+/;
const LABELLED = "datasets/seattle-weather/labelled";

let root: string;

/** Every file under the root (node_modules and core are links to the checkout) with its hash. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (relative: string) => {
    for (const entry of await readdir(join(dir, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) await walk(path);
      else
        out[path] = createHash("sha256")
          .update(await readFile(join(dir, path)))
          .digest("hex");
    }
  };
  await walk("");
  return out;
}

async function editCard(edit: (text: string) => string): Promise<void> {
  const path = join(root, "models/seattle-rain/model.md");
  await writeFile(path, edit(await readFile(path, "utf8")));
}

/** Runs retrain and returns its error; the scorer must never be reached by bad input. */
async function failure(): Promise<AlmanacError> {
  const before = await snapshot(root);
  const error = await retrain({
    root,
    id: "seattle-rain",
    dryRun: false,
    env: process.env,
    onOutput: () => {},
    scorer: async () => {
      throw new Error("bad input must stop before the production artifact is scored");
    },
  }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AlmanacError);
  expect(await snapshot(root)).toEqual(before);
  return error as AlmanacError;
}

beforeEach(async () => {
  root = await makeRepo({ datasets: ["seattle-weather"], models: ["seattle-rain"] });
  await cp(join(PROJECT, "reports/drift/seattle-rain"), join(root, "reports/drift/seattle-rain"), { recursive: true });
  expect(await readFile(join(root, "models/seattle-rain/model.md"), "utf8")).toMatch(POLICY);
});

describe("almanac retrain refuses bad input, naming the file or card field, and writes nothing", () => {
  it("no retraining policy", async () => {
    await editCard((text) => text.replace(POLICY, "\n"));
    const error = await failure();
    expect(error.message).toBe(
      "models/seattle-rain/model.md: no retraining policy (the card has no `retraining:` section)",
    );
    expect(error.exitCode).toBe(2);
  });

  it("a model that is not in production", async () => {
    await editCard((text) => text.replace("stage: production", "stage: staging"));
    const error = await failure();
    expect(error.message).toBe(
      "models/seattle-rain/model.md: stage is staging; almanac retrain compares the retrained version with the production version's artifact",
    );
    expect(error.exitCode).toBe(1);
  });

  it("no fresh data in the window", async () => {
    // The labelled files exist, but the window ends before them.
    await editCard((text) =>
      text.replace('end: "2016-01-01"', 'end: "2015-01-01"').replace('start: "2015-01-01"', 'start: "2014-06-01"'),
    );
    const error = await failure();
    expect(error.message).toBe(
      'seattle-rain: no fresh labelled data in the monitoring window [2014-06-01, 2015-01-01): retraining.data "datasets/seattle-weather/labelled/*.csv" matched 4 files: 4 outside the window (datasets/seattle-weather/labelled/2015-q1.csv, datasets/seattle-weather/labelled/2015-q2.csv, datasets/seattle-weather/labelled/2015-q3.csv, datasets/seattle-weather/labelled/2015-q4.csv)',
    );
    expect(error.exitCode).toBe(1);
  });

  it("a scheduled run without fresh labels is not an error: it says why it did nothing", async () => {
    await rm(join(root, LABELLED), { recursive: true });
    const before = await snapshot(root);
    const outcome = await retrain({
      root,
      id: "seattle-rain",
      dryRun: false,
      scheduled: true,
      env: process.env,
      onOutput: () => {},
      scorer: async () => {
        throw new Error("never reached");
      },
    });
    expect(outcome.skipped).toBe(
      'seattle-rain: no fresh labelled data in the monitoring window [2015-01-01, 2016-01-01): retraining.data "datasets/seattle-weather/labelled/*.csv" matched 0 files',
    );
    expect(await snapshot(root)).toEqual(before);
  });

  it("no file matching retraining.data at all", async () => {
    await rm(join(root, LABELLED), { recursive: true });
    const error = await failure();
    expect(error.message).toContain('retraining.data "datasets/seattle-weather/labelled/*.csv" matched 0 files');
  });

  it("a file straddling the window's bound", async () => {
    await editCard((text) => text.replace('end: "2016-01-01"', 'end: "2015-02-15"'));
    const error = await failure();
    expect(error.message).toBe(
      "datasets/seattle-weather/labelled/2015-q1.csv: 45 of its 90 rows lie outside the monitoring window [2015-01-01, 2015-02-15) (date 2015-01-01 … 2015-03-31)",
    );
  });

  it("fresh data with a new class", async () => {
    const file = join(root, LABELLED, "2015-q3.csv");
    await writeFile(file, (await readFile(file, "utf8")).replace(/,dry\n/, ",snow\n"));
    const error = await failure();
    expect(error.message).toBe(
      'datasets/seattle-weather/labelled/2015-q3.csv: the target rain has a new class "snow" (the dataset\'s classes: dry, rain)',
    );
    expect(error.hint).toContain(
      "add it to the values of column rain in datasets/seattle-weather/dataset.yaml by hand",
    );
  });

  it("fresh data failing a check of the manifest", async () => {
    const file = join(root, LABELLED, "2015-q2.csv");
    const lines = (await readFile(file, "utf8")).split("\n");
    lines[3] = (lines[3] as string).replace(/^(\d+,[^,]+,\d+,)[^,]+/, "$199.5");
    await writeFile(file, lines.join("\n"));
    const error = await failure();
    expect(error.message.split("\n")[0]).toBe(
      "datasets/seattle-weather/dataset.yaml 1.1.0 (with datasets/seattle-weather/labelled/2015-q1.csv, datasets/seattle-weather/labelled/2015-q2.csv, datasets/seattle-weather/labelled/2015-q3.csv, datasets/seattle-weather/labelled/2015-q4.csv) fails its checks:",
    );
    expect(error.message.split("\n").slice(1)).toEqual([
      '  datasets/seattle-weather/dataset.yaml:55:10 columns[3].max: labelled/2015-q2.csv: column "temp_max": 1 row is above max 45 (largest seen: 99.5), e.g. row 3 (line 4): "99.5" (fix the values, or raise max if they are genuine)',
    ]);
  });
});
