import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A throwaway git repository with deterministic authors and dates. */
export interface TestRepo {
  dir: string;
  /** Runs git in the repository and returns trimmed stdout. */
  git(...args: string[]): string;
  /** Writes files (null deletes) and commits them; returns the new commit's sha. */
  commit(message: string, files: Record<string, string | Buffer | null>, author?: string): string;
  /** Creates and switches to a branch. */
  branch(name: string, from?: string): void;
  checkout(name: string): void;
  /** `git merge --no-ff` with a message; returns the merge commit's sha. */
  merge(branch: string, message: string): string;
  /** `git merge --squash` and a commit with the message. */
  squash(branch: string, message: string, author?: string): string;
  remove(): void;
}

const BASE_DATE = Date.UTC(2025, 0, 1, 12, 0, 0) / 1000;

/** Creates an empty repository on branch main under the system temp dir. */
export function createTestRepo(prefix = "almanac-git-"): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let tick = 0;
  const env = (author = "Ada Lovelace") => {
    tick++;
    const date = `${BASE_DATE + tick * 3600} +0000`;
    return {
      ...process.env,
      GIT_AUTHOR_NAME: author,
      GIT_AUTHOR_EMAIL: `${author.split(" ")[0]?.toLowerCase()}@example.com`,
      GIT_COMMITTER_NAME: "Almanac Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
    };
  };
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, env: env(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  const gitAs = (author: string | undefined, ...args: string[]) =>
    execFileSync("git", args, { cwd: dir, env: env(author), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  git("init", "-q", "-b", "main");
  return {
    dir,
    git,
    commit(message, files, author) {
      for (const [path, content] of Object.entries(files)) {
        const full = join(dir, path);
        if (content === null) {
          git("rm", "-q", "-r", "--", path);
          continue;
        }
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
        git("add", "--", path);
      }
      gitAs(author, "commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD");
    },
    branch(name, from) {
      git("checkout", "-q", "-b", name, ...(from ? [from] : []));
    },
    checkout(name) {
      git("checkout", "-q", name);
    },
    merge(branch, message) {
      gitAs(undefined, "merge", "-q", "--no-ff", "-m", message, branch);
      return git("rev-parse", "HEAD");
    },
    squash(branch, message, author) {
      git("merge", "-q", "--squash", branch);
      gitAs(author, "commit", "-q", "-m", message);
      return git("rev-parse", "HEAD");
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
