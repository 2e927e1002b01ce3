import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Commit, readLog, splitRuns, streamLog } from "../../core/git/log.ts";
import { generateHistory } from "../../scripts/generate-history.ts";

describe("splitRuns", () => {
  it("cuts the commits into consecutive runs of near-equal length, one per process", () => {
    expect(splitRuns(["a", "b", "c"], 2, 1)).toEqual([["a", "b"], ["c"]]);
    expect(splitRuns(["a", "b", "c", "d"], 3, 1)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("gives each run at least the minimum, and keeps one run for few commits or one process", () => {
    expect(splitRuns(["a", "b", "c", "d", "e"], 4, 2)).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    expect(splitRuns(["a", "b"], 4, 5)).toEqual([["a", "b"]]);
    expect(splitRuns(["a", "b", "c"], 1, 1)).toEqual([["a", "b", "c"]]);
    expect(splitRuns([], 2, 1)).toEqual([]);
  });
});

describe("streamLog on a generated repository (merges, renames, a branch)", () => {
  let dir: string;
  let expected: Commit[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "almanac-log-"));
    await generateHistory(dir, { models: 12, datasets: 3, commits: 20, rows: 200 });
    expected = await readLog(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const streamed = async (options: Parameters<typeof streamLog>[1]) => {
    const commits: Commit[] = [];
    await streamLog(dir, options, (commit) => commits.push(commit));
    return commits;
  };

  it("gives git log's commits, order and diffs when three git processes diff them side by side", async () => {
    expect(expected.length).toBeGreaterThan(200);
    expect(expected.some((commit) => commit.parents.length === 2)).toBe(true);
    expect(expected.some((commit) => commit.changes.some((change) => change.status === "R"))).toBe(true);
    expect(await streamed({ processes: 3, minCommitsPerProcess: 1 })).toEqual(expected);
  });

  it("gives the same with one process, and for another revision", async () => {
    expect(await streamed({ processes: 1 })).toEqual(expected);
    const branch = await readLog(dir, { revisions: ["pr/retrain"] });
    expect(await streamed({ revisions: ["pr/retrain"], processes: 2, minCommitsPerProcess: 1 })).toEqual(branch);
  });

  it("keeps one path-limited git log when paths are given", async () => {
    const paths = ["models"];
    expect(await streamed({ paths, processes: 2, minCommitsPerProcess: 1 })).toEqual(await readLog(dir, { paths }));
  });
});
