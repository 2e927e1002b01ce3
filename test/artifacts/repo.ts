import { execFileSync } from "node:child_process";
import { makeRepo, runCli } from "../train/fixture-repo.ts";

/** Runs git in a test repository with a fixed identity and no user or system config. */
export function git(root: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Ada Lovelace",
      GIT_AUTHOR_EMAIL: "ada@example.com",
      GIT_COMMITTER_NAME: "Almanac Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
    },
  }).trim();
}

/** Commits everything in the repository. */
export function commitAll(root: string, message: string): void {
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", message);
}

/**
 * A throwaway git repository with copies of example models and their datasets, each trained by
 * `almanac train` and committed (the evaluations record the artifacts, the cache holds them).
 */
export async function trainedRepo(models: Array<{ model: string; dataset: string }>): Promise<string> {
  const root = await makeRepo({ datasets: models.map((m) => m.dataset), models: models.map((m) => m.model) });
  git(root, "init", "-q", "-b", "main");
  commitAll(root, "models");
  for (const { model } of models) {
    const { code, stderr } = await runCli(["train", model], root);
    if (code !== 0) throw new Error(`almanac train ${model} failed:\n${stderr}`);
  }
  commitAll(root, "evaluations");
  return root;
}
