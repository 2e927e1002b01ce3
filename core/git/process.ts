import { spawn } from "node:child_process";
import { AlmanacError } from "../util/errors.ts";

/** Options for one git invocation. */
export interface GitOptions {
  /** Extra environment variables (e.g. GIT_AUTHOR_DATE in tests). */
  env?: Record<string, string>;
  /** Bytes written to stdin, then stdin is closed. */
  input?: string | Uint8Array;
  /** Exit codes that are not failures (e.g. 1 for `git diff --quiet`). */
  okCodes?: readonly number[];
}

/** What a finished git process produced. */
export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** Environment every Almanac git process runs with: no pager, no prompts, stable output. */
export function gitEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    GIT_OPTIONAL_LOCKS: "0",
    LC_ALL: "C",
    ...extra,
  };
}

/**
 * Runs `git -C root args…` to completion and returns its raw stdout. Throws an AlmanacError
 * naming the command and git's own message when git is missing or exits with a failure.
 */
export function runGit(root: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-C", root, ...args], {
      env: gitEnvironment(options.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => errors.push(chunk));
    child.on("error", (error) => reject(gitMissing(error)));
    child.on("close", (code) => {
      const result = { stdout: Buffer.concat(chunks), stderr: Buffer.concat(errors).toString("utf8"), code: code ?? 1 };
      if (result.code === 0 || options.okCodes?.includes(result.code)) resolve(result);
      else reject(gitFailed(args, result));
    });
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

/** Runs git and returns stdout as UTF-8 text without the trailing newline. */
export async function gitText(root: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const { stdout } = await runGit(root, args, options);
  return stdout.toString("utf8").replace(/\n$/, "");
}

function gitMissing(error: Error): AlmanacError {
  return new AlmanacError(`could not run git: ${error.message}`, {
    hint: "install git and make sure it is on PATH",
    cause: error,
  });
}

function gitFailed(args: readonly string[], result: GitResult): AlmanacError {
  const message = result.stderr.trim().split("\n")[0] ?? "";
  if (/not a git repository/i.test(message)) {
    return new AlmanacError("not a git repository", {
      hint: "run Almanac inside a git checkout, or pass --root <dir> pointing at one",
    });
  }
  return new AlmanacError(`git ${args[0] ?? ""} failed (exit ${result.code}): ${message || "no message"}`, {
    hint: "run the same git command by hand to see the full error",
  });
}

/**
 * Runs git and hands stdout to `onData` chunk by chunk (for output too large to hold twice,
 * or to overlap work with git's). `input`, when given, is written to git's stdin. Rejects like
 * {@link runGit} on failure.
 */
export function streamGit(
  root: string,
  args: readonly string[],
  onData: (chunk: Buffer) => void,
  input?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-C", root, ...args], { env: gitEnvironment(), stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
    const errors: Buffer[] = [];
    let failure: unknown;
    child.stdout.on("data", (chunk: Buffer) => {
      if (failure !== undefined) return;
      try {
        onData(chunk);
      } catch (error) {
        failure = error;
        child.kill();
      }
    });
    child.stderr.on("data", (chunk: Buffer) => errors.push(chunk));
    child.on("error", (error) => reject(gitMissing(error)));
    child.on("close", (code) => {
      if (failure !== undefined) return reject(failure);
      const stderr = Buffer.concat(errors).toString("utf8");
      if (code === 0) resolve();
      else reject(gitFailed(args, { stdout: Buffer.alloc(0), stderr, code: code ?? 1 }));
    });
  });
}
