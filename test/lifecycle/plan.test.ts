import { describe, expect, it } from "vitest";
import type { Commit, FileChange } from "../../core/git/log.ts";
import { planHistory } from "../../core/lifecycle/plan.ts";

const change = (status: FileChange["status"], path: string, oldPath = path): FileChange => ({
  status,
  path,
  oldPath,
  oldBlob: status === "A" ? undefined : "old",
  newBlob: status === "D" ? undefined : "new",
});
const commit = (sha: string, changes: FileChange[]): Commit => ({
  sha,
  parents: [],
  author: "a",
  date: "d",
  subject: "s",
  changes,
});

describe("planHistory", () => {
  // newest first: c renamed b→c, then (older) a renamed to b, then a created; an unrelated
  // model "b" existed and was removed before a took its name.
  const commits = [
    commit("5", [change("M", "models/c/model.md"), change("A", "reports/drift/c/2025-01-01.json")]),
    commit("4", [change("R", "models/c/model.md", "models/b/model.md")]),
    commit("3", [
      change("R", "models/b/model.md", "models/a/model.md"),
      change("R", "reports/models/b/evaluation.json", "reports/models/a/evaluation.json"),
    ]),
    commit("2", [change("M", "reports/models/a/evaluation.json"), change("D", "models/b/model.md")]),
    commit("1", [change("A", "models/a/model.md"), change("A", "models/b/model.md"), change("A", "docs/x.md")]),
  ];

  it("attributes old folders to the current id across chained renames", () => {
    const planned = planHistory(commits).map((p) => `${p.commit}:${p.kind}:${p.model}:${p.renamedFrom ?? ""}`);
    expect(planned).toEqual([
      "0:card:c:",
      "0:drift:c:",
      "1:card:c:b",
      "2:card:c:a",
      "2:evaluation:c:",
      "3:evaluation:c:",
      "3:card:b:",
      "4:card:c:",
      "4:card:b:",
    ]);
  });

  it("keeps one model's changes", () => {
    expect(planHistory(commits, { model: "b" }).map((p) => p.commit)).toEqual([3, 4]);
  });

  it("splits a rename between kinds into a removal and an addition", () => {
    const moved = [commit("1", [change("R", "archive/a.md", "models/a/model.md")])];
    expect(planHistory(moved)).toEqual([
      { commit: 0, kind: "card", model: "a", path: "models/a/model.md", oldBlob: "old", newBlob: undefined },
    ]);
  });
});
