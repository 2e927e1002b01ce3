import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitState, porcelainPaths } from "../../core/evaluate/provenance.ts";
import { describeCodeState, uncommittedWarning } from "../../core/evaluate/provenance-text.ts";
import { EvaluationSchema } from "../../core/schemas/evaluation.ts";
import { makeRepo, runCli, SCRIPTED_TRAIN, writeCard } from "../train/fixture-repo.ts";

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Ada",
  GIT_AUTHOR_EMAIL: "ada@example.com",
  GIT_COMMITTER_NAME: "Ada",
  GIT_COMMITTER_EMAIL: "ada@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};
const git = (dir: string, ...args: string[]) =>
  execFileSync("git", args, { cwd: dir, env: GIT_ENV, encoding: "utf8" }).trim();

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("gitState on real repositories", () => {
  it("outside git: no commit, clean; before the first commit: no commit, every file uncommitted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "almanac-state-"));
    dirs.push(dir);
    writeFileSync(join(dir, "a.txt"), "a\n");
    expect(await gitState(dir)).toEqual({ commit: null, dirty: false });
    git(dir, "init", "-q", "-b", "main");
    expect(await gitState(dir)).toEqual({ commit: null, dirty: true, uncommitted: ["a.txt"] });
  });

  it("lists changed, staged, renamed and untracked files, never reports/", async () => {
    const dir = mkdtempSync(join(tmpdir(), "almanac-state-"));
    dirs.push(dir);
    git(dir, "init", "-q", "-b", "main");
    await mkdir(join(dir, "models/m"), { recursive: true });
    await writeFile(join(dir, "models/m/train.ts"), "// 1\n");
    await writeFile(join(dir, "models/m/old.txt"), "old\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "init");
    const head = git(dir, "rev-parse", "HEAD");
    expect(await gitState(dir)).toEqual({ commit: head, dirty: false });
    await appendFile(join(dir, "models/m/train.ts"), "// 2\n");
    git(dir, "mv", "models/m/old.txt", "models/m/new.txt");
    await writeFile(join(dir, "models/m/notes.md"), "new\n");
    await mkdir(join(dir, "reports/models/m"), { recursive: true });
    await writeFile(join(dir, "reports/models/m/evaluation.json"), "{}\n");
    const state = await gitState(dir);
    expect(state.commit).toBe(head);
    expect(state.dirty).toBe(true);
    expect([...(state.uncommitted ?? [])].sort()).toEqual([
      "models/m/new.txt",
      "models/m/notes.md",
      "models/m/train.ts",
    ]);
  });

  it("parses porcelain -z, skipping a rename's source", () => {
    expect(porcelainPaths(" M a b.ts\0R  new.txt\0old.txt\0?? c.txt\0")).toEqual(["a b.ts", "new.txt", "c.txt"]);
  });
});

describe("what an evaluation says about its code", () => {
  it("names a clean commit, changes on top of one, or no commit", () => {
    const sha = "abc1234def5678".padEnd(40, "0");
    expect(describeCodeState({ commit: sha, dirty: false })).toBe("commit abc1234");
    expect(describeCodeState({ commit: sha, dirty: true })).toBe("uncommitted changes on top of abc1234");
    expect(describeCodeState({ commit: null, dirty: true })).toBe("not committed");
    expect(describeCodeState({ commit: null, dirty: false })).toBe("not committed");
  });
});

describe("train records and says what code it ran", () => {
  let root: string;
  beforeAll(async () => {
    root = await makeRepo({ datasets: ["seattle-weather"] });
    dirs.push(root);
    await writeCard(root, "rain", {
      dataset: "seattle-weather",
      target: "rain",
      features: ["temp_max", "wind"],
      task: "binary-classification",
      command: "node train.mjs",
      params: { mode: "constant" },
      primary: "roc_auc",
    });
    await writeFile(join(root, "models/rain/train.mjs"), SCRIPTED_TRAIN);
    git(root, "init", "-q", "-b", "main");
  });
  const provenance = async () =>
    EvaluationSchema.parse(JSON.parse(await readFile(join(root, "reports/models/rain/evaluation.json"), "utf8")))
      .provenance;

  it("before the first commit: not committed", async () => {
    const run = await runCli(["train", "rain"], root);
    expect(run.code).toBe(0);
    const recorded = await provenance();
    expect(recorded).toMatchObject({ commit: null, dirty: true });
    expect(recorded.uncommitted).toContain("models/rain/train.mjs");
    expect(run.stdout).toContain("· not committed");
    expect(run.stdout).toContain("! this evaluation was made on code that is not committed (");
  });

  it("on a clean commit: the commit, no warning; with a change on top: says so, naming the file", async () => {
    git(root, "add", "-A");
    git(root, "commit", "-q", "-m", "rain model");
    const head = git(root, "rev-parse", "HEAD");
    const clean = await runCli(["train", "rain"], root);
    expect(await provenance()).toMatchObject({ commit: head, dirty: false });
    expect((await provenance()).uncommitted).toBeUndefined();
    expect(clean.stdout).toContain(`· commit ${head.slice(0, 7)}`);
    expect(clean.stdout).not.toContain("! this evaluation");
    await appendFile(join(root, "models/rain/train.mjs"), "// tuned\n");
    const dirty = await runCli(["train", "rain"], root);
    expect(await provenance()).toMatchObject({ commit: head, dirty: true, uncommitted: ["models/rain/train.mjs"] });
    expect(dirty.stdout).toContain(
      `! this evaluation was made with uncommitted changes on top of ${head.slice(0, 7)} (models/rain/train.mjs): its numbers may not come from committed code`,
    );
  });

  it("the warning leaves out nothing but files past the first three", () => {
    const sha = "1".repeat(40);
    const warning = uncommittedWarning({
      ...({} as Parameters<typeof uncommittedWarning>[0]),
      commit: sha,
      dirty: true,
      uncommitted: ["a", "b", "c", "d"],
    });
    expect(warning).toBe(
      "this evaluation was made with uncommitted changes on top of 1111111 (a, b, c, …): its numbers may not come from committed code; commit, then train or evaluate again",
    );
  });
});
