import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectDriftReports, pushReports } from "../../core/github/push-reports.ts";

let temp: string;
let bare: string;

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-C", cwd, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** A clone as a workflow job has it: checked out at the commit the run started from. */
function clone(name: string): string {
  const dir = join(temp, name);
  execFileSync("git", ["clone", "--quiet", bare, dir]);
  git(dir, "config", "user.name", "test");
  git(dir, "config", "user.email", "test@almanac.invalid");
  return dir;
}

/** A downloaded artifact folder: drift-<model>/<date>.json. */
function artifact(name: string, reports: Record<string, string>): string {
  const dir = join(temp, name);
  for (const [path, text] of Object.entries(reports)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), "almanac-push-"));
  bare = join(temp, "origin.git");
  execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  const seed = clone("seed");
  writeFileSync(join(seed, "README.md"), "registry\n");
  git(seed, "add", "README.md");
  git(seed, "commit", "--quiet", "-m", "start");
  git(seed, "push", "--quiet", "origin", "HEAD:main");
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

describe("pushReports", () => {
  it("two concurrent writers both land: different reports side by side, the same path as the newer report", async () => {
    const first = clone("job-a");
    const second = clone("job-b");
    // Both jobs started from the same commit; meanwhile someone else pushed to main.
    const other = clone("other");
    writeFileSync(join(other, "NOTES.md"), "unrelated\n");
    git(other, "add", "NOTES.md");
    git(other, "commit", "--quiet", "-m", "meanwhile");
    git(other, "push", "--quiet", "origin", "HEAD:main");

    const a = await collectDriftReports(
      artifact("a", { "drift-churn/2026-01-02.json": '{"run":"a"}\n', "drift-fraud/2026-01-02.json": '{"run":"a"}\n' }),
    );
    const b = await collectDriftReports(
      artifact("b", { "drift-churn/2026-01-02.json": '{"run":"b"}\n', "drift-rain/2026-01-02.json": '{"run":"b"}\n' }),
    );
    const log: string[] = [];
    const options = { branch: "main", message: "Drift reports", backoffMs: 5, log: (line: string) => log.push(line) };
    const [resultA, resultB] = await Promise.all([
      pushReports({ ...options, root: first, files: a }),
      pushReports({ ...options, root: second, files: b }),
    ]);
    expect([resultA.action, resultB.action]).toEqual(["pushed", "pushed"]);

    const check = clone("check");
    expect(readFileSync(join(check, "NOTES.md"), "utf8")).toBe("unrelated\n");
    expect(readFileSync(join(check, "reports/drift/fraud/2026-01-02.json"), "utf8")).toBe('{"run":"a"}\n');
    expect(readFileSync(join(check, "reports/drift/rain/2026-01-02.json"), "utf8")).toBe('{"run":"b"}\n');
    // The writer that pushed last (its commit is the tip) holds the same-path report: the newer one.
    const tip = git(check, "rev-parse", "main");
    const last = resultA.action === "pushed" && resultA.commit === tip ? "a" : "b";
    if (last === "b") expect(resultB).toMatchObject({ commit: tip });
    expect(readFileSync(join(check, "reports/drift/churn/2026-01-02.json"), "utf8")).toBe(`{"run":"${last}"}\n`);
    expect(git(check, "log", "--format=%s", "main").split("\n")).toEqual([
      "Drift reports",
      "Drift reports",
      "meanwhile",
      "start",
    ]);
    expect(log.some((line) => line.includes("rejected"))).toBe(true);
  });

  it("makes no commit when the tip already holds the same reports (a re-run)", async () => {
    const files = await collectDriftReports(artifact("a", { "drift-churn/2026-01-02.json": "{}\n" }));
    expect((await pushReports({ root: clone("one"), branch: "main", files, message: "m", backoffMs: 1 })).action).toBe(
      "pushed",
    );
    expect(await pushReports({ root: clone("two"), branch: "main", files, message: "m", backoffMs: 1 })).toEqual({
      action: "unchanged",
    });
  });

  it("gives up after its attempts with a message that says why", async () => {
    const files = await collectDriftReports(artifact("a", { "drift-churn/2026-01-02.json": "{}\n" }));
    const root = clone("one");
    git(root, "remote", "set-url", "--push", "origin", join(temp, "missing.git"));
    await expect(pushReports({ root, branch: "main", files, message: "m", attempts: 2, backoffMs: 1 })).rejects.toThrow(
      "could not push the reports to main after 2 attempts",
    );
  });

  it("refuses an artifact folder that is not a model id", async () => {
    await expect(collectDriftReports(artifact("a", { "drift-../x/1.json": "{}" }))).rejects.toThrow(
      "does not name a model id",
    );
  });
});
