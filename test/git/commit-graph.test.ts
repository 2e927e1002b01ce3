import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureCommitGraph } from "../../core/git/commit-graph.ts";
import { readHistory } from "../../core/git/history.ts";
import { cardText } from "./fixtures.ts";
import { createTestRepo } from "./test-repo.ts";

function repoWithCommits(count: number) {
  const repo = createTestRepo("almanac-commit-graph-");
  for (let i = 0; i < count; i++) {
    repo.commit(`Change ${i}`, { "models/churn/model.md": cardText({ id: "churn", version: `1.${i}.0` }) });
  }
  return repo;
}

const graphFile = (dir: string) => join(dir, ".git", "objects", "info", "commit-graph");

describe("ensureCommitGraph", () => {
  it("writes git's commit graph once, for a repository at or above the threshold", async () => {
    const repo = repoWithCommits(4);
    expect(await ensureCommitGraph(repo.dir, 5)).toBe(false);
    expect(existsSync(graphFile(repo.dir))).toBe(false);
    expect(await ensureCommitGraph(repo.dir, 4)).toBe(true);
    expect(existsSync(graphFile(repo.dir))).toBe(true);
    expect(await ensureCommitGraph(repo.dir, 4)).toBe(false);
    // The graph is a cache git reads: the history is the same with it.
    const events = await readHistory(repo.dir, { model: "churn" });
    expect(events.filter((event) => event.type === "version_changed").map((event) => event.to)).toEqual([
      "1.3.0",
      "1.2.0",
      "1.1.0",
    ]);
  });

  it("leaves an empty repository alone", async () => {
    const repo = createTestRepo("almanac-commit-graph-empty-");
    expect(await ensureCommitGraph(repo.dir, 0)).toBe(false);
  });
});
