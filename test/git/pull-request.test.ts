import { describe, expect, it } from "vitest";
import type { Commit } from "../../core/git/log.ts";
import { parseLog } from "../../core/git/log.ts";
import { assignPullRequests, pullRequestFromSubject } from "../../core/git/pull-request.ts";

const commit = (sha: string, parents: string[], subject: string): Commit => ({
  sha,
  parents,
  author: "a",
  date: "2025-01-01T00:00:00+00:00",
  subject,
  changes: [],
});

describe("pullRequestFromSubject", () => {
  it("reads GitHub merge and squash subjects", () => {
    expect(pullRequestFromSubject("Merge pull request #45 from team/feature")).toBe(45);
    expect(pullRequestFromSubject("Add churn model (#123)")).toBe(123);
    expect(pullRequestFromSubject("Add churn model (#123)  ")).toBe(123);
    expect(pullRequestFromSubject("Fix #12 in the middle")).toBeNull();
    expect(pullRequestFromSubject("Merge branch 'main' into feature")).toBeNull();
    expect(pullRequestFromSubject("(#0)")).toBeNull();
  });
});

describe("assignPullRequests", () => {
  it("gives branch commits the number of the merge that brought them in, nested merges included", () => {
    // main: a - m1 (PR 7: b, c) - m2 (PR 8: d, which merged main's a into itself via e)
    const commits = [
      commit("m2", ["m1", "d"], "Merge pull request #8 from x/y"),
      commit("d", ["e"], "work"),
      commit("e", ["f", "a"], "Merge branch 'main' into y"),
      commit("f", ["a"], "start y"),
      commit("m1", ["a", "c"], "Merge pull request #7 from x/z"),
      commit("c", ["b"], "more (#99)"),
      commit("b", ["a"], "work"),
      commit("a", [], "init"),
    ];
    expect(Object.fromEntries(assignPullRequests(commits))).toEqual({
      m2: 8,
      d: 8,
      e: 8,
      f: 8,
      m1: 7,
      c: 99,
      b: 7,
      a: null,
    });
  });
});

describe("parseLog", () => {
  it("parses headers, raw entries and renames", () => {
    const sha = "a".repeat(40);
    const blob1 = "1".repeat(40);
    const blob2 = "2".repeat(40);
    const zero = "0".repeat(40);
    const text =
      `\x1e${sha}\x1f${"b".repeat(40)}\x1fAda\x1f2025-01-01T00:00:00+00:00\x1fRename (#3)\0\n` +
      `:100644 100644 ${blob1} ${blob2} R087\0models/a/model.md\0models/b/model.md\0` +
      `:000000 100644 ${zero} ${blob1} A\0reports/x.json\0`;
    expect(parseLog(text)).toEqual([
      {
        sha,
        parents: ["b".repeat(40)],
        author: "Ada",
        date: "2025-01-01T00:00:00+00:00",
        subject: "Rename (#3)",
        changes: [
          { status: "R", oldPath: "models/a/model.md", path: "models/b/model.md", oldBlob: blob1, newBlob: blob2 },
          { status: "A", oldPath: "reports/x.json", path: "reports/x.json", oldBlob: undefined, newBlob: blob1 },
        ],
      },
    ]);
  });
});
