import { spawn } from "node:child_process";

/** One commit of a generated history: who, when, why, and the files it writes (null deletes). */
export interface PlannedCommit {
  /** Seconds since the epoch (UTC). */
  time: number;
  author: string;
  subject: string;
  files: Map<string, Buffer | string | null>;
}

const EMAIL_DOMAIN = "example.com";

function emailOf(author: string): string {
  return `${author.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@${EMAIL_DOMAIN}`;
}

function* streamOf(commits: readonly PlannedCommit[], branch: string): Generator<Buffer> {
  for (const [index, commit] of commits.entries()) {
    const identity = `${commit.author} <${emailOf(commit.author)}> ${commit.time} +0000`;
    const message = Buffer.from(`${commit.subject}\n`);
    yield Buffer.from(`commit refs/heads/${branch}\nmark :${index + 1}\nauthor ${identity}\ncommitter ${identity}\n`);
    yield Buffer.from(`data ${message.length}\n`);
    yield message;
    if (index > 0) yield Buffer.from(`from :${index}\n`);
    for (const [path, content] of [...commit.files].sort(([a], [b]) => a.localeCompare(b))) {
      if (content === null) {
        yield Buffer.from(`D ${path}\n`);
        continue;
      }
      const bytes = typeof content === "string" ? Buffer.from(content) : content;
      yield Buffer.from(`M 100644 inline ${path}\ndata ${bytes.length}\n`);
      yield bytes;
      yield Buffer.from("\n");
    }
    yield Buffer.from("\n");
  }
}

function git(dir: string, args: string[], input?: Iterable<Buffer>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-C", dir, ...args], {
      stdio: ["pipe", "ignore", "pipe"],
      env: { ...process.env, LC_ALL: "C" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`git ${args[0]} failed: ${stderr}`))));
    if (input) {
      (async () => {
        for (const chunk of input) {
          if (!child.stdin.write(chunk)) await new Promise((drain) => child.stdin.once("drain", drain));
        }
        child.stdin.end();
      })().catch(reject);
    } else child.stdin.end();
  });
}

/**
 * Writes a linear git history into a new repository at `dir` in ONE `git fast-import`
 * process (thousands of commits in seconds), then checks HEAD out so the working tree
 * is the last commit's. Deterministic: fixed authors, dates and file contents give the
 * same commit hashes everywhere.
 */
export async function writeHistory(dir: string, commits: readonly PlannedCommit[], branch = "main"): Promise<void> {
  await git(dir, ["init", "-q", "-b", branch]);
  await git(dir, ["fast-import", "--quiet", "--done"], [...streamOf(commits, branch), Buffer.from("done\n")]);
  await git(dir, ["reset", "-q", "--hard", branch]);
}
