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
  const parser = createBatchParser(queue);
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
  child.stdout.on("data", (chunk: Buffer) => parser(chunk));
  // Names asked for in one turn of the event loop go to git in one write, not one each.
  let names: string[] = [];
  const send = () => {
    if (names.length === 0) return;
    child.stdin.write(names.join(""));
    names = [];
  };
  const read = (name: string) =>
    new Promise<GitObject | undefined>((resolve, reject) => {
      if (failure) return reject(failure);
      if (/[\n\r]/.test(name) || name === "") return resolve(undefined);
      queue.push({ name, resolve, reject });
      if (names.length === 0) queueMicrotask(send);
      names.push(`${name}\n`);
    });
  return {
    read,
    readMany: (names) => Promise.all(names.map(read)),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("close", () => resolve());
        send();
        child.stdin.end();
      }),
  };
}

/**
 * A parser of `cat-file --batch` output fed chunk by chunk: headers are read from (rarely
 * split) small leftovers, and a body that spans chunks is collected as a list and joined
 * once, so large blobs cost no repeated copying.
 */
function createBatchParser(queue: Pending[]): (chunk: Buffer) => void {
  let leftover: Buffer | undefined;
  let body: { sha: string; type: GitObject["type"]; size: number; parts: Buffer[]; have: number } | undefined;
  return (chunk) => {
    let buffer = leftover ? Buffer.concat([leftover, chunk]) : chunk;
    leftover = undefined;
    while (buffer.length > 0) {
      if (body) {
        const need = body.size + 1 - body.have;
        if (buffer.length < need) {
          body.parts.push(buffer);
          body.have += buffer.length;
          return;
        }
        body.parts.push(buffer.subarray(0, need));
        const data = body.parts.length === 1 ? (body.parts[0] as Buffer) : Buffer.concat(body.parts);
        queue.shift()?.resolve({ sha: body.sha, type: body.type, data: data.subarray(0, body.size) });
        buffer = buffer.subarray(need);
        body = undefined;
        continue;
      }
      const end = buffer.indexOf(NEWLINE);
      if (end === -1) {
        leftover = buffer;
        return;
      }
      const header = buffer.toString("utf8", 0, end);
      buffer = buffer.subarray(end + 1);
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        queue.shift()?.resolve(undefined);
        continue;
      }
      const [sha = "", type = "", sizeText = "0"] = header.split(" ");
      body = { sha, type: type as GitObject["type"], size: Number.parseInt(sizeText, 10), parts: [], have: 0 };
    }
  };
}
