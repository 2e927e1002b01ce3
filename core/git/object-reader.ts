import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { AlmanacError } from "../util/errors.ts";
import { gitEnvironment } from "./process.ts";

/** One object read from the repository. */
export interface GitObject {
  /** Full object hash. */
  sha: string;
  type: "blob" | "tree" | "commit" | "tag";
  data: Buffer;
}

/**
 * Reads objects through ONE long-lived `git cat-file --batch` process, so reading ten
 * thousand blobs costs one process, not ten thousand. Requests are pipelined: all names are
 * written at once and answers are matched in order.
 */
export interface ObjectReader {
  /** An object by name (`<sha>`, `<rev>:<path>`, `<ref>^{commit}`); undefined when missing. */
  read(name: string): Promise<GitObject | undefined>;
  /** Many objects at once, in the order asked. */
  readMany(names: readonly string[]): Promise<(GitObject | undefined)[]>;
  /** Ends the process; pending reads still complete. */
  close(): Promise<void>;
}

interface Pending {
  name: string;
  resolve: (object: GitObject | undefined) => void;
  reject: (error: Error) => void;
}

const NEWLINE = 0x0a;

/** Starts `git cat-file --batch` in `root`. Always `close()` it (use try/finally). */
export function openObjectReader(root: string): ObjectReader {
  const child = spawn("git", ["-C", root, "cat-file", "--batch"], {
    env: gitEnvironment(),
    stdio: ["pipe", "pipe", "pipe"],
  }) as ChildProcessWithoutNullStreams;
  const queue: Pending[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  let failure: Error | undefined;
  let stderr = "";
  const fail = (error: Error) => {
    failure = error;
    for (const pending of queue.splice(0)) pending.reject(error);
  };
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  child.on("error", (error) => fail(new AlmanacError(`could not run git: ${error.message}`, { hint: "install git" })));
  child.on("close", (code) => {
    if (queue.length > 0) fail(new AlmanacError(`git cat-file stopped (exit ${code}): ${stderr.trim()}`));
  });
  child.stdin.on("error", () => {});
  child.stdout.on("data", (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    buffer = drain(buffer, queue);
  });
  const read = (name: string) =>
    new Promise<GitObject | undefined>((resolve, reject) => {
      if (failure) return reject(failure);
      if (/[\n\r]/.test(name) || name === "") return resolve(undefined);
      queue.push({ name, resolve, reject });
      child.stdin.write(`${name}\n`);
    });
  return {
    read,
    readMany: (names) => Promise.all(names.map(read)),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("close", () => resolve());
        child.stdin.end();
      }),
  };
}

/** Parses as many complete answers as the buffer holds; returns what is left over. */
function drain(buffer: Buffer, queue: Pending[]): Buffer {
  let offset = 0;
  while (queue.length > 0) {
    const end = buffer.indexOf(NEWLINE, offset);
    if (end === -1) break;
    const header = buffer.toString("utf8", offset, end);
    if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
      queue.shift()?.resolve(undefined);
      offset = end + 1;
      continue;
    }
    const [sha = "", type = "", sizeText = "0"] = header.split(" ");
    const size = Number.parseInt(sizeText, 10);
    const bodyEnd = end + 1 + size;
    if (buffer.length < bodyEnd + 1) break;
    const data = Buffer.from(buffer.subarray(end + 1, bodyEnd));
    queue.shift()?.resolve({ sha, type: type as GitObject["type"], data });
    offset = bodyEnd + 1;
  }
  return offset === 0 ? buffer : buffer.subarray(offset);
}
